using TutorPlatform.Essays.Checking;

namespace TutorPlatform.Essays.Tests.Checking;

/// <summary>One checker for the whole test run: loading the dictionaries takes a moment.</summary>
internal static class CheckerFixture
{
    private static readonly Lazy<EssayChecker> Instance = new(() =>
    {
        var checker = new EssayChecker(new EssayCheckerOptions());
        checker.Warm();
        return checker;
    });

    private static readonly Lazy<EssayChecker> RulesOnlyInstance = new(() =>
    {
        var checker = new EssayChecker(new EssayCheckerOptions { LanguageModelPath = "" });
        checker.Warm();
        return checker;
    });

    public static EssayChecker Checker => Instance.Value;

    /// <summary>The checker without the language model: the spelling and grammar rules alone.</summary>
    public static EssayChecker RulesOnly => RulesOnlyInstance.Value;

    /// <summary>The rule ids of the confident edits of a tokenized sentence.</summary>
    public static IReadOnlyList<string> Rules(string sentence) => [.. Checker.ConfidentEdits(sentence).Select(e => e.RuleId)];
}

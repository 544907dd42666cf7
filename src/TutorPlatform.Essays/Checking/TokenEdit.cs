using TutorPlatform.Core.Essays;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// A change to a run of tokens: replace <see cref="Count"/> tokens from <see cref="First"/> with <see cref="Replacement"/>.
/// Only <see cref="Confident"/> edits are applied by <c>CorrectTokenizedSentence</c>; the rest are shown as suggestions.
/// </summary>
internal sealed record TokenEdit(
    int First,
    int Count,
    IReadOnlyList<string> Replacement,
    EssayIssueCategory Category,
    string RuleId,
    string Message,
    bool Confident,
    IReadOnlyList<IReadOnlyList<string>>? Alternatives = null)
{
    public int End => First + Count;
}

/// <summary>The words of one sentence as the rules see them.</summary>
internal sealed class SentenceView
{
    public SentenceView(IReadOnlyList<string> words)
    {
        Words = [.. words];
        Lower = [.. words.Select(w => w.ToLowerInvariant().Replace('’', '\''))];
    }

    /// <summary>The words after confident spelling fixes, in their original case.</summary>
    public string[] Words { get; }

    /// <summary>The same, lower-case, with typographic apostrophes made plain.</summary>
    public string[] Lower { get; }

    public int Count => Words.Length;

    public string At(int i) => i >= 0 && i < Lower.Length ? Lower[i] : "";
}

internal static class Casing
{
    /// <summary>Gives <paramref name="replacement"/> the capitalisation of <paramref name="original"/>.</summary>
    public static string Match(string original, string replacement)
    {
        if (original.Length == 0 || replacement.Length == 0)
        {
            return replacement;
        }

        if (original.Length > 1 && original.All(c => !char.IsLetter(c) || char.IsUpper(c)) && original.Any(char.IsLetter))
        {
            return replacement.ToUpperInvariant();
        }

        return char.IsUpper(original[0]) ? Capitalise(replacement) : replacement;
    }

    public static string Capitalise(string word) =>
        word.Length == 0 || char.IsUpper(word[0]) ? word : char.ToUpperInvariant(word[0]) + word[1..];
}

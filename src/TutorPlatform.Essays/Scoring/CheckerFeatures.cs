using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Checking;

namespace TutorPlatform.Essays.Scoring;

/// <summary>
/// Error-type rates from the project's own checker (<see cref="IEssayChecker"/>): spelling, capitalisation, agreement,
/// verb forms, confusions, articles, punctuation, per 100 words. When no checker is available the features are
/// missing (<see cref="Compute"/> returns null) and the scorer uses the training means in their place.
/// </summary>
internal static class CheckerFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "chk_spelling", "chk_capitalisation", "chk_agreement", "chk_verb_form", "chk_confusion", "chk_article",
        "chk_punctuation", "chk_run_on", "chk_doubled", "chk_vocabulary", "chk_grammar", "chk_issues_log",
    ];

    public static int Count => Names.Count;

    public static double[]? Compute(string text, EssayText essay, IEssayChecker? checker)
    {
        if (checker is null)
        {
            return null;
        }

        var issues = checker.Check(text).Issues;
        var counts = new double[Count];
        foreach (var issue in issues)
        {
            var id = issue.RuleId;
            var k = id switch
            {
                SpellingRule.RuleId => 0,
                GrammarRules.CapitalI or GrammarRules.CapitalSentenceStart => 1,
                GrammarRules.SubjectVerbAgreement or GrammarRules.ThereIsPlural or GrammarRules.UncountableNoun or GrammarRules.NounNumber or GrammarRules.OneOfThePlural => 2,
                GrammarRules.VerbFormAfterModal or GrammarRules.VerbFormAfterTo => 3,
                GrammarRules.ThanThen or GrammarRules.ItsItIs or GrammarRules.TheirThere or GrammarRules.CouldOf or GrammarRules.ToToo => 4,
                GrammarRules.ArticleAAn => 5,
                GrammarRules.CommaSplice or GrammarRules.IntroductoryComma => 6,
                GrammarRules.RunOn => 7,
                GrammarRules.DoubledWord or GrammarRules.DoubleComparative => 8,
                _ => issue.Category == EssayIssueCategory.Vocabulary ? 9 : -1,
            };
            if (k >= 0)
            {
                counts[k]++;
            }

            if (issue.Category == EssayIssueCategory.Grammar)
            {
                counts[10]++;
            }
        }

        var words = Math.Max(1, essay.LowerWords().Count);
        for (var k = 0; k < 11; k++)
        {
            counts[k] = counts[k] * 100 / words;
        }

        counts[11] = Math.Log(1 + issues.Count);
        return counts;
    }
}

using TutorPlatform.Essays.Checking;
using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests.Checking;

/// <summary>
/// Students get the newest rules; the essay scorer counts its error-rate features with the rule revision its artefact
/// was trained with, so a rule fix changes no score until the scorer is retrained and re-measured.
/// </summary>
public sealed class RuleRevisionTests
{
    // Each sentence holds an error only revision 2 corrects.
    private const string Essay =
        "If school start later, students will sleep more. Many teenager do not get enough sleep. I wake up at seven oclock every day.";

    [Fact]
    public void The_registered_checker_runs_the_newest_rules()
    {
        Assert.Equal(EssayCheckerOptions.LatestRuleRevision, new EssayCheckerOptions().RuleRevision);
        var issues = CheckerFixture.RulesOnly.Check(Essay).Issues;

        Assert.Contains(issues, i => i.RuleId == GrammarRules.SubjectVerbAgreement && Essay.Substring(i.Start, i.Length) == "start");
        Assert.Contains(issues, i => i.RuleId == GrammarRules.NounNumber && Essay.Substring(i.Start, i.Length) == "teenager");
        Assert.Contains(issues, i => i.RuleId == SpellingRule.RuleId && i.Replacements.Count > 0 && i.Replacements[0] == "o'clock");
    }

    [Fact]
    public void The_scorer_counts_its_features_with_the_rules_it_was_trained_with()
    {
        Assert.Equal(EssayScorer.FeatureRuleRevision, EssayScorer.FeatureCheckerOptions.RuleRevision);
        // The embedded artefact names the revision it was trained with.
        Assert.EndsWith($"-rules{EssayScorer.FeatureRuleRevision}", EssayScorer.Default.ModelVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_rule_revision_keeps_its_rules()
    {
        using var revision1 = new EssayChecker(new EssayCheckerOptions { LanguageModelPath = "", RuleRevision = 1 });

        var issues = revision1.Check(Essay).Issues;

        Assert.DoesNotContain(issues, i => Essay.Substring(i.Start, i.Length) is "start" or "teenager");
        // Revision 1 flags the misspelling too (so the spelling count is the same in both revisions), without "o'clock".
        var oclock = Assert.Single(issues, i => i.RuleId == SpellingRule.RuleId);
        Assert.DoesNotContain("o'clock", oclock.Replacements);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(EssayCheckerOptions.LatestRuleRevision + 1)]
    public void A_rule_revision_that_does_not_exist_is_rejected(int revision)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EssayChecker(new EssayCheckerOptions { RuleRevision = revision }));
        Assert.Contains("RuleRevision", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I wake up at seven oclock every day .", "I wake up at seven o'clock every day .")] // hunspell knows it only with the apostrophe
    [InlineData("There are three poins in the passage .", "There are three points in the passage .")] // a misspelt plural stays plural
    [InlineData("We are able to deal the probles found with it .", "We are able to deal the problems found with it .")]
    [InlineData("He was the firts president .", "He was the first president .")] // a swapped letter, not a plural
    [InlineData("The limitation on humas contacts is a problem .", "The limitation on human contacts is a problem .")] // a modifier stays singular
    public void Spelling_fixes_of_revision_2(string sentence, string expected) =>
        Assert.Equal(expected, CheckerFixture.RulesOnly.CorrectTokenizedSentence(sentence));

    [Theory]
    [InlineData("Surveillance technology : A prospering technology")]
    [InlineData("Population ageing : A more and more attention-getting topic")]
    public void A_short_topic_and_subtitle_line_gets_no_full_stop(string title) =>
        Assert.Equal(title, CheckerFixture.Checker.CorrectTokenizedSentence(title));
}

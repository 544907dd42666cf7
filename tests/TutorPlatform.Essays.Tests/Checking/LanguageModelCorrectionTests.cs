using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Checking;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Tests.Checking;

// The corrections the native-English language model chooses (Debian's pocketsphinx en-us trigram model): each kind
// fixes a learner error and leaves the correct near-miss alone.
public sealed class LanguageModelCorrectionTests
{
    [Theory]
    [InlineData(LanguageModelCorrector.VerbFormRule, "They have been waited for the bus for an hour .", "They have been waiting for the bus for an hour .")]
    [InlineData(LanguageModelCorrector.PrepositionRule, "He was interested on the history of Rome .", "He was interested in the history of Rome .")]
    [InlineData(LanguageModelCorrector.PrepositionRule, "It depends of the weather .", "It depends on the weather .")]
    [InlineData(LanguageModelCorrector.PrepositionRule, "I am good in playing football .", "I am good at playing football .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "Some people thinks that money is important .", "Some people think that money is important .")]
    [InlineData(GrammarRules.SubjectVerbAgreement, "My parents lives in a small town .", "My parents live in a small town .")]
    [InlineData(LanguageModelCorrector.ArticleRule, "Most people in world want to be happy .", "Most people in the world want to be happy .")]
    [InlineData(LanguageModelCorrector.NounNumberRule, "Many student study English .", "Many students study English .")]
    [InlineData(LanguageModelCorrector.ConfusedWordRule, "I do n't know were the station is .", "I do n't know where the station is .")]
    [InlineData(SpellingRule.RuleId, "I think that some thing is wrong with the car .", "I think that something is wrong with the car .")]
    [InlineData(SpellingRule.RuleId, "She likes siences and art .", "She likes science and art .")] // the rule alone ranks "sciences" first
    public void LearnerError_IsCorrectedByTheModel(string ruleId, string sentence, string expected)
    {
        SkipWithoutModel();
        Assert.Contains(ruleId, CheckerFixture.Rules(sentence));
        Assert.Equal(expected, CheckerFixture.Checker.CorrectTokenizedSentence(sentence));
    }

    [Theory]
    [InlineData("The dog wagged its tail .")] // a finite verb does not become "wagging"
    [InlineData("She has lived in London since 2010 .")]
    [InlineData("I have visited many countries in Europe .")]
    [InlineData("He goes to school by bus every morning .")]
    [InlineData("Many of the students passed the exam .")] // no article after "many of"
    [InlineData("The percentage of old people grows every year .")] // the subject is "percentage", not "people"
    [InlineData("Can it bring us any benefit ?")] // a question's verb stays in its base form
    [InlineData("We met at the station and walked home .")]
    [InlineData("If students just learn facts , they will forget them .")] // a bare plural is generic: no "the"
    [InlineData("I think school should start later in the morning .")] // a bare noun before a modal is generic in either number
    [InlineData("Surveillance technologies should not be used everywhere .")]
    [InlineData("Many science fictions have described such a future .")] // a plural after "many" stays plural
    [InlineData("If one company really uses this technology , workers complain .")] // after an adverb, "uses" is a verb
    [InlineData("Scientists want less use of cars as they are one of the greatest contributors to the air pollution .")] // "one of the … contributors" stays plural
    [InlineData("Some loose points in the wall .")] // after a determiner, "loose" is no verb
    public void CorrectSentence_IsLeftAlone(string sentence)
    {
        SkipWithoutModel();
        Assert.Empty(CheckerFixture.Checker.ConfidentEdits(sentence));
    }

    [Fact]
    public void A_noun_with_a_determiner_before_a_modal_may_still_change_number()
    {
        SkipWithoutModel();
        Assert.Equal("The rising average life expectancy can surely cause some problems .",
            CheckerFixture.Checker.CorrectTokenizedSentence("The rising average life expectancies can surely cause some problems ."));
    }

    [Fact]
    public void Edits_that_no_context_allows_are_not_made()
    {
        SkipWithoutModel();
        // A verb after an auxiliary is never in its third-person form; "there are" takes no "a"; "than" after an adverb stays.
        Assert.DoesNotContain(CheckerFixture.Checker.ConfidentEdits("Its industry which are mainly consisting of services ."),
            e => e.Replacement.Contains("consists"));
        Assert.DoesNotContain(CheckerFixture.Checker.ConfidentEdits("Definitely , there are point of view that agree ."),
            e => e.RuleId == LanguageModelCorrector.ArticleRule);
        Assert.DoesNotContain(CheckerFixture.Checker.ConfidentEdits("On TV we can understand well than book ."),
            e => e.RuleId == LanguageModelCorrector.ConfusedWordRule);
    }

    [Fact]
    public void Check_ModelCorrection_IsAnIssueWithItsSpanReplacementAndExplanation()
    {
        SkipWithoutModel();
        const string text = "He was interested on the history of Rome. Most people in world want to be happy.";

        var issues = CheckerFixture.Checker.Check(text).Issues;

        var preposition = Assert.Single(issues, i => i.RuleId == LanguageModelCorrector.PrepositionRule);
        Assert.Equal("on", text.Substring(preposition.Start, preposition.Length));
        Assert.Equal(EssayIssueCategory.Grammar, preposition.Category);
        Assert.Equal("in", preposition.Replacements[0]);
        Assert.Contains("“in”", preposition.Message, StringComparison.Ordinal);

        // A missing article is shown on the word it belongs before, so the fix replaces "world" with "the world".
        var article = Assert.Single(issues, i => i.RuleId == LanguageModelCorrector.ArticleRule);
        Assert.Equal("world", text.Substring(article.Start, article.Length));
        Assert.Equal("the world", article.Replacements[0]);
    }

    [Fact]
    public void Check_SplitWord_IsOneSpellingIssueOverBothParts()
    {
        SkipWithoutModel();
        const string text = "I think that some thing is wrong with the car.";

        var issue = Assert.Single(CheckerFixture.Checker.Check(text).Issues, i => i.Category == EssayIssueCategory.Spelling);

        Assert.Equal("some thing", text.Substring(issue.Start, issue.Length));
        Assert.Equal(EssayIssueCategory.Spelling, issue.Category);
        Assert.Equal(["something"], issue.Replacements);
    }

    [Fact]
    public void Checker_WithoutTheModelFile_WorksWithoutTheseCorrections()
    {
        Assert.Equal("sciences", CheckerFixture.RulesOnly.ConfidentEdits("She likes siences and art .").Single().Replacement[0]);

        using var checker = new EssayChecker(new EssayCheckerOptions { LanguageModelPath = Path.Combine(Path.GetTempPath(), "no-such-model.lm.bin") });

        Assert.Empty(checker.ConfidentEdits("He was interested on the history of Rome ."));
        // The rules still run.
        Assert.Equal("She ate an apple yesterday .", checker.CorrectTokenizedSentence("She ate a apple yesterday ."));
    }

    [Fact]
    public void LanguageModelWords_JoinClitics_DropPunctuation_AndMarkUnknownWords()
    {
        var vocabulary = new Dictionary<string, int> { ["i"] = 1, ["don't"] = 2, ["know"] = 3, ["it's"] = 4, ["can't"] = 5, ["late"] = 6 };
        string[] tokens = ["i", "do", "n't", "know", ",", "it", "'s", "late", ";", "ca", "n't", "xyzzy", "."];
        var position = new int[tokens.Length];

        var ids = LanguageModelCorrector.LanguageModelWords(tokens, w => vocabulary.GetValueOrDefault(w, -1), position);

        Assert.Equal([1, 2, 3, 4, 6, 5, -1], ids);
        // Only whole words can be changed in place; a word joined to its clitic, punctuation and clitics cannot.
        Assert.Equal([0, -1, -1, 2, -1, -1, -1, 4, -1, -1, -1, 6, -1], position);
    }

    [Fact]
    public void SphinxLanguageModel_PrefersTheNativeWordOrder()
    {
        var model = SphinxLanguageModel.OpenShared();
        Assert.SkipWhen(model is null, "Debian's pocketsphinx-en-us language model or libsphinxbase is not installed.");

        int[] history = [model.WordId("in"), model.WordId("interested")]; // most recent first
        var inThe = model.LogProbability(model.WordId("the"), [model.WordId("in")], out _);
        var inA = model.LogProbability(model.WordId("a"), [model.WordId("in")], out _);
        var history2 = model.LogProbability(model.WordId("history"), history, out _);

        Assert.True(inThe > inA, $"P(the | in) {inThe} should exceed P(a | in) {inA}");
        Assert.True(history2 < 0);
        Assert.Equal(-1, model.WordId("becuase"));
    }

    private static void SkipWithoutModel() =>
        Assert.SkipWhen(SphinxLanguageModel.OpenShared(new EssayCheckerOptions().LanguageModelPath) is null,
            "Debian's pocketsphinx-en-us language model or libsphinxbase is not installed.");
}

using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Checking;

namespace TutorPlatform.Essays.Tests.Checking;

public sealed class SpellingTests
{
    [Fact]
    public void Check_Misspelling_OffersTheIntendedWordFirst()
    {
        const string text = "I recieve many letters becuase I write often.";

        var issues = CheckerFixture.Checker.Check(text).Issues.Where(i => i.Category == EssayIssueCategory.Spelling).ToList();

        Assert.Equal(["recieve", "becuase"], issues.Select(i => text.Substring(i.Start, i.Length)));
        Assert.Equal("receive", issues[0].Replacements[0]);
        Assert.Equal("because", issues[1].Replacements[0]);
        Assert.All(issues, i => Assert.Equal("SPELLING", i.RuleId));
    }

    [Fact]
    public void Check_CommonMisspellingsWithAmbiguousSuggestions_RankedByUse()
    {
        // The rule's own ranking; with the language model, the sentence may overrule it ("likes science and art").
        Assert.Equal("their", FirstReplacement("They love thier dog."));
        Assert.Equal("told", FirstReplacement("The police tolded him to stop."));
        Assert.Equal("sciences", FirstReplacement("She likes siences and art."));
        Assert.Equal("which", FirstReplacement("I know wich one is better."));
        Assert.Equal("taught", FirstReplacement("My mother teached me to cook."));
        Assert.Equal("chose", FirstReplacement("He choosed the red one."));
    }

    [Theory]
    [InlineData("We talk about our familys .", "families")] // WordNet's reading of "familys" as a plural is not taken
    [InlineData("Two citys are near .", "cities")]
    [InlineData("He brought a car imidiatly .", "immediately")] // three edits off, but the same consonant skeleton
    public void CorrectTokenizedSentence_RegularPluralAndSoundAlikeMisspellings_AreFixed(string sentence, string fixedWord)
    {
        var corrected = CheckerFixture.RulesOnly.CorrectTokenizedSentence(sentence);

        Assert.Contains($" {fixedWord} ", corrected);
    }

    [Fact]
    public void Skeleton_KeepsFirstLetterAndConsonants_WithoutDoubles()
    {
        Assert.Equal("imdtly", SpellingCandidates.Skeleton("imidiatly"));
        Assert.Equal(SpellingCandidates.Skeleton("immediately"), SpellingCandidates.Skeleton("imidiatly"));
        Assert.NotEqual(SpellingCandidates.Skeleton("definitely"), SpellingCandidates.Skeleton("definelty"));
    }

    [Theory]
    [InlineData("We met Obama and Ishikawa in Tokyo.")] // names
    [InlineData("The NASA and UNESCO reports agree.")] // acronyms
    [InlineData("I bought 3kg of rice and 2x more.")] // numbers
    [InlineData("See https://exmpl.example/pagez for details.")] // URLs
    [InlineData("My iPhone and the McDonald's menu.")] // inner capitals
    [InlineData("The colour of the ageing centre.")] // British spelling
    [InlineData("I don't know what it's called.")] // contractions
    public void Check_WordsADictionaryShouldNotJudge_AreNotFlagged(string text)
    {
        Assert.DoesNotContain(CheckerFixture.Checker.Check(text).Issues, i => i.Category == EssayIssueCategory.Spelling);
    }

    [Fact]
    public void CorrectTokenizedSentence_Misspellings_AreFixedAndTokenizationKept()
    {
        const string sentence = "So I think we can not live if old people could not find siences and tecnologies and they did not developped . ";

        var corrected = CheckerFixture.Checker.CorrectTokenizedSentence(sentence);

        Assert.Equal("So I think we can not live if old people could not find sciences and technologies and they did not develop .", corrected);
    }

    [Fact]
    public void CorrectTokenizedSentence_ContractionFix_KeepsPennTreebankTokens()
    {
        Assert.Equal("He does n't know a lot about it .", CheckerFixture.Checker.CorrectTokenizedSentence("He doesnt know alot about it ."));
    }

    [Fact]
    public void CorrectTokenizedSentence_BrandAndRunTogetherWords_AreNotSplitOrShortened()
    {
        const string sentence = "I lost my iphone on facebook yesterday .";

        Assert.Equal(sentence, CheckerFixture.Checker.CorrectTokenizedSentence(sentence));
    }

    [Fact]
    public void CorrectTokenizedSentence_NameInMidSentence_IsLeftAlone()
    {
        const string sentence = "I met Misha and Krall at the station .";

        Assert.Equal(sentence, CheckerFixture.Checker.CorrectTokenizedSentence(sentence));
    }

    [Fact]
    public void CorrectTokenizedSentence_KeepsTokenCountAndSpacing()
    {
        const string sentence = "In today 's world , people do n't read books ( sadly ) .";

        var corrected = CheckerFixture.Checker.CorrectTokenizedSentence(sentence);

        Assert.Equal(sentence, corrected);
        Assert.Equal("", CheckerFixture.Checker.CorrectTokenizedSentence("   "));
    }

    [Fact]
    public void CorrectTokenizedSentence_MissingFullStop_IsAdded()
    {
        Assert.Equal("My brother likes football .", CheckerFixture.Checker.CorrectTokenizedSentence("my brother likes football"));
    }

    private static string FirstReplacement(string text) =>
        CheckerFixture.RulesOnly.Check(text).Issues.First(i => i.Category == EssayIssueCategory.Spelling).Replacements[0];
}

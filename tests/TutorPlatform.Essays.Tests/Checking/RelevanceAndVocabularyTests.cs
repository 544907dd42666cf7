using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Checking;

namespace TutorPlatform.Essays.Tests.Checking;

public sealed class RelevanceAndVocabularyTests
{
    private const string Prompt = "Should students be required to wear school uniforms? Explain your position with reasons and examples.";

    private const string OnTopic =
        "I believe students should not be required to wear uniforms at school. Uniforms are expensive for families, " +
        "and pupils cannot show their personality through their clothes. On the other hand, a uniform makes every student " +
        "look equal, so nobody is teased for wearing cheap clothing. Many schools in my country ask children to wear a " +
        "jacket and tie, and the students complain that the dress code is uncomfortable in summer. In my opinion, a simple " +
        "dress code is better than a strict uniform policy.";

    private const string OffTopic =
        "Last weekend I cooked pasta with my grandmother. We bought fresh tomatoes, garlic and basil at the market, then we " +
        "boiled the water and added salt. My grandmother showed me how to make the sauce slowly with olive oil. The kitchen " +
        "smelled wonderful and my little brother kept tasting the sauce before dinner. After the meal we washed the dishes " +
        "and watched a film about a chef who opens a restaurant in Rome. Cooking with family is my favourite hobby.";

    [Fact]
    public void Check_EssayOnThePrompt_IsRelevant()
    {
        var relevance = CheckerFixture.Checker.Check(OnTopic, Prompt).Relevance;

        Assert.NotNull(relevance);
        Assert.False(relevance.OffTopic);
        Assert.True(relevance.Score >= 0.6, $"score {relevance.Score}");
    }

    [Fact]
    public void Check_EssayIgnoringThePrompt_IsFlaggedOffTopic()
    {
        var relevance = CheckerFixture.Checker.Check(OffTopic, Prompt).Relevance;

        Assert.NotNull(relevance);
        Assert.True(relevance.OffTopic);
        Assert.True(relevance.Score < TopicRelevanceScorer.OffTopicBelow);
        Assert.Contains("uniform", relevance.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithoutPrompt_HasNoRelevance()
    {
        Assert.Null(CheckerFixture.Checker.Check(OnTopic).Relevance);
    }

    [Fact]
    public void Check_VeryPlusAdjective_OffersOnePreciseWord()
    {
        const string text = "The exam was very difficult but the teacher was very good.";

        var issues = CheckerFixture.Checker.Check(text).Issues.Where(i => i.Category == EssayIssueCategory.Vocabulary).ToList();

        Assert.Equal(["very difficult", "very good"], issues.Select(i => text.Substring(i.Start, i.Length)));
        Assert.Equal("arduous", issues[0].Replacements[0]);
        Assert.Equal("excellent", issues[1].Replacements[0]);
        Assert.All(issues, i => Assert.Equal(VocabularyUpgrades.VeryAdjective, i.RuleId));
    }

    [Fact]
    public void Check_OverusedVagueWord_IsUpgradedOnlyWhenRepeated()
    {
        const string once = "Sport is good for children.";
        const string twice = "Sport is good for children. Music is also good for them.";

        Assert.DoesNotContain(CheckerFixture.Checker.Check(once).Issues, i => i.Category == EssayIssueCategory.Vocabulary);
        var issues = CheckerFixture.Checker.Check(twice).Issues.Where(i => i.RuleId == VocabularyUpgrades.OverusedWord).ToList();
        Assert.Equal(2, issues.Count);
        Assert.Equal("beneficial", issues[0].Replacements[0]);
    }

    [Fact]
    public void CorrectTokenizedSentence_LeavesVocabularySuggestionsOut()
    {
        const string sentence = "The film was very good .";

        Assert.Equal(sentence, CheckerFixture.Checker.CorrectTokenizedSentence(sentence));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Checking;
using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests.Checking;

/// <summary>
/// One loaded copy of the checker's language data serves the registered checker and the scorer's rules-only feature
/// checker, and the scorer's features do not depend on how it got its checker or on the registered checker's settings.
/// </summary>
public sealed class SharedLanguageDataTests
{
    private static readonly string[] Essays =
    [
        EssayScorerTests.LearnerEssay,
        "i no like scool becuz teachr is bad and hw to much i dont now wat to do. Their is many reason , and he go to school everyday",
        "Technology has changed the way we learn. However, some people says that it make students lazy. I could of done better, " +
        "an hour ago I seen a informations about it in the the newspaper.",
    ];

    [Fact]
    public void A_rules_view_reads_the_loaded_language_data_of_its_checker()
    {
        using var checker = new EssayChecker(new EssayCheckerOptions { HunspellSuggestions = true });
        using var view = checker.WithRules(EssayScorer.FeatureCheckerOptions);
        view.Warm();

        Assert.True(view.SharesLanguageDataWith(checker));
        Assert.True(checker.UsesSameDataAs(EssayScorer.FeatureCheckerOptions));
    }

    [Fact]
    public void A_view_that_names_other_data_files_loads_its_own()
    {
        using var checker = new EssayChecker(new EssayCheckerOptions());
        var other = new EssayCheckerOptions { BritishDictionary = "" };
        using var view = checker.WithRules(other);

        Assert.False(checker.UsesSameDataAs(other));
        Assert.False(view.SharesLanguageDataWith(checker));
    }

    [Fact]
    public void Disposing_a_view_leaves_the_shared_data_usable()
    {
        using var checker = new EssayChecker(new EssayCheckerOptions { LanguageModelPath = "" });
        using (var view = checker.WithRules(EssayScorer.FeatureCheckerOptions))
        {
            view.Warm();
        }

        Assert.Contains(checker.Check("I has a apple.").Issues, i => i.RuleId == SpellingRule.RuleId || i.Category == EssayIssueCategory.Grammar);
    }

    [Fact]
    public void The_rules_view_of_a_language_model_checker_finds_exactly_what_a_rules_only_checker_finds()
    {
        // The registered checker makes language-model corrections and asks hunspell's slow search; its feature view does neither.
        using var checker = new EssayChecker(new EssayCheckerOptions { HunspellSuggestions = true });
        var view = EssayScorer.FeatureChecker(checker);
        Assert.NotNull(view);

        using var rulesOnly = new EssayChecker(new EssayCheckerOptions { LanguageModelPath = "", RuleRevision = EssayScorer.FeatureRuleRevision });
        foreach (var essay in Essays)
        {
            Assert.Equal(Describe(rulesOnly.Check(essay)), Describe(view.Check(essay)));
        }

        // The registered checker's own settings do change what it finds on these essays, so the view really differs from it.
        Assert.Contains(Essays, essay => !Describe(checker.Check(essay)).SequenceEqual(Describe(view.Check(essay))));
    }

    [Fact]
    public void The_registered_scorer_computes_the_same_features_as_the_self_built_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{EssayCheckerOptions.Section}:{nameof(EssayCheckerOptions.HunspellSuggestions)}"] = "true",
        }).Build();
        using var provider = new ServiceCollection().AddTutorEssays(configuration).BuildServiceProvider();
        var registered = provider.GetRequiredService<EssayChecker>();
        var scorer = (EssayScorer)provider.GetRequiredService<IEssayScorer>();
        var viaRegistered = EssayScorer.FeatureChecker(registered);
        var selfBuilt = EssayScorer.InstalledChecker();
        Assert.NotNull(viaRegistered);
        Assert.NotNull(selfBuilt);
        Assert.False(scorer.CheckerMissing);
        var inUse = Assert.IsType<EssayChecker>(scorer.FeatureCheckerInUse);
        Assert.True(inUse.SharesLanguageDataWith(registered));

        foreach (var essay in Essays)
        {
            var text = Scoring.EssayText.Parse(essay);
            Assert.Equal(CheckerFeatures.Compute(essay, text, selfBuilt), CheckerFeatures.Compute(essay, text, viaRegistered));
            Assert.Equal(EssayScorer.Default.Score(essay), scorer.Score(essay));
        }
    }

    private static List<string> Describe(EssayCheck check) =>
        [.. check.Issues.Select(i => $"{i.Start}+{i.Length} {i.RuleId} {string.Join('|', i.Replacements)}")];
}

using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;
using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests;

public sealed class EssayScorerTrainerTests
{
    private static readonly string[] Sentences =
    [
        "Students learn more when they can choose their own projects.",
        "However, some teachers believe that a fixed plan is better for everyone.",
        "i think school shoud start later becuz we are tired",
        "For example, my brother studies at night and sleeps in the morning.",
        "In conclusion, both sides have good reasons, but I agree with the first one.",
        "it is good and it is nice and it is fun",
    ];

    private static readonly EssayTrainingOptions Quick = new() { Folds = 2, InnerFolds = 2, TreeRounds = 15, AsapTreeRounds = 15 };

    private static (List<EllEssay> Ell, List<AsapEssay> Asap) SyntheticData()
    {
        var random = new Random(7);
        var ell = new List<EllEssay>();
        for (var i = 0; i < 40; i++)
        {
            var count = 3 + (i % 8);
            var text = string.Join(' ', Enumerable.Range(0, count).Select(_ => Sentences[random.Next(Sentences.Length)]));
            var score = Math.Clamp(1.5 + (count * 0.35), 1, 5);
            ell.Add(new EllEssay($"e{i}", text, [score, score, score, score, score, score], i + 2));
        }

        var asap = new List<AsapEssay>();
        for (var set = 1; set <= 8; set++)
        {
            var (min, max) = AsapScale.Of(set);
            for (var i = 0; i < 24; i++)
            {
                var count = 2 + (i % 6);
                var text = string.Join(' ', Enumerable.Range(0, count).Select(_ => Sentences[random.Next(Sentences.Length)]));
                asap.Add(new AsapEssay($"a{set}-{i}", set, text, min + ((max - min) * (i % 6) / 5), asap.Count + 2));
            }
        }

        return (ell, asap);
    }

    [Fact]
    public void Training_writes_an_artefact_that_scores_on_both_scales()
    {
        var (ell, asap) = SyntheticData();
        using var artefact = new MemoryStream();

        new EssayScorerTrainer(Quick, _ => { }).Train(ell, asap, ["students", "learn", "school", "the"], "essay-scorer-test", artefact);
        artefact.Position = 0;
        var scorer = EssayScorer.Load(artefact);

        Assert.Equal("essay-scorer-test", scorer.ModelVersion);
        var scores = scorer.Score(string.Join(' ', Sentences));
        Assert.All(Enum.GetValues<EssayTrait>(), t => Assert.InRange(scores[t], 1.0, 5.0));
        Assert.InRange(scorer.ScoreAsap(Sentences[0], 8), 0, 60);
    }

    [Fact]
    public void A_scorer_trained_with_the_language_model_still_scores_without_it_and_says_so()
    {
        // Needs Debian's pocketsphinx-en-us and libsphinxbase3 (scripts/deps/language.sh).
        var languageModel = SphinxLanguageModel.OpenShared() ?? throw new InvalidOperationException("run scripts/deps/language.sh");
        var (ell, asap) = SyntheticData();
        using var artefact = new MemoryStream();
        new EssayScorerTrainer(Quick with { LanguageModel = languageModel }, _ => { }).Train(ell, asap, ["students", "learn", "school", "the"], "essay-scorer-lm", artefact);

        artefact.Position = 0;
        var with = EssayScorer.Load(artefact, languageModel, null);
        artefact.Position = 0;
        var without = EssayScorer.Load(artefact, null, null);

        Assert.False(with.LanguageModelMissing);
        Assert.True(without.LanguageModelMissing);
        var text = string.Join(' ', Sentences);
        Assert.All(Enum.GetValues<EssayTrait>(), t => Assert.InRange(without.Score(text)[t], 1.0, 5.0));
        Assert.InRange(without.ScoreAsap(text, 1), 2, 12);
        Assert.Equal(with.Score(text), EssayScorer.Load(new MemoryStream(artefact.ToArray()), languageModel, null).Score(text));
    }

    [Fact]
    public void A_scorer_trained_without_the_language_model_never_misses_it()
    {
        var (ell, asap) = SyntheticData();
        using var artefact = new MemoryStream();
        new EssayScorerTrainer(Quick, _ => { }).Train(ell, asap, ["students"], "essay-scorer-plain", artefact);

        artefact.Position = 0;
        var scorer = EssayScorer.Load(artefact, null, null);

        Assert.False(scorer.LanguageModelMissing);
        Assert.InRange(scorer.Score(string.Join(' ', Sentences)).Overall, 1.0, 5.0);
    }

    [Fact]
    public void Cross_validation_reports_figures_for_both_data_sets()
    {
        var (ell, asap) = SyntheticData();

        var report = new EssayScorerTrainer(Quick, _ => { }).CrossValidate(ell, asap, ["students"]);

        Assert.Equal(6, report.TraitRmse.Count);
        Assert.InRange(report.Mcrmse, 0, 2);
        Assert.InRange(report.MeanPredictorMcrmse, 0, 2);
        Assert.Equal(8, report.PromptQwk.Count);
        Assert.InRange(report.MeanQwk, -1, 1);
    }

    [Fact]
    public void Cut_points_fitted_for_kappa_stay_ordered_and_reproduce_the_labels_when_they_can()
    {
        double[] predictions = [0.1, 0.2, 1.4, 1.45, 1.6, 2.6, 3.25, 3.4];
        int[] labels = [0, 0, 1, 1, 2, 2, 3, 3];

        var cuts = EssayScorerTrainer.FitCuts(predictions, labels, 0, 3);

        Assert.Equal(3, cuts.Length);
        Assert.True(cuts[0] <= cuts[1] && cuts[1] <= cuts[2]);
        Assert.Equal(labels, predictions.Select(p => EssayScoringModel.Discretise(p, cuts, 0)));
    }

    [Fact]
    public void Bagged_trees_predict_the_mean_of_their_members_and_survive_a_round_trip()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 200).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        var y = x.Select(r => (2 * r[0]) - r[1]).ToList();
        var a = BoostedTrees.Fit(x, y, new BoostingOptions(Rounds: 20, Seed: 1));
        var b = BoostedTrees.Fit(x, y, new BoostingOptions(Rounds: 20, Seed: 2));

        var bag = BoostedTrees.Average([a, b]);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            bag.Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var read = BoostedTrees.Read(reader);

        Assert.NotEqual(a.Predict(x[0]), b.Predict(x[0]));
        foreach (var row in x.Take(20))
        {
            Assert.Equal((a.Predict(row) + b.Predict(row)) / 2, bag.Predict(row), 5);
            Assert.Equal(bag.Predict(row), read.Predict(row));
        }
    }

    [Fact]
    public void An_artefact_that_is_not_one_is_refused()
    {
        using var junk = new MemoryStream([1, 2, 3, 4]);

        Assert.ThrowsAny<Exception>(() => EssayScorer.Load(junk));
    }
}

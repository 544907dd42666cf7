using System.Reflection;
using TutorPlatform.Core.Essays;

namespace TutorPlatform.Essays.Scoring;

/// <summary>
/// The trained on-device essay scorer (<see cref="IEssayScorer"/>): linguistic features and hashed n-grams into
/// ridge and gradient-boosted trees, learned by <c>tutor essays train</c>. The artefact ships inside this assembly.
/// Scores depend on the essay's text only, through the model; nothing the text says is read as an instruction.
/// </summary>
public sealed class EssayScorer : IEssayScorer
{
    /// <summary>The embedded artefact's resource name.</summary>
    public const string ResourceName = "TutorPlatform.Essays.essay-scorer.bin.gz";

    private static readonly Lazy<EssayScorer> Embedded = new(LoadEmbedded);

    private readonly EssayScoringModel _model;

    private EssayScorer(EssayScoringModel model) => _model = model;

    public string ModelVersion => _model.Version;

    /// <summary>The scorer trained with this build (loaded once).</summary>
    public static EssayScorer Default => Embedded.Value;

    /// <summary>A scorer from an artefact written by <c>tutor essays train</c>.</summary>
    public static EssayScorer Load(Stream artefact) => new(EssayScoringModel.Load(artefact));

    private static EssayScorer LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The essay scorer's artefact ({ResourceName}) is not embedded in this build: run `tutor essays train`.");
        return Load(stream);
    }

    public EssayTraitScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new EssayTraitScores(1, 1, 1, 1, 1, 1);
        }

        var essay = EssayText.Parse(text);
        var dense = EssayFeatures.Dense(essay, _model.Dictionary, _model.Corpus, excludeSelf: false);
        var p = _model.Traits.Predict(EssayFeatures.Sparse(essay), dense);
        return new EssayTraitScores(Clamp(p[0]), Clamp(p[1]), Clamp(p[2]), Clamp(p[3]), Clamp(p[4]), Clamp(p[5]));
    }

    public int ScoreAsap(string text, int essaySet)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (min, _) = AsapScale.Of(essaySet);
        if (string.IsNullOrWhiteSpace(text))
        {
            return min;
        }

        var essay = EssayText.Parse(text);
        var sparse = EssayFeatures.Sparse(essay);
        var dense = EssayFeatures.Dense(essay, _model.Dictionary, _model.Corpus, excludeSelf: false);
        var traits = Enumerable.Range(0, 6).Select(k => _model.TraitRidge.Predict(k, sparse, [])).ToArray();
        var value = _model.Asap[essaySet - 1].Predict(sparse, dense, traits)[0];
        return EssayScoringModel.Discretise(value, _model.AsapCuts[essaySet - 1], min);
    }

    private static double Clamp(double value) => Math.Round(Math.Clamp(value, 1.0, 5.0), 2);
}

using System.Text.Json;

namespace TutorPlatform.Speech.Assessment;

/// <summary>Cross-validated Pearson correlations with the experts, as measured when the model was trained.</summary>
public sealed record CrossValidationFigures(
    string DataSet, int Folds, int Utterances, int Speakers, int Words,
    double Accuracy, double Fluency, double Prosody, double Total, double Completeness, double WordAccuracy);

/// <summary>
/// The trained pronunciation model: per-phone norms and linear models for the sentence scores and word accuracy,
/// all on the experts' 0–10 scale. Written by <c>tutor speech train-assessor</c>; the copy in the assembly
/// (pronunciation-model.json) is the one the assessor uses.
/// </summary>
public sealed record PronunciationModel(
    string Version,
    IReadOnlyList<string> SentenceFeatures,
    IReadOnlyList<string> WordFeatures,
    Dictionary<string, PhoneNorm> PhoneNorms,
    Dictionary<string, LinearModel> Sentence,
    LinearModel Word,
    CrossValidationFigures? Figures)
{
    public const string ResourceName = "TutorPlatform.Speech.Assessment.pronunciation-model.json";

    public static readonly string[] SentenceTargets = ["accuracy", "fluency", "prosody", "total"];

    /// <summary>The model embedded in this assembly.</summary>
    public static PronunciationModel Embedded => EmbeddedModel.Value;

    private static readonly Lazy<PronunciationModel> EmbeddedModel = new(() =>
    {
        using var stream = typeof(PronunciationModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no {ResourceName}; run `tutor speech train-assessor`.");
        return Read(stream);
    });

    public static PronunciationModel Read(Stream stream) =>
        JsonSerializer.Deserialize<PronunciationModel>(stream, Speechocean762.Json) ?? throw new InvalidDataException("The pronunciation model file is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Speechocean762.Json);

    /// <summary>Sentence scores on the 0–10 scale, in the order of <see cref="SentenceTargets"/>.</summary>
    public double[] PredictSentence(AssessmentEvidence evidence)
    {
        var x = AssessmentFeatures.Sentence(evidence, PhoneNorms);
        return SentenceTargets.Select(t => Math.Clamp(Sentence[t].Predict(x), 0, 10)).ToArray();
    }

    /// <summary>Word accuracy 0–10, one per reference token.</summary>
    public double[] PredictWords(AssessmentEvidence evidence) =>
        AssessmentFeatures.Words(evidence, PhoneNorms).Select(x => Math.Clamp(Word.Predict(x), 0, 10)).ToArray();
}

using System.Text.Json;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Assessment;

/// <summary>Cross-validated Pearson correlations with the experts, as measured when the model was trained.</summary>
public sealed record CrossValidationFigures(
    string DataSet, int Folds, int Utterances, int Speakers, int Words,
    double Accuracy, double Fluency, double Prosody, double Total, double Completeness, double WordAccuracy,
    int Phones = 0, double PhoneWrong = 0);

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
    CrossValidationFigures? Figures,
    Dictionary<string, TreeEnsemble>? SentenceTrees = null,
    TreeEnsemble? WordTrees = null,
    double TreeWeight = 0,
    TreeEnsemble? PhoneTrees = null,
    Dictionary<string, WordPrior>? WordPriors = null,
    double? WordTreeWeight = null,
    Dictionary<string, double>? PhoneConfusions = null,
    TreeEnsemble? WordWrongTrees = null,
    TreeEnsemble? WordShortfallTrees = null,
    PhoneClassifier? PhoneClassifier = null)
{
    public const string ResourceName = "TutorPlatform.Speech.Assessment.pronunciation-model.json";

    public static readonly string[] SentenceTargets = ["accuracy", "fluency", "prosody", "total"];

    /// <summary>
    /// The mean of the experts' word accuracy over the utterance, learnt from the sentence features beside the
    /// sentence scores: not shown, but an input of the word model (see ADR 0005).
    /// </summary>
    public const string WordMeanTarget = "word_mean";

    /// <summary>What the sentence part of the model is fitted to: the sentence scores and the utterance's mean word accuracy.</summary>
    public static readonly string[] UtteranceTargets = [.. SentenceTargets, WordMeanTarget];

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

    /// <summary>
    /// The evidence with the phone classifier's view of each aligned phone (<see cref="PhonePosteriors"/>), which the
    /// features of a model with a classifier expect; unchanged for a model without one.
    /// </summary>
    public AssessmentEvidence WithPosteriors(PcmAudio audio, AssessmentEvidence evidence) =>
        PhoneClassifier is null ? evidence : PhonePosteriors.Annotate(PhoneClassifier, audio, evidence);

    /// <summary>The sentence scores and, where the model has it, the utterance's mean word accuracy (0–10, in the order of <see cref="UtteranceTargets"/>).</summary>
    public double[] PredictUtterance(AssessmentEvidence evidence)
    {
        var x = AssessmentFeatures.Sentence(evidence, PhoneNorms);
        return UtteranceTargets.Where(Sentence.ContainsKey).Select(t => Math.Clamp(Blend(Sentence[t].Predict(x), SentenceTrees?.GetValueOrDefault(t), x), 0, 10)).ToArray();
    }

    private double Blend(double linear, TreeEnsemble? trees, IReadOnlyList<double> x) =>
        trees is null || TreeWeight <= 0 ? linear : (1 - TreeWeight) * linear + TreeWeight * trees.Predict(x);

    /// <summary>Word accuracy 0–10, one per reference token.</summary>
    public double[] PredictWords(AssessmentEvidence evidence) => PredictWords(evidence, PredictUtterance(evidence), PredictPhonesWrong(evidence));

    /// <summary>
    /// Word accuracy 0–10, one per reference token, from this evidence's <see cref="PredictUtterance"/> and
    /// <see cref="PredictPhonesWrong"/> where the caller has them already.
    /// </summary>
    public double[] PredictWords(AssessmentEvidence evidence, double[] utterance, IReadOnlyList<IReadOnlyList<double>>? phonesWrong) =>
        AssessmentFeatures.Words(evidence, PhoneNorms, phonesWrong, new WordContext(utterance, Priors(evidence), PhoneConfusions))
            .Select(x => Math.Clamp(WordTreePredict(x) is { } trees ? (1 - (WordTreeWeight ?? TreeWeight)) * Word.Predict(x) + (WordTreeWeight ?? TreeWeight) * trees : Word.Predict(x), 0, 10)).ToArray();

    // The word trees' prediction: 10 less the probability of a shortfall times its expected size (two-part), or the
    // single ensemble of older models; null without trees.
    private double? WordTreePredict(IReadOnlyList<double> x) =>
        WordWrongTrees is not null && WordShortfallTrees is not null
            ? 10 - (Math.Clamp(WordWrongTrees.Predict(x), 0, 1) * Math.Clamp(10 - WordShortfallTrees.Predict(x), 0, 10))
            : WordTrees?.Predict(x);

    /// <summary>Per token, the training data's prior for the word (null where unseen or without priors).</summary>
    public IReadOnlyList<WordPrior?>? Priors(AssessmentEvidence evidence) =>
        WordPriors is null ? null : evidence.Words.Select(w => WordPriors.GetValueOrDefault(w.Word)).ToList();

    /// <summary>Per token, the probability (0–1) that each of its aligned phones is wrong; null without a phone model.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? PredictPhonesWrong(AssessmentEvidence evidence) =>
        PhoneTrees is null
            ? null
            : AssessmentFeatures.Phones(evidence, PhoneNorms, PhoneConfusions).Select(word => (IReadOnlyList<double>)word.Select(x => Math.Clamp(PhoneTrees.Predict(x), 0, 1)).ToList()).ToList();
}

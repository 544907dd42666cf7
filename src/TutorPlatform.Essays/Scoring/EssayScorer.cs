using System.Reflection;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Scoring;

/// <summary>
/// The trained on-device essay scorer (<see cref="IEssayScorer"/>): linguistic features and hashed n-grams into
/// ridge and gradient-boosted trees, learned by <c>tutor essays train</c>. The artefact ships inside this assembly.
/// Scores depend on the essay's text only, through the model; nothing the text says is read as an instruction.
/// The artefact is trained with features from Debian's native-English language model
/// (<see cref="SphinxLanguageModel.DefaultPath"/>) and from the on-device checker's error counts
/// (<see cref="Checking.EssayChecker"/>); where either is not installed the scorer still works, with the training means in
/// place of those features (<see cref="LanguageModelMissing"/>, <see cref="CheckerMissing"/>), and its scores are
/// somewhat less accurate.
/// </summary>
public sealed class EssayScorer : IEssayScorer
{
    /// <summary>The embedded artefact's resource name.</summary>
    public const string ResourceName = "TutorPlatform.Essays.essay-scorer.bin.gz";

    private static readonly Lazy<EssayScorer> Embedded = new(() => LoadEmbedded(InstalledChecker));

    private readonly EssayScoringModel _model;
    private readonly IWordLanguageModel? _languageModel;
    private readonly Lazy<IEssayChecker?> _checker;

    private EssayScorer(EssayScoringModel model, IWordLanguageModel? languageModel, Func<IEssayChecker?>? checker)
    {
        _model = model;
        _languageModel = model.UsesLanguageModel ? languageModel : null;
        _checker = new Lazy<IEssayChecker?>(() => model.UsesChecker ? checker?.Invoke() : null);
    }

    public string ModelVersion => _model.Version;

    /// <summary>
    /// True when the artefact learned native-language-model features but no language model is available: those
    /// features then take their training means.
    /// </summary>
    public bool LanguageModelMissing => _model.UsesLanguageModel && _languageModel is null;

    /// <summary>True when the artefact learned the checker's error counts but the checker's language data is not installed.</summary>
    public bool CheckerMissing => _model.UsesChecker && _checker.Value is null;

    /// <summary>The checker whose error counts the features read (null: none); for tests.</summary>
    internal IEssayChecker? FeatureCheckerInUse => _checker.Value;

    /// <summary>The scorer trained with this build (loaded once).</summary>
    public static EssayScorer Default => Embedded.Value;

    /// <summary>A scorer from an artefact written by <c>tutor essays train</c>, with the installed language model if any.</summary>
    public static EssayScorer Load(Stream artefact) => Load(artefact, SphinxLanguageModel.OpenShared(), InstalledChecker);

    /// <summary>The artefact built into this assembly, with the installed language model and the given checker (loaded on first use).</summary>
    public static EssayScorer LoadEmbedded(Func<IEssayChecker?>? checker)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The essay scorer's artefact ({ResourceName}) is not embedded in this build: run `tutor essays train`.");
        return Load(stream, SphinxLanguageModel.OpenShared(), checker);
    }

    /// <summary>The checker when its language data loads, else null (the scorer then uses the training means).</summary>
    public static IEssayChecker? Usable(Checking.EssayChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        try
        {
            checker.Warm();
            return checker;
        }
        catch (HunspellUnavailableException)
        {
            return null;
        }
    }

    /// <summary>A scorer from an artefact, with the given native-English language model and checker (null: none).</summary>
    public static EssayScorer Load(Stream artefact, IWordLanguageModel? languageModel, Func<IEssayChecker?>? checker) => new(EssayScoringModel.Load(artefact), languageModel, checker);

    private static readonly Lazy<IEssayChecker?> RulesChecker = new(() => Usable(new Checking.EssayChecker(FeatureCheckerOptions)));

    /// <summary>
    /// The checker the error-rate features are counted with: spelling and grammar rules only, without the language-model
    /// corrections (the language model has its own features, and those corrections cost several milliseconds an essay),
    /// in the rule revision the shipped artefact was trained with (<see cref="FeatureRuleRevision"/>). Training and
    /// scoring use the same.
    /// </summary>
    public static Checking.EssayCheckerOptions FeatureCheckerOptions => new() { LanguageModelPath = "", RuleRevision = FeatureRuleRevision };

    /// <summary>
    /// The checker's rule revision whose error counts the embedded artefact learned (its version ends in
    /// <c>-rules</c> and this number). Newer rules reach the corrections shown to students at once; moving this to a newer
    /// revision changes the features, so it goes with retraining the artefact and re-measuring the cross-validated
    /// figures (README, ADR 0004).
    /// </summary>
    public const int FeatureRuleRevision = 2;

    /// <summary>The process's rules-only checker for the features, or null when its language data is not installed.</summary>
    public static IEssayChecker? InstalledChecker() => RulesChecker.Value;

    /// <summary>
    /// The rules-only checker for the features as a view of an already loaded <paramref name="checker"/> (one copy of the
    /// language data serves both), with <see cref="FeatureCheckerOptions"/>' rule settings whatever the checker's own; when
    /// the checker reads other data files than the features were trained with, the process's own
    /// (<see cref="InstalledChecker"/>). Null when the language data is not installed.
    /// </summary>
    public static IEssayChecker? FeatureChecker(Checking.EssayChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        var options = FeatureCheckerOptions;
        return checker.UsesSameDataAs(options) ? Usable(checker.WithRules(options)) : InstalledChecker();
    }

    public EssayTraitScores Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new EssayTraitScores(1, 1, 1, 1, 1, 1);
        }

        var essay = EssayText.Parse(text);
        var sparse = EssayFeatures.Sparse(essay);
        var dense = EssayFeatures.Dense(essay, _model.Dictionary, _model.Corpus, excludeSelf: false, External(text, essay, _model.Traits.Ridge));
        var p = _model.Traits.Predict(sparse, dense, EssayScorerTrainer.NgramInputs(_model.TraitsReadTraitRidge ? _model.TraitRidge : null, sparse));
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
        var dense = EssayFeatures.Dense(essay, _model.Dictionary, _model.Corpus, excludeSelf: false, External(text, essay, _model.Asap[essaySet - 1].Ridge));
        var traits = Enumerable.Range(0, 6).Select(k => _model.TraitRidge.Predict(k, sparse, [])).ToArray();
        var value = _model.Asap[essaySet - 1].Predict(sparse, dense, traits)[0];
        return EssayScoringModel.Discretise(value, _model.AsapCuts[essaySet - 1], min);
    }

    /// <summary>
    /// The language-model and checker features; without the model or checker, the training means the ridge kept
    /// (neutral inputs); zeros where the artefact was trained without them (constant columns).
    /// </summary>
    private double[] External(string text, EssayText essay, RidgeModel ridge)
    {
        var means = ridge.DenseMean.AsSpan(ridge.DenseMean.Length - EssayFeatures.ExternalNames.Count);
        var native = !_model.UsesLanguageModel ? new double[NativeLanguageFeatures.Count]
            : NativeLanguageFeatures.Compute(essay, _languageModel) ?? means[..NativeLanguageFeatures.Count].ToArray();
        var checks = !_model.UsesChecker ? new double[CheckerFeatures.Count]
            : CheckerFeatures.Compute(text, essay, _checker.Value) ?? means[NativeLanguageFeatures.Count..].ToArray();
        return [.. native, .. checks];
    }

    private static double Clamp(double value) => Math.Round(Math.Clamp(value, 1.0, 5.0), 2);
}

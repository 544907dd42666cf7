namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Trains the <see cref="PronunciationModel"/> on scored utterances and their evidence, and measures it by
/// cross-validation with whole speakers held out (nested: the ridge penalty is chosen on the training speakers only).
/// </summary>
public static class AssessorTraining
{
    private static readonly double[] Lambdas = [0.3, 1, 3, 10, 30, 100, 300, 1000];

    public sealed record Example(ScoredUtterance Utterance, AssessmentEvidence Evidence);

    public sealed record Result(PronunciationModel Model, CrossValidationFigures Figures);

    /// <summary>Boosting settings of the sentence and word tree ensembles.</summary>
    public static BoostingSettings SentenceBoosting { get; set; } = new(Trees: 150, Depth: 3, LearningRate: 0.05, MinLeaf: 15);

    public static BoostingSettings WordBoosting { get; set; } = new(Trees: 300, Depth: 3, LearningRate: 0.05, MinLeaf: 30);

    /// <summary>Weight of the boosted trees in the word model's blend with the ridge model (where trees are used at all).</summary>
    public static double WordTreeWeight { get; set; } = 0.7;

    /// <summary>Word tree ensembles grown on different subsamples and averaged.</summary>
    public static int WordBags { get; set; } = 3;

    public static BoostingSettings PhoneBoosting { get; set; } = new(Trees: 100, Depth: 4, LearningRate: 0.1, MinLeaf: 50);

    /// <summary>One word's out-of-fold prediction beside the experts' score (0–10), for reading the model's errors.</summary>
    public sealed record WordPrediction(string Utterance, string Speaker, int Index, string Word, double Predicted, double Expert);

    /// <summary>
    /// Cross-validates by speaker and then fits the model on all the examples. Where the examples' phones carry a
    /// phone classifier's posteriors (out of fold, see <see cref="PhoneClassifierTraining"/>), the classifier trained on
    /// all of them goes into the model so that it gives the same evidence at use.
    /// </summary>
    public static Result Train(IReadOnlyList<Example> examples, int folds, string version, double treeWeight, PhoneClassifier? classifier, Action<string>? log = null)
    {
        examples = Current(examples);
        var figures = CrossValidate(examples, folds, treeWeight, log);
        var final = Fit(examples, folds, version, treeWeight) with { Figures = figures, PhoneClassifier = classifier };
        return new Result(final, figures);
    }

    // Evidence cached before the reading check became conditional is brought to what the extractor gives now.
    private static List<Example> Current(IReadOnlyList<Example> examples) =>
        examples.Select(e => e with { Evidence = EvidenceExtractor.WithoutNeedlessReadingCheck(e.Evidence) }).ToList();

    /// <summary>
    /// The figures of <paramref name="folds"/>-fold cross-validation with whole speakers held out (nothing else is
    /// fitted); where <paramref name="wordPredictions"/> is given, every word's out-of-fold prediction is added to it.
    /// </summary>
    public static CrossValidationFigures CrossValidate(IReadOnlyList<Example> examples, int folds, double treeWeight, Action<string>? log = null, List<WordPrediction>? wordPredictions = null)
    {
        examples = Current(examples);

        var speakers = examples.Select(e => e.Utterance.Speaker).Distinct().Order(StringComparer.Ordinal).ToList();
        var foldOf = AssignFolds(speakers, folds);
        var predicted = SentenceTargetsArray(examples.Count);
        var wordPredicted = new List<(double Predicted, double Expert)>();
        var phonePredicted = new List<(double Predicted, double Expert)>();
        var completenessPredicted = new double[examples.Count];
        // The folds' models are independent: fitted at once, then used in order so that the figures do not depend on timing.
        var models = new PronunciationModel[folds];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fold =>
        {
            models[fold] = Fit(examples.Where(e => foldOf[e.Utterance.Speaker] != fold).ToList(), folds, "cross-validation", treeWeight);
            log?.Invoke($"fold {fold + 1}/{folds} fitted");
        });
        for (var fold = 0; fold < folds; fold++)
        {
            var model = models[fold];
            for (var i = 0; i < examples.Count; i++)
            {
                if (foldOf[examples[i].Utterance.Speaker] != fold)
                {
                    continue;
                }

                var (sentence, phonesWrong, words, completeness) = PronunciationScoring.Predict(examples[i].Evidence, model);
                for (var t = 0; t < PronunciationModel.SentenceTargets.Length; t++)
                {
                    predicted[t][i] = sentence[t];
                }

                var expert = examples[i].Utterance.WordAccuracy;

                wordPredicted.AddRange(words.Zip(expert).Select(p => (p.First, p.Second)));
                var u = examples[i].Utterance;
                wordPredictions?.AddRange(words.Zip(expert).Select((p, k) => new WordPrediction(u.Id, u.Speaker, k, examples[i].Evidence.Words[k].Word, p.First, p.Second)));
                completenessPredicted[i] = completeness;
                if (phonesWrong is { } phones && examples[i].Utterance.PhoneWrong is { } phoneLabels)
                {
                    for (var w = 0; w < phones.Count && w < phoneLabels.Count; w++)
                    {
                        if (phoneLabels[w] is { } labels && labels.Count == phones[w].Count)
                        {
                            phonePredicted.AddRange(phones[w].Zip(labels));
                        }
                    }
                }
            }
        }

        double Pcc(int t, Func<SentenceLabels, double> label) => Statistics.Pearson(predicted[t], examples.Select(e => label(e.Utterance.Labels)).ToList());
        return new CrossValidationFigures(
            Speechocean762.DataSetLabel, folds, examples.Count, speakers.Count, wordPredicted.Count,
            Pcc(0, l => l.Accuracy), Pcc(1, l => l.Fluency), Pcc(2, l => l.Prosody), Pcc(3, l => l.Total),
            Statistics.Pearson(completenessPredicted, examples.Select(e => e.Utterance.Labels.Completeness).ToList()),
            Statistics.Pearson(wordPredicted.Select(w => w.Predicted).ToList(), wordPredicted.Select(w => w.Expert).ToList()),
            phonePredicted.Count,
            phonePredicted.Count > 2 ? Statistics.Pearson(phonePredicted.Select(w => w.Predicted).ToList(), phonePredicted.Select(w => w.Expert).ToList()) : 0);
    }

    private static double[][] SentenceTargetsArray(int n) => PronunciationModel.SentenceTargets.Select(_ => new double[n]).ToArray();

    internal static Dictionary<string, int> AssignFolds(List<string> speakers, int folds)
    {
        var random = new Random(762);
        var shuffled = speakers.OrderBy(_ => random.Next()).ToList();
        return shuffled.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i % folds);
    }

    private static double Label(SentenceLabels labels, string target) => target switch
    {
        "accuracy" => labels.Accuracy,
        "fluency" => labels.Fluency,
        "prosody" => labels.Prosody,
        "total" => labels.Total,
        PronunciationModel.WordMeanTarget => labels.WordMean,
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Fits every part of the model on these examples; penalties chosen by inner cross-validation by speaker.</summary>
    private static PronunciationModel Fit(IReadOnlyList<Example> examples, int folds, string version, double treeWeight)
    {
        var norms = AssessmentFeatures.PhoneNorms(examples.Select(e => (e.Evidence, (IReadOnlyList<double>?)e.Utterance.WordAccuracy)));
        var x = examples.Select(e => AssessmentFeatures.Sentence(e.Evidence, norms)).ToList();
        var speakers = examples.Select(e => e.Utterance.Speaker).ToList();
        var lambdas = PronunciationModel.UtteranceTargets.ToDictionary(t => t, t => ChooseLambda(x, examples.Select(e => Label(e.Utterance.Labels, t)).ToList(), speakers, folds));
        var (sentence, sentenceTrees) = FitSentence(examples, x, lambdas, treeWeight);
        var confusions = Confusions(examples);
        var phoneTrees = FitPhones(examples, norms, confusions);
        var priors = WordPriors(examples);
        var partial = new PronunciationModel(version, AssessmentFeatures.SentenceNames, AssessmentFeatures.WordNames, norms, sentence, Ridge.Fit(x, x.Select(_ => 0.0).ToList(), 1), null,
            treeWeight > 0 ? sentenceTrees : null, null, treeWeight, phoneTrees, priors, PhoneConfusions: confusions);

        // The word model's inputs from the other parts of the model (phone model and its confusion table, sentence
        // scores, word priors) are predicted out of fold on the training data, so that it learns how far to trust
        // them on unseen speakers (in-sample they look better than they are: word accuracy 0.549 → 0.567).
        var wordInputs = new (IReadOnlyList<IReadOnlyList<double>>? PhoneWrong, WordContext Context)[examples.Count];
        var foldOf = AssignFolds(speakers.Distinct().Order(StringComparer.Ordinal).ToList(), folds);
        for (var fold = 0; fold < folds; fold++)
        {
            var inner = Enumerable.Range(0, examples.Count).Where(i => foldOf[speakers[i]] != fold).ToList();
            var innerExamples = inner.Select(i => examples[i]).ToList();
            var (innerSentence, innerTrees) = FitSentence(innerExamples, inner.Select(i => x[i]).ToList(), lambdas, treeWeight);
            var innerConfusions = Confusions(innerExamples);
            var innerModel = partial with
            {
                PhoneConfusions = innerConfusions,
                Sentence = innerSentence,
                SentenceTrees = treeWeight > 0 ? innerTrees : null,
                PhoneTrees = FitPhones(innerExamples, norms, innerConfusions),
                WordPriors = WordPriors(innerExamples),
            };
            for (var i = 0; i < examples.Count; i++)
            {
                if (foldOf[speakers[i]] == fold)
                {
                    wordInputs[i] = WordInputs(innerModel, examples[i].Evidence);
                }
            }
        }

        var wx = new List<double[]>();
        var wy = new List<double>();
        var wordSpeakers = new List<string>();
        for (var u = 0; u < examples.Count; u++)
        {
            var e = examples[u];
            var rows = AssessmentFeatures.Words(e.Evidence, norms, wordInputs[u].PhoneWrong, wordInputs[u].Context);
            var target = e.Utterance.WordAccuracy;
            for (var i = 0; i < rows.Count && i < target.Count; i++)
            {
                wx.Add(rows[i]);
                wy.Add(target[i]);
                wordSpeakers.Add(e.Utterance.Speaker);
            }
        }

        var word = Ridge.Fit(wx, wy, ChooseLambda(wx, wy, wordSpeakers, folds));
        if (treeWeight <= 0)
        {
            return partial with { Word = word, WordTreeWeight = WordTreeWeight };
        }

        // The trees' part is two-part: whether the experts would take anything off the word (score below 10), and
        // how much where they do; their product is the expected shortfall (see ADR 0005).
        var shortfall = Enumerable.Range(0, wy.Count).Where(i => wy[i] < Perfect).ToList();
        return partial with
        {
            Word = word,
            WordTreeWeight = WordTreeWeight,
            WordWrongTrees = Bagged(wx, wy.Select(y => y < Perfect ? 1.0 : 0).ToList(), WordBoosting, WordBags),
            WordShortfallTrees = Bagged(shortfall.Select(i => wx[i]).ToList(), shortfall.Select(i => wy[i]).ToList(), WordBoosting with { MinLeaf = 15 }, WordBags),
        };
    }

    // Word scores from this up count as perfect (the experts' scale is whole numbers, 10 at the top).
    private const double Perfect = 9.5;

    // The mean of several ensembles grown on different subsamples, as one ensemble.
    private static TreeEnsemble Bagged(List<double[]> x, List<double> y, BoostingSettings settings, int count)
    {
        var ensembles = Enumerable.Range(0, count).Select(k => BoostedTrees.Fit(x, y, settings with { Seed = settings.Seed + k })).ToList();
        return count == 1 ? ensembles[0] : new TreeEnsemble(ensembles.Average(e => e.Base), settings.LearningRate / count, ensembles.SelectMany(e => e.Trees).ToList());
    }

    private static (IReadOnlyList<IReadOnlyList<double>>? PhoneWrong, WordContext Context) WordInputs(PronunciationModel model, AssessmentEvidence evidence) =>
        (model.PredictPhonesWrong(evidence), new WordContext(model.PredictUtterance(evidence), model.Priors(evidence), model.PhoneConfusions));

    private static (Dictionary<string, LinearModel> Linear, Dictionary<string, TreeEnsemble> Trees) FitSentence(
        IReadOnlyList<Example> examples, List<double[]> x, Dictionary<string, double> lambdas, double treeWeight)
    {
        var sentence = new Dictionary<string, LinearModel>();
        var sentenceTrees = new Dictionary<string, TreeEnsemble>();
        foreach (var target in PronunciationModel.UtteranceTargets)
        {
            var y = examples.Select(e => Label(e.Utterance.Labels, target)).ToList();
            sentence[target] = Ridge.Fit(x, y, lambdas[target]);
            if (treeWeight > 0)
            {
                sentenceTrees[target] = BoostedTrees.Fit(x, y, SentenceBoosting);
            }
        }

        return (sentence, sentenceTrees);
    }

    // The phone model: which aligned phones the experts marked wrong (share of experts, 0–1).
    private static TreeEnsemble? FitPhones(IReadOnlyList<Example> examples, Dictionary<string, PhoneNorm> norms, Dictionary<string, double>? confusions)
    {
        var px = new List<double[]>();
        var py = new List<double>();
        foreach (var e in examples)
        {
            var phones = AssessmentFeatures.Phones(e.Evidence, norms, confusions);
            for (var w = 0; w < phones.Count && e.Utterance.PhoneWrong is { } labels && w < labels.Count; w++)
            {
                if (labels[w] is { } wrong && wrong.Count == phones[w].Count)
                {
                    px.AddRange(phones[w]);
                    py.AddRange(wrong);
                }
            }
        }

        return px.Count >= 100 ? BoostedTrees.Fit(px, py, PhoneBoosting) : null;
    }

    // The experts' phone marks against the free phone loop's phones (words whose phone count matches ours).
    private static Dictionary<string, double> Confusions(IReadOnlyList<Example> examples)
    {
        var phones = new List<(PhoneEvidence, double)>();
        foreach (var e in examples)
        {
            for (var w = 0; w < e.Evidence.Words.Count && e.Utterance.PhoneWrong is { } labels && w < labels.Count; w++)
            {
                if (labels[w] is { } wrong && wrong.Count == e.Evidence.Words[w].Phones.Count)
                {
                    phones.AddRange(e.Evidence.Words[w].Phones.Zip(wrong));
                }
            }
        }

        return AssessmentFeatures.Confusions(phones);
    }

    /// <summary>Per word, the experts' mean accuracy over the training data, shrunk towards the overall mean (10 pseudo-readings).</summary>
    private static Dictionary<string, WordPrior> WordPriors(IReadOnlyList<Example> examples)
    {
        var readings = examples
            .SelectMany(e => e.Evidence.Words.Zip(e.Utterance.WordAccuracy).Select(p => (p.First.Word, Accuracy: p.Second)))
            .ToList();
        var overall = readings.Count > 0 ? readings.Average(r => r.Accuracy) : 9;
        return readings
            .GroupBy(r => r.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new WordPrior((g.Sum(r => r.Accuracy) + PriorWeight * overall) / (g.Count() + PriorWeight), g.Count()), StringComparer.Ordinal);
    }

    private const double PriorWeight = 10;

    private static double ChooseLambda(List<double[]> x, List<double> y, List<string> speakers, int folds)
    {
        var foldOf = AssignFolds(speakers.Distinct().Order(StringComparer.Ordinal).ToList(), folds);
        var best = (Lambda: Lambdas[0], R: double.NegativeInfinity);
        foreach (var lambda in Lambdas)
        {
            var predicted = new double[y.Count];
            for (var fold = 0; fold < folds; fold++)
            {
                var train = Enumerable.Range(0, y.Count).Where(i => foldOf[speakers[i]] != fold).ToList();
                var model = Ridge.Fit(train.Select(i => x[i]).ToList(), train.Select(i => y[i]).ToList(), lambda);
                for (var i = 0; i < y.Count; i++)
                {
                    if (foldOf[speakers[i]] == fold)
                    {
                        predicted[i] = model.Predict(x[i]);
                    }
                }
            }

            var r = Statistics.Pearson(predicted, y);
            if (r > best.R)
            {
                best = (lambda, r);
            }
        }

        return best.Lambda;
    }
}

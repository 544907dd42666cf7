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

    public static Result Train(IReadOnlyList<Example> examples, int folds, string version, Action<string>? log = null)
    {
        var speakers = examples.Select(e => e.Utterance.Speaker).Distinct().Order(StringComparer.Ordinal).ToList();
        var foldOf = AssignFolds(speakers, folds);
        var predicted = SentenceTargetsArray(examples.Count);
        var wordPredicted = new List<(double Predicted, double Expert)>();
        var completenessPredicted = new double[examples.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = examples.Where(e => foldOf[e.Utterance.Speaker] != fold).ToList();
            var model = Fit(train, folds, version);
            for (var i = 0; i < examples.Count; i++)
            {
                if (foldOf[examples[i].Utterance.Speaker] != fold)
                {
                    continue;
                }

                var scores = model.PredictSentence(examples[i].Evidence);
                for (var t = 0; t < scores.Length; t++)
                {
                    predicted[t][i] = scores[t];
                }

                var words = model.PredictWords(examples[i].Evidence);
                var expert = examples[i].Utterance.WordAccuracy;
                wordPredicted.AddRange(words.Zip(expert).Select(p => (p.First, p.Second)));
                completenessPredicted[i] = PronunciationScoring.Completeness(examples[i].Evidence, words);
            }

            log?.Invoke($"fold {fold + 1}/{folds}: {train.Count} training utterances");
        }

        double Pcc(int t, Func<SentenceLabels, double> label) => Statistics.Pearson(predicted[t], examples.Select(e => label(e.Utterance.Labels)).ToList());
        var figures = new CrossValidationFigures(
            Speechocean762.DataSetLabel, folds, examples.Count, speakers.Count, wordPredicted.Count,
            Pcc(0, l => l.Accuracy), Pcc(1, l => l.Fluency), Pcc(2, l => l.Prosody), Pcc(3, l => l.Total),
            Statistics.Pearson(completenessPredicted, examples.Select(e => e.Utterance.Labels.Completeness).ToList()),
            Statistics.Pearson(wordPredicted.Select(w => w.Predicted).ToList(), wordPredicted.Select(w => w.Expert).ToList()));
        var final = Fit(examples, folds, version) with { Figures = figures };
        return new Result(final, figures);
    }

    private static double[][] SentenceTargetsArray(int n) => PronunciationModel.SentenceTargets.Select(_ => new double[n]).ToArray();

    private static Dictionary<string, int> AssignFolds(List<string> speakers, int folds)
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
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>Fits every part of the model on these examples; penalties chosen by inner cross-validation by speaker.</summary>
    private static PronunciationModel Fit(IReadOnlyList<Example> examples, int folds, string version)
    {
        var norms = AssessmentFeatures.PhoneNorms(examples.Select(e => e.Evidence));
        var x = examples.Select(e => AssessmentFeatures.Sentence(e.Evidence, norms)).ToList();
        var speakers = examples.Select(e => e.Utterance.Speaker).ToList();
        var sentence = new Dictionary<string, LinearModel>();
        foreach (var target in PronunciationModel.SentenceTargets)
        {
            var y = examples.Select(e => Label(e.Utterance.Labels, target)).ToList();
            sentence[target] = Ridge.Fit(x, y, ChooseLambda(x, y, speakers, folds));
        }

        var wx = new List<double[]>();
        var wy = new List<double>();
        var wordSpeakers = new List<string>();
        foreach (var e in examples)
        {
            var rows = AssessmentFeatures.Words(e.Evidence, norms);
            for (var i = 0; i < rows.Count && i < e.Utterance.WordAccuracy.Count; i++)
            {
                wx.Add(rows[i]);
                wy.Add(e.Utterance.WordAccuracy[i]);
                wordSpeakers.Add(e.Utterance.Speaker);
            }
        }

        var word = Ridge.Fit(wx, wy, ChooseLambda(wx, wy, wordSpeakers, folds));
        return new PronunciationModel(version, AssessmentFeatures.SentenceNames, AssessmentFeatures.WordNames, norms, sentence, word, null);
    }

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

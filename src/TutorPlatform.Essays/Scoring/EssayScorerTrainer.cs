using System.Diagnostics;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Scoring;

/// <summary>Hyperparameters of the essay scorer's training.</summary>
public sealed record EssayTrainingOptions
{
    public int Folds { get; init; } = 5;

    public int InnerFolds { get; init; } = 4;

    public double RidgeLambda { get; init; } = 24.0;

    public float DenseWeight { get; init; } = 0.15f;

    public double TreeWeight { get; init; } = 0.7;

    /// <summary>Cross-validate the ELL model only (tuning).</summary>
    public bool SkipAsapCrossValidation { get; init; }

    /// <summary>Cross-validate the ASAP models only (tuning).</summary>
    public bool SkipEllCrossValidation { get; init; }

    public int TreeRounds { get; init; } = 600;

    public double TreeLearningRate { get; init; } = 0.02;

    public int TreeDepth { get; init; } = 4;

    public int TreeMinLeaf { get; init; } = 20;

    public double TreeFeatureSample { get; init; } = 0.7;

    /// <summary>Boosted-tree models per target, each from its own seed, averaged (bagging).</summary>
    public int TreeBags { get; init; } = 3;

    /// <summary>How far the trait predictions are stretched away from the training mean (1: not at all).</summary>
    public double Stretch { get; init; } = 1.0;

    /// <summary>
    /// The ELL trait trees also read the six trait predictions of a ridge over the hashed n-grams alone (out-of-fold in
    /// training), a second view beside the full ridge's.
    /// </summary>
    public bool NgramRidgeInputs { get; init; } = true;

    public double AsapRidgeLambda { get; init; } = 4.0;

    /// <summary>Boosting rounds of the ASAP prompts' trees (<see cref="TreeRounds"/> is the ELL traits').</summary>
    public int AsapTreeRounds { get; init; } = 300;

    public double AsapTreeLearningRate { get; init; } = 0.04;

    /// <summary>Weight of the ASAP prompts' trees in their blend with the ridge (<see cref="TreeWeight"/> is the ELL traits').</summary>
    public double AsapTreeWeight { get; init; } = 0.6;

    public int Seed { get; init; } = 20261124;

    /// <summary>
    /// The native-English language model whose features the scorer learns (<see cref="NativeLanguageFeatures"/>); null
    /// trains a scorer without them (their columns constant, the artefact marked so).
    /// </summary>
    public IWordLanguageModel? LanguageModel { get; init; }

    /// <summary>The checker whose error-type rates the scorer learns (<see cref="CheckerFeatures"/>); null: none.</summary>
    public Core.Essays.IEssayChecker? Checker { get; init; }
}

/// <summary>Cross-validated quality: MCRMSE and per-trait RMSE on ELL, QWK per ASAP prompt.</summary>
public sealed record EssayCvReport(double Mcrmse, IReadOnlyList<double> TraitRmse, double MeanPredictorMcrmse, double MeanQwk, IReadOnlyList<double> PromptQwk, int Folds, int EllEssays, int AsapEssays);

/// <summary>
/// Trains the essay scorer from ELL (six analytic traits) and ASAP-AES (holistic per prompt) and cross-validates it.
/// Corpus statistics that features read (word frequencies, n-gram counts) are built inside each fold from its
/// training essays only (plus the other data set, which shares no essay), and a training essay's own n-grams are
/// subtracted from the counts it sees, so training features look like those of unseen essays.
/// </summary>
public sealed class EssayScorerTrainer(EssayTrainingOptions options, Action<string> log)
{
    private readonly EssayTrainingOptions _options = options;
    private readonly Action<string> _log = log;

    /// <summary>All lower-case word forms of a hunspell dictionary (.aff/.dic), for the spelling feature.</summary>
    public static HashSet<string> ReadHunspellWords(string affPath, string dicPath) => SpellingDictionary.ExpandHunspell(affPath, dicPath);

    /// <summary>Cross-validates on both data sets (nothing is kept).</summary>
    public EssayCvReport CrossValidate(IReadOnlyList<EllEssay> ell, IReadOnlyList<AsapEssay> asap, HashSet<string> dictionaryWords)
    {
        var data = Prepare(ell, asap, dictionaryWords);
        var folds = _options.Folds;

        // ELL: folds over essays.
        var ellFold = FoldsOf(ell.Count, folds, _options.Seed);
        var oof = new double[6][];
        var oofRidge = new double[6][];
        var oofTrees = new double[6][];
        var oofCentre = new double[6][];
        for (var t = 0; t < 6; t++)
        {
            oof[t] = new double[ell.Count];
            oofRidge[t] = new double[ell.Count];
            oofTrees[t] = new double[ell.Count];
            oofCentre[t] = new double[ell.Count];
        }

        for (var fold = 0; fold < (_options.SkipEllCrossValidation ? 0 : folds); fold++)
        {
            var watch = Stopwatch.StartNew();
            var train = Enumerable.Range(0, ell.Count).Where(i => ellFold[i] != fold).ToList();
            var test = Enumerable.Range(0, ell.Count).Where(i => ellFold[i] == fold).ToList();
            var corpus = CorpusStatistics.Build(train.Select(i => data.EllWords[i]).Concat(data.AsapWords));
            var model = FitTraits(data, train, corpus, out var ngram);
            var stored = corpus.AsStored();
            foreach (var i in test)
            {
                var dense = EssayFeatures.Dense(data.EllText[i], data.Dictionary, stored, excludeSelf: false, data.EllNative[i]);
                var extra = NgramInputs(ngram, data.EllSparse[i]);
                var prediction = model.Predict(data.EllSparse[i], dense, extra);
                var (ridgePart, treePart) = model.PredictParts(data.EllSparse[i], dense, extra);
                for (var t = 0; t < 6; t++)
                {
                    oof[t][i] = Math.Clamp(prediction[t], 1, 5);
                    oofRidge[t][i] = ridgePart[t];
                    oofTrees[t][i] = treePart[t];
                    oofCentre[t][i] = model.Centre[t];
                }
            }

            var foldRmse = Enumerable.Range(0, 6).Average(t => Rmse(test.Select(i => oof[t][i]), test.Select(i => ell[i].Scores![t])));
            _log($"ELL fold {fold + 1}/{folds}: MCRMSE {foldRmse:F4} ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        var traitRmse = Enumerable.Range(0, 6).Select(t => Rmse(oof[t], ell.Select(e => e.Scores![t]))).ToList();
        foreach (var w in _options.SkipEllCrossValidation ? Array.Empty<double>() : new[] { 0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 })
        {
            var m = Enumerable.Range(0, 6).Average(t => Rmse(Enumerable.Range(0, ell.Count).Select(i => Math.Clamp((w * oofTrees[t][i]) + ((1 - w) * oofRidge[t][i]), 1, 5)), ell.Select(e => e.Scores![t])));
            var perTrait = Enumerable.Range(0, 6).Select(t => Rmse(Enumerable.Range(0, ell.Count).Select(i => Math.Clamp((w * oofTrees[t][i]) + ((1 - w) * oofRidge[t][i]), 1, 5)), ell.Select(e => e.Scores![t])));
            _log($"  blend tree weight {w:F1}: MCRMSE {m:F4} ({string.Join(" ", perTrait.Select(r => r.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        foreach (var s in _options.SkipEllCrossValidation ? Array.Empty<double>() : new[] { 1.0, 1.05, 1.1, 1.15, 1.2 })
        {
            var w = _options.TreeWeight;
            var m = Enumerable.Range(0, 6).Average(t => Rmse(Enumerable.Range(0, ell.Count).Select(i =>
                Math.Clamp(oofCentre[t][i] + (s * ((w * oofTrees[t][i]) + ((1 - w) * oofRidge[t][i]) - oofCentre[t][i])), 1, 5)), ell.Select(e => e.Scores![t])));
            _log($"  stretch {s:F2}: MCRMSE {m:F4}");
        }

        var meanPredictor = Enumerable.Range(0, 6).Select(t =>
        {
            var predictions = new double[ell.Count];
            for (var fold = 0; fold < folds; fold++)
            {
                var mean = Enumerable.Range(0, ell.Count).Where(i => ellFold[i] != fold).Average(i => ell[i].Scores![t]);
                for (var i = 0; i < ell.Count; i++)
                {
                    if (ellFold[i] == fold)
                    {
                        predictions[i] = mean;
                    }
                }
            }

            return Rmse(predictions, ell.Select(e => e.Scores![t]));
        }).Average();

        // ASAP: folds within each prompt.
        var qwk = Enumerable.Repeat(double.NaN, 8).ToArray();
        if (asap.Count > 0 && !_options.SkipAsapCrossValidation)
        {
            var asapFold = FoldsOf(asap.Count, folds, _options.Seed + 1);
            var predicted = new int[asap.Count];
            var rounded = new int[asap.Count];
            var ellCorpus = data.EllWords;
            var traitsForAsap = AsapTraitInputs(data, ell);
            for (var fold = 0; fold < folds; fold++)
            {
                var watch = Stopwatch.StartNew();
                var train = Enumerable.Range(0, asap.Count).Where(i => asapFold[i] != fold).ToList();
                var corpus = CorpusStatistics.Build(ellCorpus.Concat(train.Select(i => data.AsapWords[i])));
                var stored = corpus.AsStored();
                var trainDense = Dense(data.AsapText, data.AsapNative, train, data.Dictionary, corpus, excludeSelf: true);
                for (var set = 1; set <= 8; set++)
                {
                    var setTrain = Enumerable.Range(0, train.Count).Where(k => asap[train[k]].Set == set).ToList();
                    if (setTrain.Count < 20)
                    {
                        continue;
                    }

                    var (model, cuts) = FitAsap(data, setTrain.Select(k => train[k]).ToList(), setTrain.Select(k => trainDense[k]).ToList(), traitsForAsap, set);
                    foreach (var i in Enumerable.Range(0, asap.Count).Where(i => asapFold[i] == fold && asap[i].Set == set))
                    {
                        var dense = EssayFeatures.Dense(data.AsapText[i], data.Dictionary, stored, excludeSelf: false, data.AsapNative[i]);
                        var value = model.Predict(data.AsapSparse[i], dense, traitsForAsap[i])[0];
                        predicted[i] = EssayScoringModel.Discretise(value, cuts, AsapScale.Of(set).Min);
                        rounded[i] = Math.Clamp((int)Math.Round(value), AsapScale.Of(set).Min, AsapScale.Of(set).Max);
                    }
                }

                _log($"ASAP fold {fold + 1}/{folds} ({watch.Elapsed.TotalSeconds:F0} s)");
            }

            for (var set = 1; set <= 8; set++)
            {
                var rows = Enumerable.Range(0, asap.Count).Where(i => asap[i].Set == set).ToList();
                var (min, max) = AsapScale.Of(set);
                qwk[set - 1] = rows.Count == 0 ? double.NaN : EssayMetrics.QuadraticWeightedKappa(rows.Select(i => asap[i].Score!.Value).ToList(), rows.Select(i => predicted[i]).ToList(), min, max);
                if (rows.Count > 0)
                {
                    _log($"  ASAP prompt {set}: QWK {qwk[set - 1]:F4} with fitted cuts, {EssayMetrics.QuadraticWeightedKappa(rows.Select(i => asap[i].Score!.Value).ToList(), rows.Select(i => rounded[i]).ToList(), min, max):F4} rounded");
                }
            }
        }

        return new EssayCvReport(traitRmse.Average(), traitRmse, meanPredictor, qwk.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(), qwk, folds, ell.Count, asap.Count);
    }

    /// <summary>Trains the final model on all essays and writes the artefact.</summary>
    public void Train(IReadOnlyList<EllEssay> ell, IReadOnlyList<AsapEssay> asap, HashSet<string> dictionaryWords, string version, Stream output)
    {
        var data = Prepare(ell, asap, dictionaryWords);
        var all = Enumerable.Range(0, ell.Count).ToList();
        var corpus = CorpusStatistics.Build(data.EllWords.Concat(data.AsapWords));
        var watch = Stopwatch.StartNew();
        var traits = FitTraits(data, all, corpus, out var ngram);
        _log($"ELL trait model trained ({watch.Elapsed.TotalSeconds:F0} s)");
        var traitsForAsap = AsapTraitInputs(data, ell, ngram);
        var allAsap = Enumerable.Range(0, asap.Count).ToList();
        var asapDense = Dense(data.AsapText, data.AsapNative, allAsap, data.Dictionary, corpus, excludeSelf: true);
        var models = new StackedRegressor[8];
        var cuts = new double[8][];
        for (var set = 1; set <= 8; set++)
        {
            var rows = allAsap.Where(i => asap[i].Set == set).ToList();
            if (rows.Count < 20)
            {
                throw new InvalidOperationException($"ASAP prompt {set} has {rows.Count} essays; at least 20 are needed to train.");
            }

            (models[set - 1], cuts[set - 1]) = FitAsap(data, rows, rows.Select(i => asapDense[i]).ToList(), traitsForAsap, set);
        }

        _log($"ASAP models trained ({watch.Elapsed.TotalSeconds:F0} s)");
        new EssayScoringModel
        {
            Version = version,
            Dictionary = data.Dictionary,
            Corpus = corpus.AsStored(),
            Traits = traits,
            TraitRidge = _traitRidge!,
            TraitsReadTraitRidge = ngram is not null,
            Asap = models,
            AsapCuts = cuts,
            UsesLanguageModel = _options.LanguageModel is not null,
            UsesChecker = _options.Checker is not null,
        }.Save(output);
    }

    private sealed record Prepared(
        SpellingDictionary Dictionary,
        EssayText[] EllText, SparseVector[] EllSparse, List<string>[] EllWords, double[][] EllTargets, double[][] EllNative,
        EssayText[] AsapText, SparseVector[] AsapSparse, List<string>[] AsapWords, double[] AsapTargets, double[][] AsapNative);

    private Prepared Prepare(IReadOnlyList<EllEssay> ell, IReadOnlyList<AsapEssay> asap, HashSet<string> dictionaryWords)
    {
        var watch = Stopwatch.StartNew();
        var dictionary = SpellingDictionary.FromWords(dictionaryWords);
        var ellText = new EssayText[ell.Count];
        var ellSparse = new SparseVector[ell.Count];
        Parallel.For(0, ell.Count, Parallel2, i =>
        {
            ellText[i] = EssayText.Parse(ell[i].Text);
            ellSparse[i] = EssayFeatures.Sparse(ellText[i]);
        });
        var asapText = new EssayText[asap.Count];
        var asapSparse = new SparseVector[asap.Count];
        Parallel.For(0, asap.Count, Parallel2, i =>
        {
            asapText[i] = EssayText.Parse(asap[i].Text);
            asapSparse[i] = EssayFeatures.Sparse(asapText[i]);
        });
        var targets = new double[6][];
        for (var t = 0; t < 6; t++)
        {
            targets[t] = ell.Select(e => e.Scores![t]).ToArray();
        }

        // Native-language-model features do not depend on the folds (the model learned from other text): once per essay.
        var lm = _options.LanguageModel;
        var checker = _options.Checker;
        double[] Native(string raw, EssayText text) =>
            [.. NativeLanguageFeatures.Compute(text, lm) ?? new double[NativeLanguageFeatures.Count], .. CheckerFeatures.Compute(raw, text, checker) ?? new double[CheckerFeatures.Count]];
        var ellNative = new double[ell.Count][];
        Parallel.For(0, ell.Count, Parallel2, i => ellNative[i] = Native(ell[i].Text, ellText[i]));
        var asapNative = new double[asap.Count][];
        Parallel.For(0, asap.Count, Parallel2, i => asapNative[i] = Native(asap[i].Text, asapText[i]));
        _log($"Prepared {ell.Count} ELL and {asap.Count} ASAP essays ({watch.Elapsed.TotalSeconds:F0} s){(lm is null ? "; no native language model: its features are constant" : "")}");
        return new Prepared(dictionary, ellText, ellSparse, ellText.Select(e => e.LowerWords()).ToArray(), targets, ellNative,
            asapText, asapSparse, asapText.Select(e => e.LowerWords()).ToArray(), asap.Select(a => (double)(a.Score ?? 0)).ToArray(), asapNative);
    }

    private static readonly ParallelOptions Parallel2 = new() { MaxDegreeOfParallelism = 2 };

    private static List<double[]> Dense(EssayText[] texts, double[][] native, List<int> rows, SpellingDictionary dictionary, CorpusStatistics corpus, bool excludeSelf)
    {
        var dense = new double[rows.Count][];
        Parallel.For(0, rows.Count, Parallel2, k => dense[k] = EssayFeatures.Dense(texts[rows[k]], dictionary, corpus, excludeSelf, native[rows[k]]));
        return [.. dense];
    }

    /// <summary>
    /// The six-trait model on the given ELL essays; with <see cref="EssayTrainingOptions.NgramRidgeInputs"/>, its trees
    /// also read an n-gram-only ridge's trait predictions (out-of-fold in training; <paramref name="ngram"/>, fitted on
    /// all the given essays, at prediction).
    /// </summary>
    private StackedRegressor FitTraits(Prepared data, List<int> train, CorpusStatistics corpus, out RidgeModel? ngram)
    {
        var dense = Dense(data.EllText, data.EllNative, train, data.Dictionary, corpus, excludeSelf: true);
        var sparse = train.Select(i => data.EllSparse[i]).ToList();
        var targets = data.EllTargets.Select(t => train.Select(i => t[i]).ToArray()).ToArray();
        ngram = null;
        List<double[]>? extra = null;
        if (_options.NgramRidgeInputs)
        {
            var x = new DesignMatrix(sparse, sparse.Select(_ => Array.Empty<double>()).ToList(), 1 << EssayFeatures.SparseBits);
            var all = Enumerable.Range(0, sparse.Count).ToList();
            ngram = RidgeModel.Fit(x, all, targets, _options.RidgeLambda, 0);
            var inner = FoldsOf(sparse.Count, _options.InnerFolds, _options.Seed + 7);
            var oof = new double[sparse.Count][];
            for (var fold = 0; fold < _options.InnerFolds; fold++)
            {
                var partial = RidgeModel.Fit(x, all.Where(i => inner[i] != fold).ToList(), targets, _options.RidgeLambda, 0, ngram, iterations: 30);
                foreach (var i in all.Where(i => inner[i] == fold))
                {
                    oof[i] = Enumerable.Range(0, targets.Length).Select(k => partial.Predict(k, sparse[i], [])).ToArray();
                }
            }

            extra = [.. oof];
        }

        return FitStacked(sparse, dense, targets, extra, _options.RidgeLambda, _options.Seed, _options.TreeRounds, _options.TreeLearningRate, _options.TreeWeight, null, _options.Stretch);
    }

    /// <summary>The n-gram-only ridge's six trait predictions for one essay (the trait trees' extra inputs), or null without that ridge.</summary>
    internal static double[]? NgramInputs(RidgeModel? ngram, SparseVector sparse) =>
        ngram is null ? null : Enumerable.Range(0, ngram.Targets).Select(k => ngram.Predict(k, sparse, [])).ToArray();

    /// <summary>
    /// Ridge on all rows; inner folds give the trees out-of-fold ridge predictions as inputs; trees per target (boosted
    /// for <paramref name="rounds"/> at <paramref name="learningRate"/>). With <paramref name="blendOof"/>, also
    /// out-of-fold blended predictions of the first target (inner trees refitted per fold).
    /// </summary>
    private StackedRegressor FitStacked(List<SparseVector> sparse, List<double[]> dense, double[][] targets, List<double[]>? extra, double lambda, int seed,
        int rounds, double learningRate, double treeWeight, double[]? blendOof, double stretch = 1.0)
    {
        var x = new DesignMatrix(sparse, dense, 1 << EssayFeatures.SparseBits);
        var all = Enumerable.Range(0, sparse.Count).ToList();
        var watch = Stopwatch.StartNew();
        var ridge = RidgeModel.Fit(x, all, targets, lambda, _options.DenseWeight);
        var inner = FoldsOf(sparse.Count, _options.InnerFolds, seed);
        var ridgeOof = new double[sparse.Count][];
        for (var fold = 0; fold < _options.InnerFolds; fold++)
        {
            var rows = all.Where(i => inner[i] != fold).ToList();
            var partial = RidgeModel.Fit(x, rows, targets, lambda, _options.DenseWeight, ridge, iterations: 30);
            foreach (var i in all.Where(i => inner[i] == fold))
            {
                ridgeOof[i] = Enumerable.Range(0, targets.Length).Select(k => partial.Predict(k, sparse[i], dense[i])).ToArray();
            }
        }

        var inputs = all.Select(i => StackedRegressor.TreeInput(dense[i], ridgeOof[i], extra?[i])).ToList();
        if (blendOof is not null)
        {
            for (var fold = 0; fold < _options.InnerFolds; fold++)
            {
                var rows = all.Where(i => inner[i] != fold).ToList();
                var foldTrees = BoostedTrees.Fit(rows.Select(i => inputs[i]).ToList(), rows.Select(i => targets[0][i]).ToList(), Boosting(seed, rounds, learningRate));
                foreach (var i in all.Where(i => inner[i] == fold))
                {
                    blendOof[i] = (treeWeight * foldTrees.Predict(inputs[i])) + ((1 - treeWeight) * ridgeOof[i][0]);
                }
            }
        }

        var ridgeSeconds = watch.Elapsed.TotalSeconds;
        var trees = new BoostedTrees[targets.Length];
        Parallel.For(0, targets.Length, Parallel2, k =>
            trees[k] = BoostedTrees.Average(Enumerable.Range(0, _options.TreeBags).Select(b => BoostedTrees.Fit(inputs, targets[k], Boosting(seed + k + (1000 * b), rounds, learningRate))).ToList()));
        if (targets.Length > 1)
        {
            _log($"  ridge {ridgeSeconds:F0} s, trees {watch.Elapsed.TotalSeconds - ridgeSeconds:F0} s");
        }
        return new StackedRegressor(ridge, trees, treeWeight, stretch, targets.Select(t => t.Average()).ToArray());
    }

    private BoostingOptions Boosting(int seed, int rounds, double learningRate) => new(Rounds: rounds, LearningRate: learningRate, MaxDepth: _options.TreeDepth,
        MinLeaf: _options.TreeMinLeaf, FeatureSample: _options.TreeFeatureSample, Seed: seed);

    private (StackedRegressor Model, double[] Cuts) FitAsap(Prepared data, List<int> rows, List<double[]> dense, double[][] traitInputs, int set)
    {
        var sparse = rows.Select(i => data.AsapSparse[i]).ToList();
        var targets = new[] { rows.Select(i => data.AsapTargets[i]).ToArray() };
        var oof = new double[rows.Count];
        var model = FitStacked(sparse, dense, targets, rows.Select(i => traitInputs[i]).ToList(), _options.AsapRidgeLambda, _options.Seed + set,
            _options.AsapTreeRounds, _options.AsapTreeLearningRate, _options.AsapTreeWeight, oof);
        var (min, max) = AsapScale.Of(set);
        return (model, FitCuts(oof, targets[0].Select(v => (int)v).ToArray(), min, max));
    }

    /// <summary>Cut points between the integer scores that maximise QWK on out-of-fold predictions (coordinate search from x.5).</summary>
    internal static double[] FitCuts(double[] predictions, int[] labels, int min, int max)
    {
        var cuts = Enumerable.Range(min, max - min).Select(s => s + 0.5).ToArray();
        double Kappa(double[] c) => EssayMetrics.QuadraticWeightedKappa(labels, predictions.Select(p => EssayScoringModel.Discretise(p, c, min)).ToList(), min, max);
        var best = Kappa(cuts);
        for (var pass = 0; pass < 3; pass++)
        {
            for (var k = 0; k < cuts.Length; k++)
            {
                var low = k == 0 ? cuts[k] - 1 : cuts[k - 1];
                var high = k == cuts.Length - 1 ? cuts[k] + 1 : cuts[k + 1];
                var keep = cuts[k];
                for (var step = 1; step < 20; step++)
                {
                    cuts[k] = low + ((high - low) * step / 20);
                    var kappa = Kappa(cuts);
                    if (kappa > best + 1e-9)
                    {
                        best = kappa;
                        keep = cuts[k];
                    }
                }

                cuts[k] = keep;
            }
        }

        return cuts;
    }

    /// <summary>
    /// The ELL model's six trait predictions for every ASAP essay, as extra inputs of the ASAP trees (learned from ELL
    /// only, which shares no essay with ASAP). Computed by a ridge over hashed n-grams alone, cheap and fold-free;
    /// <paramref name="fitted"/> is that ridge when the trait model already fitted it on all ELL essays.
    /// </summary>
    private double[][] AsapTraitInputs(Prepared data, IReadOnlyList<EllEssay> ell, RidgeModel? fitted = null)
    {
        var x = new DesignMatrix(data.EllSparse, data.EllSparse.Select(_ => Array.Empty<double>()).ToList(), 1 << EssayFeatures.SparseBits);
        var ridge = fitted ?? RidgeModel.Fit(x, Enumerable.Range(0, ell.Count).ToList(), data.EllTargets, _options.RidgeLambda, 0);
        _traitRidge = ridge;
        return data.AsapSparse.Select(s => Enumerable.Range(0, 6).Select(k => ridge.Predict(k, s, [])).ToArray()).ToArray();
    }

    private RidgeModel? _traitRidge;

    internal static int[] FoldsOf(int count, int folds, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[count];
        for (var k = 0; k < count; k++)
        {
            fold[order[k]] = k % folds;
        }

        return fold;
    }

    private static double Rmse(IEnumerable<double> predicted, IEnumerable<double> actual)
    {
        var pairs = predicted.Zip(actual).ToList();
        return Math.Sqrt(pairs.Average(p => (p.First - p.Second) * (p.First - p.Second)));
    }
}

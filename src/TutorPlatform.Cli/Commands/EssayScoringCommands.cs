using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays;
using TutorPlatform.Essays.Language;
using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor essays score|evaluate|train</c> and <c>tutor bench essays</c>: the trained trait scorer.</summary>
internal static class EssayScoringCommands
{
    private const string EllData = "data/essays/ell_train.csv";
    private const string AsapData = "data/essays/asap_folds012.tsv";
    private const string ArtefactPath = "src/TutorPlatform.Essays/Scoring/essay-scorer.bin.gz";

    /// <summary>Adds the scoring subcommands to <c>essays</c> and the essay benchmark to <c>bench</c>.</summary>
    public static void AddTo(Command essays, Command bench)
    {
        ArgumentNullException.ThrowIfNull(essays);
        ArgumentNullException.ThrowIfNull(bench);
        essays.Subcommands.Add(CreateScore());
        essays.Subcommands.Add(CreateEvaluate());
        essays.Subcommands.Add(CreateTrain());
        bench.Subcommands.Add(CreateBench());
    }

    private static readonly Option<string?> ModelOption = new("--model")
    {
        Description = "An essay scorer artefact from `tutor essays train --output`; default: the one built into this program.",
    };

    private static readonly Option<bool> AsapOption = new("--asap")
    {
        Description = "ASAP-AES format: TSV with columns essay_id,essay_set,essay; the holistic score on the prompt's scale (domain1_score).",
    };

    private static Command CreateScore()
    {
        var input = new Option<string>("--input") { Description = "Essays to score: CSV text_id,full_text (or with --asap, TSV essay_id,essay_set,essay). Other columns are ignored.", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write the scores: CSV text_id,cohesion,syntax,vocabulary,phraseology,grammar,conventions (1.0–5.0), or with --asap TSV essay_id,essay_set,domain1_score.", Required = true };
        var command = new Command("score",
            "Scores a file of essays with the on-device trait scorer (no large model). Six analytic traits of the ELLIPSE rubric, 1.0–5.0, " +
            "or with --asap the ASAP-AES holistic score of each essay's prompt. Bad rows (wrong field count, empty essay, essay_set not 1–8) " +
            "are reported on stderr by the line they start on and left out; a progress bar shows on stderr.")
        {
            input, output, AsapOption, ModelOption,
        };
        command.SetAction((result, _) => Task.FromResult(Guard(() => Score(result.GetValue(input)!, result.GetValue(output)!, result.GetValue(AsapOption), result.GetValue(ModelOption)))));
        return command;
    }

    private static int Score(string inputPath, string outputPath, bool asap, string? modelPath)
    {
        var scorer = LoadScorer(modelPath);
        var problems = new List<TableProblem>();
        using var reader = OpenInput(inputPath);
        var outputDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (outputDirectory is not null && !Directory.Exists(outputDirectory))
        {
            throw new CliException($"--output: the folder {outputDirectory} does not exist.");
        }

        var invariant = CultureInfo.InvariantCulture;
        var lines = new List<string>();
        if (asap)
        {
            var essays = EssayTables.ReadAsap(reader, withScores: false, problems);
            Report(problems, inputPath);
            FailOnHeader(problems, inputPath);
            var scores = new int[essays.Count];
            using (var bar = new ProgressBar(essays.Count, "Scoring"))
            {
                Parallel.For(0, essays.Count, i =>
                {
                    scores[i] = scorer.ScoreAsap(essays[i].Text, essays[i].Set);
                    bar.Advance();
                });
            }

            lines.Add("essay_id\tessay_set\tdomain1_score");
            lines.AddRange(essays.Select((e, i) => $"{EssayTables.Quote(e.Id, '\t')}\t{e.Set}\t{scores[i].ToString(invariant)}"));
            Console.Error.WriteLine($"Scored {essays.Count} essays (ASAP-AES holistic, model {scorer.ModelVersion}){(problems.Count > 0 ? $"; {problems.Count} row(s) skipped" : "")}.");
        }
        else
        {
            var essays = EssayTables.ReadEll(reader, withScores: false, problems);
            Report(problems, inputPath);
            FailOnHeader(problems, inputPath);
            var scores = new EssayTraitScores[essays.Count];
            using (var bar = new ProgressBar(essays.Count, "Scoring"))
            {
                Parallel.For(0, essays.Count, i =>
                {
                    scores[i] = scorer.Score(essays[i].Text);
                    bar.Advance();
                });
            }

            lines.Add("text_id," + string.Join(',', EssayTables.TraitColumns));
            lines.AddRange(essays.Select((e, i) => EssayTables.Quote(e.Id, ',') + "," +
                string.Join(',', Enum.GetValues<EssayTrait>().Select(t => scores[i][t].ToString("0.00", invariant)))));
            Console.Error.WriteLine($"Scored {essays.Count} essays (six traits, model {scorer.ModelVersion}){(problems.Count > 0 ? $"; {problems.Count} row(s) skipped" : "")}.");
        }

        File.WriteAllLines(outputPath, lines, new UTF8Encoding(false));
        return 0;
    }

    private static Command CreateEvaluate()
    {
        var predictions = new Option<string?>("--predictions") { Description = "Scores from `tutor essays score` (CSV, or TSV with --asap)." };
        var gold = new Option<string?>("--gold") { Description = "The same essays with human scores: ell_train.csv's columns (CSV), or ASAP's essay_id,essay_set,domain1_score (TSV, with --asap)." };
        var cv = new Option<bool>("--cv") { Description = "Instead: train and test the scorer in 5-fold cross-validation on the shared data and print MCRMSE (ELL) and mean QWK (ASAP-AES). Takes 10–15 minutes on two cores." };
        var ell = new Option<string?>("--ell") { Description = $"ELL training CSV for --cv; default ../shared/{EllData}." };
        var asapData = new Option<string?>("--asap-data") { Description = $"ASAP-AES TSV for --cv; default ../shared/{AsapData}." };
        var command = new Command("evaluate",
            "Prints how close scores are to human scores: MCRMSE (mean over the six traits of the RMSE) for ELL-format files, or with --asap " +
            "the quadratic weighted kappa per prompt and its mean. With --cv it prints the cross-validated figures of the training recipe " +
            "(the README's quality figures).")
        {
            predictions, gold, AsapOption, cv, ell, asapData,
        };
        command.SetAction((result, _) => Task.FromResult(Guard(() => result.GetValue(cv)
            ? CrossValidate(result.GetValue(ell), result.GetValue(asapData), new EssayTrainingOptions { LanguageModel = TrainingLanguageModel(null, none: false), Checker = TrainingChecker(none: false) })
            : Evaluate(result.GetValue(predictions) ?? throw new CliException("--predictions is required (or use --cv)."),
                result.GetValue(gold) ?? throw new CliException("--gold is required (or use --cv)."), result.GetValue(AsapOption)))));
        return command;
    }

    private static int Evaluate(string predictionsPath, string goldPath, bool asap)
    {
        var problems = new List<TableProblem>();
        var dataset = Path.GetFileName(goldPath);
        if (asap)
        {
            using var goldReader = OpenInput(goldPath);
            var gold = EssayTables.ReadAsap(new StringReader(WithEssayColumn(goldReader, '\t')), withScores: true, problems);
            Report(problems, goldPath);
            problems.Clear();
            using var predictedReader = OpenInput(predictionsPath);
            var predicted = ReadAsapPredictions(predictedReader, problems);
            Report(problems, predictionsPath);
            var matched = gold.Where(g => predicted.ContainsKey(g.Id)).ToList();
            if (matched.Count == 0)
            {
                throw new CliException("No essay_id of the predictions is in the gold file.");
            }

            Console.WriteLine($"ASAP-AES holistic scores ({dataset}): {matched.Count} essays matched of {gold.Count}");
            var kappas = new List<double>();
            foreach (var group in matched.GroupBy(g => g.Set).OrderBy(g => g.Key))
            {
                var (min, max) = AsapScale.Of(group.Key);
                var k = EssayMetrics.QuadraticWeightedKappa(group.Select(g => g.Score!.Value).ToList(), group.Select(g => predicted[g.Id]).ToList(), min, max);
                kappas.Add(k);
                Console.WriteLine($"  prompt {group.Key} ({min}–{max}, {group.Count()} essays): QWK {k:F3}");
            }

            Console.WriteLine($"Mean QWK over {kappas.Count} prompt(s): {kappas.Average():F3}");
        }
        else
        {
            using var goldReader = OpenInput(goldPath);
            var gold = EssayTables.ReadEll(goldReader, withScores: true, problems);
            Report(problems, goldPath);
            problems.Clear();
            using var predictedReader = OpenInput(predictionsPath);
            var predicted = ReadEllPredictions(predictedReader, problems);
            Report(problems, predictionsPath);
            var matched = gold.Where(g => predicted.ContainsKey(g.Id)).ToList();
            if (matched.Count == 0)
            {
                throw new CliException("No text_id of the predictions is in the gold file.");
            }

            Console.WriteLine($"ELL analytic traits ({dataset}): {matched.Count} essays matched of {gold.Count}");
            var rmse = new List<double>();
            for (var t = 0; t < EssayTables.TraitColumns.Length; t++)
            {
                var r = EssayMetrics.Rmse(matched.Select(g => predicted[g.Id][t]).ToList(), matched.Select(g => g.Scores![t]).ToList());
                rmse.Add(r);
                Console.WriteLine($"  {EssayTables.TraitColumns[t],-12} RMSE {r:F4}");
            }

            Console.WriteLine($"MCRMSE: {rmse.Average():F4}");
        }

        return 0;
    }

    /// <summary>Gold ASAP files without an essay column (a scores-only TSV) get an empty one, so the reader's checks apply.</summary>
    private static string WithEssayColumn(TextReader reader, char delimiter)
    {
        var text = reader.ReadToEnd();
        var firstLine = text.Split('\n', 2)[0];
        if (firstLine.Split(delimiter).Any(h => h.Trim().Equals("essay", StringComparison.OrdinalIgnoreCase)))
        {
            return text;
        }

        var sb = new StringBuilder();
        var first = true;
        foreach (var (_, fields) in EssayTables.ReadRecords(new StringReader(text), delimiter))
        {
            sb.Append(string.Join(delimiter, fields.Select(f => EssayTables.Quote(f, delimiter)))).Append(delimiter).Append(first ? "essay" : "-").Append('\n');
            first = false;
        }

        return sb.ToString();
    }

    private static Dictionary<string, double[]> ReadEllPredictions(TextReader reader, List<TableProblem> problems)
    {
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        Dictionary<string, int>? header = null;
        foreach (var (line, fields) in EssayTables.ReadRecords(reader, ','))
        {
            if (header is null)
            {
                header = fields.Select((f, i) => (f.Trim(), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.OrdinalIgnoreCase);
                var missing = EssayTables.TraitColumns.Prepend("text_id").Where(c => !header.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    throw new CliException($"The predictions lack column(s) {string.Join(", ", missing)}.");
                }

                continue;
            }

            var values = new double[6];
            if (fields.Count != header.Count || EssayTables.TraitColumns.Select((c, t) => double.TryParse(fields[header[c]], NumberStyles.Float, CultureInfo.InvariantCulture, out values[t])).Any(ok => !ok))
            {
                problems.Add(new TableProblem(line, "not a row of six numeric scores"));
                continue;
            }

            result[fields[header["text_id"]].Trim()] = values;
        }

        return result;
    }

    private static Dictionary<string, int> ReadAsapPredictions(TextReader reader, List<TableProblem> problems)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int>? header = null;
        foreach (var (line, fields) in EssayTables.ReadRecords(reader, '\t'))
        {
            if (header is null)
            {
                header = fields.Select((f, i) => (f.Trim(), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.OrdinalIgnoreCase);
                if (!header.ContainsKey("essay_id") || !header.ContainsKey("domain1_score"))
                {
                    throw new CliException("The predictions lack column essay_id or domain1_score.");
                }

                continue;
            }

            if (fields.Count != header.Count || !double.TryParse(fields[header["domain1_score"]], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(new TableProblem(line, "no numeric domain1_score"));
                continue;
            }

            result[fields[header["essay_id"]].Trim()] = (int)Math.Round(value);
        }

        return result;
    }

    private static Command CreateTrain()
    {
        var ell = new Option<string?>("--ell") { Description = $"ELL training CSV (text_id,full_text and the six traits); default ../shared/{EllData}." };
        var asapData = new Option<string?>("--asap-data") { Description = $"ASAP-AES TSV (essay_id,essay_set,essay,domain1_score); default ../shared/{AsapData}." };
        var dictionary = new Option<string>("--dictionary")
        {
            Description = "hunspell dictionary (.dic, with its .aff beside it) whose word forms become the spelling feature's word filter.",
            DefaultValueFactory = _ => "/usr/share/hunspell/en_US.dic",
        };
        var output = new Option<string?>("--output") { Description = $"Where to write the artefact; default {ArtefactPath} in this checkout (embedded by the next build)." };
        var cv = new Option<bool>("--cv") { Description = "Also cross-validate (5 folds) before training, and print MCRMSE and mean QWK." };
        var lambda = new Option<double?>("--lambda") { Description = "Ridge penalty of the ELL model (tuning)." };
        var treeWeight = new Option<double?>("--tree-weight") { Description = "Weight of the ELL trait trees in the blend with the ridge, 0–1 (tuning; the ASAP prompts keep 0.6)." };
        var denseWeight = new Option<float?>("--dense-weight") { Description = "Scale of the standardised dense features in the ridge (tuning)." };
        var rounds = new Option<int?>("--rounds") { Description = "Boosting rounds of the ELL trait trees (tuning; the ASAP prompts keep 300 at 0.04)." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Boosting shrinkage of the ELL trait trees (tuning)." };
        var depth = new Option<int?>("--depth") { Description = "Depth of the boosted trees (tuning)." };
        var minLeaf = new Option<int?>("--min-leaf") { Description = "Fewest essays in a tree leaf (tuning)." };
        var stretch = new Option<double?>("--stretch") { Description = "Factor that stretches the trait predictions away from the training mean (tuning)." };
        var bags = new Option<int?>("--bags") { Description = "Boosted-tree models per target from different seeds, averaged (tuning)." };
        var ngramInputs = new Option<bool?>("--ngram-ridge-inputs") { Description = "Whether the ELL trait trees also read an n-gram-only ridge's trait predictions (default true; tuning)." };
        var cvOnly = new Option<bool>("--cv-only") { Description = "Cross-validate only; write nothing." };
        var ellOnly = new Option<bool>("--ell-only") { Description = "With --cv-only: cross-validate the ELL trait model only (tuning)." };
        var asapOnly = new Option<bool>("--asap-only") { Description = "With --cv-only: cross-validate the ASAP models only (tuning)." };
        var asapLambda = new Option<double?>("--asap-lambda") { Description = "Ridge penalty of the ASAP models (tuning)." };
        var languageModel = new Option<string?>("--language-model") { Description = $"Native-English trigram language model (sphinx binary or ARPA) for the fluency features; default {SphinxLanguageModel.DefaultPath} (Debian package pocketsphinx-en-us)." };
        var noCheckerFeatures = new Option<bool>("--no-checker-features") { Description = "Train without the on-device checker's error-type rates (their columns constant; for comparison)." };
        var noLanguageModel = new Option<bool>("--no-language-model") { Description = "Train without the language-model features (their columns constant; for comparison)." };
        var command = new Command("train",
            "Trains the on-device essay scorer from ELL (six analytic traits) and ASAP-AES (holistic per prompt): linguistic features " +
            "and hashed n-grams into a ridge whose out-of-fold predictions feed gradient-boosted trees (docs/decisions/0004). " +
            "Writes the artefact that the build embeds. About 5 minutes on two cores.")
        {
            ell, asapData, dictionary, output, cv, cvOnly, ellOnly, asapOnly, asapLambda, lambda, treeWeight, denseWeight, rounds, learningRate, depth, minLeaf, bags, stretch, ngramInputs, languageModel, noLanguageModel, noCheckerFeatures,
        };
        command.SetAction((result, _) => Task.FromResult(Guard(() =>
        {
            var options = new EssayTrainingOptions();
            options = options with
            {
                RidgeLambda = result.GetValue(lambda) ?? options.RidgeLambda,
                TreeWeight = result.GetValue(treeWeight) ?? options.TreeWeight,
                DenseWeight = result.GetValue(denseWeight) ?? options.DenseWeight,
                TreeRounds = result.GetValue(rounds) ?? options.TreeRounds,
                TreeLearningRate = result.GetValue(learningRate) ?? options.TreeLearningRate,
                TreeDepth = result.GetValue(depth) ?? options.TreeDepth,
                TreeMinLeaf = result.GetValue(minLeaf) ?? options.TreeMinLeaf,
                TreeBags = result.GetValue(bags) ?? options.TreeBags,
                Stretch = result.GetValue(stretch) ?? options.Stretch,
                NgramRidgeInputs = result.GetValue(ngramInputs) ?? options.NgramRidgeInputs,
                SkipAsapCrossValidation = result.GetValue(ellOnly),
                SkipEllCrossValidation = result.GetValue(asapOnly),
                AsapRidgeLambda = result.GetValue(asapLambda) ?? options.AsapRidgeLambda,
                LanguageModel = TrainingLanguageModel(result.GetValue(languageModel), result.GetValue(noLanguageModel)),
                Checker = TrainingChecker(result.GetValue(noCheckerFeatures)),
            };
            if (result.GetValue(cvOnly))
            {
                return CrossValidate(result.GetValue(ell), result.GetValue(asapData), options, result.GetValue(dictionary)!);
            }

            if (result.GetValue(cv))
            {
                CrossValidate(result.GetValue(ell), result.GetValue(asapData), options, result.GetValue(dictionary)!);
            }

            return Train(result.GetValue(ell), result.GetValue(asapData), result.GetValue(dictionary)!, result.GetValue(output), options);
        })));
        return command;
    }

    /// <summary>The language model training reads: required unless <paramref name="none"/> (the artefact assumes it).</summary>
    private static SphinxLanguageModel? TrainingLanguageModel(string? path, bool none)
    {
        if (none)
        {
            return null;
        }

        path ??= SphinxLanguageModel.DefaultPath;
        var model = SphinxLanguageModel.TryOpen(path, out var error);
        if (model is null)
        {
            throw new CliException($"--language-model: {error} Install it (apt-get install pocketsphinx-en-us libsphinxbase3), pass another with --language-model, or train without it with --no-language-model.");
        }

        Console.Error.WriteLine($"Language model: {path}.");
        return model;
    }

    /// <summary>The checker whose error counts training reads: required unless <paramref name="none"/> (the artefact assumes it).</summary>
    private static IEssayChecker? TrainingChecker(bool none)
    {
        if (none)
        {
            return null;
        }

        return EssayScorer.InstalledChecker()
            ?? throw new CliException("The on-device checker's language data (hunspell, WordNet, thesaurus, Snowball) is not installed: run scripts/deps/language.sh, or train without its features with --no-checker-features.");
    }

    private static (List<EllEssay> Ell, List<AsapEssay> Asap, HashSet<string> Words) LoadTrainingData(string? ellPath, string? asapPath, string dictionaryPath)
    {
        ellPath ??= Checkout.FindShared(EllData) ?? throw new CliException($"No ELL data: pass --ell PATH (../shared/{EllData} was not found).");
        asapPath ??= Checkout.FindShared(AsapData) ?? throw new CliException($"No ASAP-AES data: pass --asap-data PATH (../shared/{AsapData} was not found).");
        var affPath = Path.ChangeExtension(dictionaryPath, ".aff");
        if (!File.Exists(dictionaryPath) || !File.Exists(affPath))
        {
            throw new CliException($"--dictionary: {dictionaryPath} and {affPath} are needed (Debian: apt-get install hunspell-en-us).");
        }

        var problems = new List<TableProblem>();
        List<EllEssay> ell;
        using (var reader = OpenInput(ellPath))
        {
            ell = EssayTables.ReadEll(reader, withScores: true, problems);
        }

        Report(problems, ellPath);
        problems.Clear();
        List<AsapEssay> asap;
        using (var reader = OpenInput(asapPath))
        {
            asap = EssayTables.ReadAsap(reader, withScores: true, problems);
        }

        Report(problems, asapPath);
        var words = EssayScorerTrainer.ReadHunspellWords(affPath, dictionaryPath);
        Console.Error.WriteLine($"Data: {ell.Count} ELL essays ({Path.GetFileName(ellPath)}), {asap.Count} ASAP-AES essays ({Path.GetFileName(asapPath)}), {words.Count:N0} dictionary word forms ({Path.GetFileName(dictionaryPath)}).");
        return (ell, asap, words);
    }

    private static int CrossValidate(string? ellPath, string? asapPath, EssayTrainingOptions options, string dictionaryPath = "/usr/share/hunspell/en_US.dic")
    {
        var (ell, asap, words) = LoadTrainingData(ellPath, asapPath, dictionaryPath);
        var watch = Stopwatch.StartNew();
        var report = new EssayScorerTrainer(options, Console.Error.WriteLine).CrossValidate(ell, asap, words);
        Console.WriteLine($"{report.Folds}-fold cross-validation of the essay scorer ({watch.Elapsed.TotalSeconds:F0} s):");
        if (!options.SkipEllCrossValidation)
        {
            Console.WriteLine($"ELL (ell_train.csv, {report.EllEssays} essays): MCRMSE {report.Mcrmse:F4} (mean predictor {report.MeanPredictorMcrmse:F4})");
            for (var t = 0; t < 6; t++)
            {
                Console.WriteLine($"  {EssayTables.TraitColumns[t],-12} RMSE {report.TraitRmse[t]:F4}");
            }
        }

        if (double.IsNaN(report.MeanQwk))
        {
            return 0;
        }

        Console.WriteLine($"ASAP-AES (asap_folds012.tsv, {report.AsapEssays} essays): mean QWK {report.MeanQwk:F4}");
        for (var p = 0; p < report.PromptQwk.Count; p++)
        {
            Console.WriteLine($"  prompt {p + 1}  QWK {report.PromptQwk[p]:F4}");
        }

        return 0;
    }

    private static int Train(string? ellPath, string? asapPath, string dictionaryPath, string? outputPath, EssayTrainingOptions options)
    {
        var (ell, asap, words) = LoadTrainingData(ellPath, asapPath, dictionaryPath);
        outputPath ??= Checkout.Roots(Environment.CurrentDirectory).Select(root => Path.Combine(root, ArtefactPath)).FirstOrDefault()
            ?? throw new CliException("Not inside a checkout: pass --output PATH.");
        // The checker rule revision its error-count features were counted with ends the name (EssayScorer.FeatureRuleRevision).
        var version = $"essay-scorer-{DateTime.UtcNow:yyyyMMdd}-ell{ell.Count}-asap{asap.Count}-rules{EssayScorer.FeatureRuleRevision}";
        var watch = Stopwatch.StartNew();
        using (var stream = File.Create(outputPath))
        {
            new EssayScorerTrainer(options, Console.Error.WriteLine).Train(ell, asap, words, version, stream);
        }

        Console.WriteLine($"Wrote {outputPath} ({new FileInfo(outputPath).Length / 1024} KiB, {version}) in {watch.Elapsed.TotalSeconds:F0} s; rebuild to embed it.");
        return 0;
    }

    private static Command CreateBench()
    {
        var seconds = new Option<double>("--seconds") { Description = "How long to measure each part.", DefaultValueFactory = _ => 5 };
        var command = new Command("essays",
            "Per-essay latency (p50/p95) of the on-device essay models on a ~350-word learner essay: trait scores, ASAP score, and the " +
            "spelling/grammar checks when a checker is registered; then throughput per core (one thread) and on all cores.")
        {
            seconds, ModelOption,
        };
        command.SetAction((result, _) => Task.FromResult(Guard(() => Bench(result.GetValue(seconds), result.GetValue(ModelOption)))));
        return command;
    }

    private const string BenchEssay =
        "I think that students would benefit from learning at home, because they wont have to change and get up early in the morning " +
        "to shower and do there hair. Taking only classes helps them because at there house they'll pay more attention. They will be comfortable at home.\n\n" +
        "The hardest part of school is getting ready. You wake up, go brush your teeth and go to your closet and look at your cloths. After you think you " +
        "picked a outfit you go look in the mirror and you'll either not like it or you see a stain. Then you'll have to change. With the online classes " +
        "you can wear anything and stay home and you wont need to stress about what to wear.\n\n" +
        "Most students usually take showers before school. They either take it before they sleep or when they wake up. Some students do both to smell " +
        "good. That causes them to miss the bus and effects their lesson time because they come late to school. When you have online classes you wont need " +
        "to miss lessons because you can get everything set up and go take a shower and when you get out you are ready to go.\n\n" +
        "When your home your comfortable and you pay attention. It gives them an advantage to be smarter and even pass their classmates on class work. " +
        "Public schools are difficult even if you try. Some teachers dont know how to teach it in a way that students understand it. That causes students " +
        "to fail and they may repeat the class. On the other hand, some students need a teacher next to them, so distance learning is not for everyone. " +
        "In conclusion, I believe that learning from home is a good option for many students, but schools should let each family choose what works best " +
        "for them and their children, since every student learns in a different way and at a different speed.";

    private static int Bench(double seconds, string? modelPath)
    {
        var services = new ServiceCollection().AddTutorEssays(CliConfiguration.Load());
        using var provider = services.BuildServiceProvider();
        IEssayScorer scorer = modelPath is null ? provider.GetRequiredService<IEssayScorer>() : LoadScorer(modelPath);
        var checker = provider.GetService<IEssayChecker>();
        var words = BenchEssay.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Console.WriteLine($"Essay: {words} words. Model: {scorer.ModelVersion}. Machine: {Environment.ProcessorCount} logical processors.");
        Console.WriteLine($"Checker: {(checker is null ? "none registered (scores only)" : checker.GetType().Name)}");
        Console.WriteLine();
        Console.WriteLine("part                       p50 ms   p95 ms   essays/s (1 thread)");
        var parts = new List<(string Name, Action Run)>
        {
            ("trait scores", () => scorer.Score(BenchEssay)),
            ("ASAP score (prompt 1)", () => scorer.ScoreAsap(BenchEssay, 1)),
        };
        if (checker is not null)
        {
            parts.Add(("checks (spelling+rules)", () => checker.Check(BenchEssay)));
            parts.Add(("scores + checks", () =>
            {
                scorer.Score(BenchEssay);
                checker.Check(BenchEssay);
            }));
        }

        var (fullName, full) = checker is null ? parts[0] : parts[^1];
        foreach (var (_, run) in parts)
        {
            Measure(run, 1);
        }

        foreach (var (name, run) in parts)
        {
            var latencies = Measure(run, seconds);
            Console.WriteLine($"{name,-25} {Percentile(latencies, 0.5),7:F2}  {Percentile(latencies, 0.95),7:F2}   {1000 / latencies.Average(),8:F0}");
        }

        var threads = Environment.ProcessorCount;
        var done = 0L;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, threads, _ =>
        {
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                full();
                Interlocked.Increment(ref done);
            }
        });
        Console.WriteLine();
        Console.WriteLine($"All {threads} cores, '{fullName}': {done / watch.Elapsed.TotalSeconds:F0} essays/s ({done / watch.Elapsed.TotalSeconds / threads:F0} per core); load average {LoadAverage()}.");
        return 0;
    }

    private static List<double> Measure(Action run, double seconds)
    {
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || latencies.Count < 20)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return latencies;
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static EssayScorer LoadScorer(string? modelPath)
    {
        try
        {
            if (modelPath is null)
            {
                return WarnIfFeaturesMissing(EssayScorer.Default);
            }

            using var stream = File.OpenRead(modelPath);
            return WarnIfFeaturesMissing(EssayScorer.Load(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException)
        {
            throw new CliException($"Cannot load the essay scorer: {ex.Message}");
        }
    }

    private static EssayScorer WarnIfFeaturesMissing(EssayScorer scorer)
    {
        if (scorer.LanguageModelMissing)
        {
            Console.Error.WriteLine($"Note: the native-English language model ({SphinxLanguageModel.DefaultPath}, Debian package pocketsphinx-en-us) is not installed; " +
                "its features take their training means and the trait scores are somewhat less accurate.");
        }

        if (scorer.CheckerMissing)
        {
            Console.Error.WriteLine("Note: the checker's language data (hunspell, WordNet, thesaurus; scripts/deps/language.sh) is not installed; " +
                "its error counts take their training means and the trait scores are somewhat less accurate.");
        }

        return scorer;
    }

    private static StreamReader OpenInput(string path)
    {
        try
        {
            return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"Cannot read {path}: {ex.Message}");
        }
    }

    private static void Report(List<TableProblem> problems, string path)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"{Path.GetFileName(path)} line {problem.Line}: {problem.Message}; skipped.");
        }
    }

    private static void FailOnHeader(List<TableProblem> problems, string path)
    {
        if (problems.Count > 0 && problems[0].Line == 1 && problems[0].Message.StartsWith("the ", StringComparison.Ordinal))
        {
            throw new CliException($"{path}: {problems[0].Message}.");
        }
    }

    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor speech assess|evaluate|train-assessor</c>: read-aloud pronunciation assessment.</summary>
internal static class SpeechAssessmentCommands
{
    /// <summary>The blend the committed model was trained with.</summary>
    private const double DefaultTreeWeight = 0.5;

    private static readonly string[] SentenceColumns = ["accuracy", "fluency", "completeness", "prosody", "total"];

    public static void AddTo(Command speech)
    {
        speech.Subcommands.Add(CreateAssess());
        speech.Subcommands.Add(CreateEvaluate());
        speech.Subcommands.Add(CreateTrain());
    }

    private static Command CreateAssess()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "TSV with a header row and columns utt_id, wav_path (absolute or relative to the manifest's folder), text (the reference read aloud).", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "TSV to write: utt_id, accuracy, fluency, completeness, prosody, total (0–100), in manifest order.", Required = true };
        var words = new Option<FileInfo?>("--words") { Description = "TSV to write one row per reference word: utt_id, word_index (from 0), word, accuracy (0–100), error_type, start_s, end_s." };
        var threads = new Option<int>("--threads") { Description = "Utterances assessed at once (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("assess", "Read-aloud pronunciation assessment of every clip of a manifest. A row that cannot be read, decoded or aligned is reported on stderr with its line number and skipped.")
        {
            manifest, output, words, threads,
        };
        command.SetAction((result, ct) => SpeechCommands.Run(() => AssessAsync(
            result.GetValue(manifest)!, result.GetValue(output)!, result.GetValue(words), result.GetValue(threads), ct)));
        return command;
    }

    /// <summary>A manifest row ready to assess, or why not.</summary>
    internal sealed record AssessRow(int Line, string Id, string AudioPath, string Text);

    /// <summary>The manifest's rows to assess; rows without an id, audio path or text go to <paramref name="bad"/>.</summary>
    internal static List<AssessRow> ReadAssessManifest(string path, List<(int Line, string Reason)> bad)
    {
        var manifest = SpeechManifest.Read(path, bad);
        foreach (var column in (string[])["utt_id", "wav_path", "text"])
        {
            if (!manifest.Has(column))
            {
                throw new CliException($"{path} has no `{column}` column (columns: {string.Join(", ", manifest.Columns)}).");
            }
        }

        var rows = new List<AssessRow>();
        foreach (var row in manifest.Rows)
        {
            var missing = ((string[])["utt_id", "wav_path", "text"]).Where(c => row.Get(c) is null || row.Get(c)!.Trim().Length == 0).ToList();
            if (missing.Count > 0)
            {
                bad.Add((row.Line, $"empty {string.Join(", ", missing)}"));
                continue;
            }

            var audio = row.Get("wav_path")!;
            rows.Add(new AssessRow(row.Line, row.Get("utt_id")!, Path.IsPathRooted(audio) ? audio : Path.Combine(manifest.Folder, audio), row.Get("text")!));
        }

        return rows;
    }

    private static async Task<int> AssessAsync(FileInfo manifestFile, FileInfo outputFile, FileInfo? wordsFile, int threads, CancellationToken ct)
    {
        var bad = new List<(int Line, string Reason)>();
        var rows = ReadAssessManifest(manifestFile.FullName, bad);
        foreach (var (line, reason) in bad.OrderBy(b => b.Line))
        {
            await Console.Error.WriteLineAsync($"line {line}: skipped: {reason}");
        }

        await using var services = SpeechCommands.CreateServices(threads);
        var assessor = services.GetRequiredService<IPronunciationAssessor>();
        var decoder = services.GetRequiredService<IAudioDecoder>();
        var results = new PronunciationAssessment?[rows.Count];
        var skipped = 0;
        double audioSeconds = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var progress = new ProgressBar(rows.Count, "assessing"))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, async (i, token) =>
            {
                try
                {
                    var audio = await decoder.DecodeFileAsync(rows[i].AudioPath, token);
                    results[i] = await assessor.AssessAsync(audio, rows[i].Text, token);
                    lock (results)
                    {
                        audioSeconds += audio.DurationSeconds;
                    }
                }
                catch (Exception ex) when (ex is AudioDecodingException or AlignmentException or ArgumentException or IOException or UnauthorizedAccessException)
                {
                    Interlocked.Increment(ref skipped);
                    progress.Message($"line {rows[i].Line}: skipped: {ex.Message}");
                }

                progress.Advance();
            });
        }

        WriteTable(outputFile, ["utt_id", .. SentenceColumns], rows.Select((r, i) => (r, a: results[i]))
            .Where(p => p.a is not null)
            .Select(p => (string[])[SpeechManifest.Escape(p.r.Id), F(p.a!.Accuracy), F(p.a.Fluency), F(p.a.Completeness), F(p.a.Prosody), F(p.a.Total)]));
        if (wordsFile is not null)
        {
            WriteTable(wordsFile, ["utt_id", "word_index", "word", "accuracy", "error_type", "start_s", "end_s"], rows.Select((r, i) => (r, a: results[i]))
                .Where(p => p.a is not null)
                .SelectMany(p => p.a!.Words.Where(w => w.ErrorType != WordErrorType.Insertion).Select(w => (string[])
                [
                    SpeechManifest.Escape(p.r.Id), w.Index.ToString(CultureInfo.InvariantCulture), SpeechManifest.Escape(w.Word), F(w.Accuracy),
                    ErrorName(w.ErrorType), w.StartSeconds.ToString("0.00", CultureInfo.InvariantCulture), w.EndSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                ])));
        }

        var done = results.Count(r => r is not null);
        await Console.Error.WriteLineAsync(
            $"{done} of {rows.Count + bad.Count} utterances assessed with {assessor.ModelVersion}, {skipped + bad.Count} skipped; {audioSeconds:0.0} s of audio in {clock.Elapsed.TotalSeconds:0.0} s with {threads} thread(s). Wrote {outputFile.FullName}" +
            (wordsFile is null ? "" : $" and {wordsFile.FullName}"));
        return done > 0 || rows.Count + bad.Count == 0 ? 0 : 1;
    }

    /// <summary>The error type as written in the words file: none, mispronunciation, omission, insertion, repetition, unexpected_pause.</summary>
    internal static string ErrorName(WordErrorType type) => type switch
    {
        WordErrorType.UnexpectedPause => "unexpected_pause",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static void WriteTable(FileInfo file, string[] header, IEnumerable<string[]> rows)
    {
        if (file.DirectoryName is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllLines(file.FullName, [string.Join('\t', header), .. rows.Select(r => string.Join('\t', r))]);
    }

    private static Command CreateEvaluate()
    {
        var scores = new Option<FileInfo?>("--scores") { Description = "The output of `tutor speech assess` (utt_id and score columns)." };
        var labels = new Option<FileInfo?>("--labels") { Description = "Expert scores: TSV with utt_id and any of accuracy, fluency, completeness, prosody (or prosodic), total (any scale; default: speechocean762's sentence_scores.tsv)." };
        var words = new Option<FileInfo?>("--words") { Description = "The words file of `tutor speech assess`, to correlate word accuracy." };
        var wordLabels = new Option<FileInfo?>("--word-labels") { Description = "Expert word scores: TSV with utt_id, word_index, accuracy (default: speechocean762's word_scores.tsv)." };
        var dataset = new Option<string?>("--dataset") { Description = "Name printed beside the figures." };
        var crossValidate = new Option<bool>("--cross-validate") { Description = "Instead: retrain on the cached speechocean762 evidence with speakers held out and print the cross-validated figures (no model is written; the folds' phone classifiers are trained once, a few minutes, and their posteriors cached beside the evidence)." };
        var cache = new Option<FileInfo>("--cache") { Description = "Evidence cache for --cross-validate (filled first where incomplete).", DefaultValueFactory = _ => new FileInfo(Path.Combine(".data", $"speechocean762-evidence-v{EvidenceExtractor.Version}.jsonl")) };
        var folds = new Option<int>("--folds") { Description = "Folds for --cross-validate.", DefaultValueFactory = _ => 5 };
        var treeWeight = new Option<double>("--tree-weight") { Description = "For --cross-validate: weight of the boosted trees in the blend (0: ridge only).", DefaultValueFactory = _ => DefaultTreeWeight };
        var wordPredictions = new Option<FileInfo?>("--word-predictions") { Description = "For --cross-validate: TSV to write every word's held-out prediction beside the experts' score (utt_id, speaker, word_index, word, predicted, expert; 0–10), to read the model's errors." };
        var command = new Command("evaluate", "Pearson correlation of assessment scores with expert scores, or (--cross-validate) the speaker-held-out figures of the pronunciation model.")
        {
            scores, labels, words, wordLabels, dataset, crossValidate, cache, folds, treeWeight, wordPredictions,
        };
        command.SetAction((result, ct) => SpeechCommands.Run(async () =>
        {
            if (result.GetValue(crossValidate))
            {
                var (utterances, evidence) = await LoadEvidenceAsync(null, result.GetValue(cache)!, Environment.ProcessorCount, ct);
                evidence = await WithPosteriorsAsync(utterances, evidence, result.GetValue(cache)!, result.GetValue(folds), Environment.ProcessorCount, ct);
                var examples = utterances.Where(u => evidence.ContainsKey(u.Id)).Select(u => new AssessorTraining.Example(u, evidence[u.Id])).ToList();
                var predictions = result.GetValue(wordPredictions) is null ? null : new List<AssessorTraining.WordPrediction>();
                PrintFigures(AssessorTraining.CrossValidate(examples, result.GetValue(folds), result.GetValue(treeWeight), wordPredictions: predictions));
                if (result.GetValue(wordPredictions) is { } path && predictions is not null)
                {
                    await File.WriteAllLinesAsync(
                        path.FullName,
                        ["utt_id\tspeaker\tword_index\tword\tpredicted\texpert", .. predictions.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Utterance}\t{p.Speaker}\t{p.Index}\t{p.Word}\t{p.Predicted:0.###}\t{p.Expert}"))],
                        ct);
                    Console.WriteLine($"Held-out word predictions written to {path.FullName}.");
                }

                return 0;
            }

            return Evaluate(result.GetValue(scores) ?? throw new CliException("--scores is needed (or --cross-validate)."),
                result.GetValue(labels), result.GetValue(words), result.GetValue(wordLabels), result.GetValue(dataset));
        }));
        return command;
    }

    private static int Evaluate(FileInfo scoresFile, FileInfo? labelsFile, FileInfo? wordsFile, FileInfo? wordLabelsFile, string? dataset)
    {
        var bad = new List<(int Line, string Reason)>();
        var defaultFolder = labelsFile is null || (wordsFile is not null && wordLabelsFile is null) ? FindSpeechocean() : null;
        var labelsPath = labelsFile?.FullName ?? Path.Combine(defaultFolder!, "sentence_scores.tsv");
        var name = dataset ?? (labelsFile is null ? Speechocean762.DataSetLabel : Path.GetFileName(Path.GetDirectoryName(labelsPath)));
        var predicted = ByKey(SpeechManifest.Read(scoresFile.FullName, bad), r => r.Get("utt_id"));
        var expert = ByKey(SpeechManifest.Read(labelsPath, bad), r => r.Get("utt_id"));
        var common = predicted.Keys.Where(expert.ContainsKey).ToList();
        if (common.Count < 3)
        {
            throw new CliException($"Only {common.Count} utterances are in both {scoresFile.FullName} and {labelsPath}.");
        }

        Console.WriteLine($"Pearson correlation with the expert scores on {name} ({common.Count} utterances):");
        foreach (var column in SentenceColumns)
        {
            var labelColumn = column == "prosody" && !expert[common[0]].Values.ContainsKey("prosody") ? "prosodic" : column;
            var pairs = common.Select(id => (p: Number(predicted[id].Get(column)), e: Number(expert[id].Get(labelColumn)))).Where(p => p.p is not null && p.e is not null).ToList();
            if (pairs.Count >= 3)
            {
                Console.WriteLine($"  {column,-13} {Statistics.Pearson(pairs.Select(p => p.p!.Value).ToList(), pairs.Select(p => p.e!.Value).ToList()):0.000}  ({pairs.Count})");
            }
        }

        if (wordsFile is not null)
        {
            var wordLabelsPath = wordLabelsFile?.FullName ?? Path.Combine(defaultFolder!, "word_scores.tsv");
            var key = (ManifestRow r) => r.Get("utt_id") is { } id && r.Get("word_index") is { } index ? $"{id}#{index}" : null;
            var wordPredicted = ByKey(SpeechManifest.Read(wordsFile.FullName, bad), key);
            var wordExpert = ByKey(SpeechManifest.Read(wordLabelsPath, bad), key);
            var pairs = wordPredicted.Keys.Where(wordExpert.ContainsKey)
                .Select(k => (p: Number(wordPredicted[k].Get("accuracy")), e: Number(wordExpert[k].Get("accuracy"))))
                .Where(p => p.p is not null && p.e is not null).ToList();
            if (pairs.Count >= 3)
            {
                Console.WriteLine($"  word accuracy {Statistics.Pearson(pairs.Select(p => p.p!.Value).ToList(), pairs.Select(p => p.e!.Value).ToList()):0.000}  ({pairs.Count} words)");
            }
        }

        foreach (var (line, reason) in bad)
        {
            Console.Error.WriteLine($"line {line}: skipped: {reason}");
        }

        return 0;
    }

    private static Dictionary<string, ManifestRow> ByKey(SpeechManifest table, Func<ManifestRow, string?> key)
    {
        var rows = new Dictionary<string, ManifestRow>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (key(row) is { } k)
            {
                rows[k] = row;
            }
        }

        return rows;
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static Command CreateTrain()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "The speechocean762 folder (default: ../shared/data/speech/speechocean762 beside the solution)." };
        var cache = new Option<FileInfo>("--cache") { Description = "Evidence cache (JSON lines; extraction is the slow part and is resumed from it).", DefaultValueFactory = _ => new FileInfo(Path.Combine(".data", $"speechocean762-evidence-v{EvidenceExtractor.Version}.jsonl")) };
        var output = new Option<FileInfo?>("--output") { Description = "Where to write the trained model (default: src/TutorPlatform.Speech/Assessment/pronunciation-model.json in the checkout, the embedded resource)." };
        var threads = new Option<int>("--threads") { Description = "Utterances analysed at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var extractOnly = new Option<bool>("--extract-only") { Description = "Only fill the evidence cache." };
        var cachedOnly = new Option<bool>("--cached-only") { Description = "Train on the utterances already in the cache, extracting nothing." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (whole speakers held out).", DefaultValueFactory = _ => 5 };
        var treeWeight = new Option<double>("--tree-weight") { Description = "Weight of the boosted trees in the blend with the ridge models (0: ridge only).", DefaultValueFactory = _ => DefaultTreeWeight };
        var command = new Command("train-assessor", $"Extract evidence from speechocean762 (cached), cross-validate the pronunciation model by speaker, print the correlations ({Speechocean762.DataSetLabel}) and write the model.")
        {
            data, cache, output, threads, extractOnly, cachedOnly, folds, treeWeight,
        };
        command.SetAction((result, ct) => SpeechCommands.Run(() => TrainAsync(
            result.GetValue(data), result.GetValue(cache)!, result.GetValue(output), result.GetValue(threads), result.GetValue(extractOnly), result.GetValue(cachedOnly), result.GetValue(folds), result.GetValue(treeWeight), ct)));
        return command;
    }

    internal static string FindSpeechocean() =>
        Checkout.FindShared(Path.Combine("data", "speech", "speechocean762"))
            ?? throw new CliException("Could not find ../shared/data/speech/speechocean762 beside the solution; pass --data.");

    internal static async Task<(IReadOnlyList<ScoredUtterance> Utterances, Dictionary<string, AssessmentEvidence> Evidence)> LoadEvidenceAsync(
        DirectoryInfo? dataDir, FileInfo cacheFile, int threads, CancellationToken ct)
    {
        var utterances = Speechocean762.Load(dataDir?.FullName ?? FindSpeechocean());
        var cache = Speechocean762.ReadCache(cacheFile.FullName);
        var missing = utterances.Where(u => !cache.ContainsKey(u.Id)).ToList();
        if (missing.Count == 0)
        {
            return (utterances, cache);
        }

        // Evidence of the previous version beside the cache is upgraded (the free phone loop alone runs again) rather
        // than extracted from scratch.
        var previous = Speechocean762.ReadCache(Path.Combine(cacheFile.DirectoryName!, $"speechocean762-evidence-v{EvidenceExtractor.Version - 1}.jsonl"));
        Directory.CreateDirectory(cacheFile.DirectoryName!);
        await using var services = SpeechCommands.CreateServices(threads);
        var extractor = services.GetRequiredService<EvidenceExtractor>();
        var decoder = services.GetRequiredService<IAudioDecoder>();
        await using var writer = new StreamWriter(cacheFile.FullName, append: true);
        using var progress = new ProgressBar(missing.Count, "extracting evidence");
        var failed = 0;
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, async (utterance, token) =>
        {
            try
            {
                var audio = await decoder.DecodeFileAsync(utterance.WavPath, token);
                var evidence = previous.TryGetValue(utterance.Id, out var older)
                    ? await extractor.UpgradeAsync(audio, older, token)
                    : await extractor.ExtractAsync(audio, utterance.Text, token);
                lock (writer)
                {
                    writer.WriteLine(Speechocean762.CacheLine(utterance.Id, evidence));
                    writer.Flush();
                    cache[utterance.Id] = evidence;
                }
            }
            catch (Exception ex) when (ex is AudioDecodingException or AlignmentException or SpeechEngineException)
            {
                Interlocked.Increment(ref failed);
                progress.Message($"{utterance.Id}: {ex.Message}");
            }

            progress.Advance();
        });
        progress.Dispose();
        await Console.Error.WriteLineAsync($"Evidence for {missing.Count - failed} utterances added to {cacheFile.FullName}; {failed} failed.");
        return (utterances, cache);
    }

    /// <summary>
    /// The evidence with every phone's posteriors from a phone classifier trained on the other folds' speakers
    /// (<see cref="PhoneClassifierTraining.OutOfFold"/>), cached beside the evidence.
    /// </summary>
    internal static async Task<Dictionary<string, AssessmentEvidence>> WithPosteriorsAsync(
        IReadOnlyList<ScoredUtterance> utterances, Dictionary<string, AssessmentEvidence> evidence, FileInfo cacheFile, int folds, int threads, CancellationToken ct,
        List<PhoneClassifierTraining.Input>? inputs = null)
    {
        var path = PosteriorCachePath(cacheFile, folds);
        var cached = Speechocean762.ReadCache(path);
        if (utterances.All(u => !evidence.ContainsKey(u.Id) || cached.ContainsKey(u.Id)))
        {
            return cached;
        }

        inputs ??= await ClassifierInputsAsync(utterances, evidence, threads, ct);
        await Console.Error.WriteLineAsync($"Training {folds} phone classifiers, one per fold ({inputs.Count} utterances); this takes several minutes.");
        var annotated = PhoneClassifierTraining.OutOfFold(inputs, folds, PhoneClassifierSettings, threads, m => Console.Error.WriteLine(m));
        // An utterance with no aligned stretch to classify keeps its evidence as it is, as at use (its features then
        // take the values of a model without a classifier); it stays in training and in the cache.
        var unclassified = evidence.Keys.Where(id => !annotated.ContainsKey(id)).ToList();
        foreach (var id in unclassified)
        {
            annotated[id] = evidence[id];
        }

        if (unclassified.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{unclassified.Count} utterances have no aligned speech for the phone classifier; their evidence is kept without posteriors.");
        }
        await File.WriteAllLinesAsync(path, annotated.Select(p => Speechocean762.CacheLine(p.Key, p.Value)), ct);
        return annotated;
    }

    private static PhoneClassifierSettings PhoneClassifierSettings => new();

    private static string PosteriorCachePath(FileInfo cacheFile, int folds) =>
        Path.Combine(cacheFile.DirectoryName!, $"{Path.GetFileNameWithoutExtension(cacheFile.Name)}-posteriors-c{PhonePosteriors.Version}-f{folds}.jsonl");

    private static async Task<List<PhoneClassifierTraining.Input>> ClassifierInputsAsync(
        IReadOnlyList<ScoredUtterance> utterances, Dictionary<string, AssessmentEvidence> evidence, int threads, CancellationToken ct)
    {
        await using var services = SpeechCommands.CreateServices(threads);
        var decoder = services.GetRequiredService<IAudioDecoder>();
        var inputs = new List<PhoneClassifierTraining.Input>();
        using var progress = new ProgressBar(utterances.Count, "log mel spectra");
        await Parallel.ForEachAsync(utterances.Where(u => evidence.ContainsKey(u.Id)), new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, async (u, token) =>
        {
            var audio = await decoder.DecodeFileAsync(u.WavPath, token);
            var e = evidence[u.Id];
            if (PhonePosteriors.Mel(audio, e) is { } mel)
            {
                lock (inputs)
                {
                    inputs.Add(new PhoneClassifierTraining.Input(u.Id, u.Speaker, e, mel.Mel, mel.FirstFrame));
                }
            }

            progress.Advance();
        });
        // In the data's order, so that training does not depend on timing.
        var order = utterances.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return inputs.OrderBy(i => order[i.Id]).ToList();
    }

    private static async Task<int> TrainAsync(DirectoryInfo? dataDir, FileInfo cacheFile, FileInfo? output, int threads, bool extractOnly, bool cachedOnly, int folds, double treeWeight, CancellationToken ct)
    {
        var (utterances, evidence) = cachedOnly
            ? (Speechocean762.Load(dataDir?.FullName ?? FindSpeechocean()), Speechocean762.ReadCache(cacheFile.FullName))
            : await LoadEvidenceAsync(dataDir, cacheFile, threads, ct);
        if (extractOnly)
        {
            return 0;
        }

        if (evidence.Count < 50)
        {
            throw new CliException($"Only {evidence.Count} utterances have evidence; at least 50 are needed to train.");
        }

        // The phone classifier: out of fold for the examples, and one on all of them for the model.
        var inputs = await ClassifierInputsAsync(utterances, evidence, threads, ct);
        evidence = await WithPosteriorsAsync(utterances, evidence, cacheFile, folds, threads, ct, inputs);
        await Console.Error.WriteLineAsync($"Training the phone classifier on all {inputs.Count} utterances.");
        var classifier = PhoneClassifierTraining.Fit(inputs, PhoneClassifierSettings, m => Console.Error.WriteLine(m));
        var examples = utterances.Where(u => evidence.ContainsKey(u.Id)).Select(u => new AssessorTraining.Example(u, evidence[u.Id])).ToList();
        var version = $"so762-{(treeWeight > 0 ? "ridge+trees" : "ridge")}+phones-{DateTime.UtcNow:yyyyMMdd-HHmm}";
        var result = AssessorTraining.Train(examples, folds, version, treeWeight, classifier, message => Console.Error.WriteLine(message));
        PrintFigures(result.Figures);
        var path = output?.FullName ?? DefaultModelPath();
        await File.WriteAllTextAsync(path, result.Model.ToJson(), ct);
        Console.WriteLine($"Model {version} written to {path} ({new FileInfo(path).Length / 1024} KiB); rebuild to embed it.");
        return 0;
    }

    internal static void PrintFigures(CrossValidationFigures f)
    {
        Console.WriteLine($"Pearson correlation with the experts, {f.Folds}-fold cross-validation by speaker ({f.Speakers} speakers, {f.Utterances} utterances, {f.Words} words), {f.DataSet}:");
        Console.WriteLine($"  sentence accuracy {f.Accuracy:0.000}  fluency {f.Fluency:0.000}  prosody {f.Prosody:0.000}  total {f.Total:0.000}  completeness {f.Completeness:0.000}");
        Console.WriteLine($"  word accuracy {f.WordAccuracy:0.000}" + (f.Phones > 0 ? $"; phone marked wrong (share of experts) {f.PhoneWrong:0.000} over {f.Phones} phones whose count matches the experts'" : ""));
    }

    private static string DefaultModelPath()
    {
        var root = Checkout.Roots(Environment.CurrentDirectory).Select(r => Path.Combine(r, "src", "TutorPlatform.Speech", "Assessment")).FirstOrDefault(Directory.Exists)
            ?? throw new CliException("Could not find src/TutorPlatform.Speech/Assessment above this folder; pass --output.");
        return Path.Combine(root, "pronunciation-model.json");
    }
}

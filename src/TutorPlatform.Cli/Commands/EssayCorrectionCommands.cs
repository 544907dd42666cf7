using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays;
using TutorPlatform.Essays.Checking;
using TutorPlatform.Essays.Checking.Evaluation;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor essays correct</c> and its evaluation on JFLEG and CoNLL-2013.</summary>
internal static class EssayCorrectionCommands
{
    private const string JflegName = "JFLEG dev";
    private const string ConllName = "CoNLL-2013 test (revised annotations)";

    /// <summary>Adds the correction subcommands to <c>essays</c>.</summary>
    public static void AddTo(Command essays)
    {
        ArgumentNullException.ThrowIfNull(essays);
        essays.Subcommands.Add(CreateCorrect());
        essays.Subcommands.Add(CreateEvaluate());
        essays.Subcommands.Add(CreateTrainFrequencies());
        essays.Subcommands.Add(CreateRelevanceEvaluate());
    }

    // The eight ASAP-AES prompts, summarised in the project's own words (the essays answer these).
    private static readonly string[] AsapPrompts =
    [
        "Write a letter to your local newspaper about the effects computers have on people: do they benefit society, or do people spend too much time on them instead of exercising, enjoying nature and interacting with family and friends?",
        "Write a persuasive essay for a newspaper about censorship in libraries: should books, music, movies and magazines be removed from the shelves if they are found offensive?",
        "Explain how the features of the setting affect the cyclist in the story Rough Road Ahead: the heat, the hills, the desert road and running out of water.",
        "Explain why the author of Winter Hibiscus concludes the story with the paragraph about the hibiscus, the snow melting, the geese returning and Saeng taking the test again.",
        "Describe the mood the author creates in the memoir Narciso Rodriguez about his home, his parents, their Cuban culture and family.",
        "Describe the obstacles the builders of the Empire State Building faced in allowing dirigibles (airships) to dock at the mast on top of the building.",
        "Write a story about a time when you were patient, or when someone you know was patient: understanding and tolerant while waiting through difficulties without complaining.",
        "Tell a true story in which laughter was one element: how laughing together helped a relationship or a moment.",
    ];

    private static Command CreateRelevanceEvaluate()
    {
        var data = new Option<FileInfo?>("--asap") { Description = "ASAP-AES TSV with columns essay_set and essay (default: ../shared/data/essays/asap_folds012.tsv)." };
        var perSet = new Option<int>("--per-set") { Description = "Essays taken from each of the eight prompts.", DefaultValueFactory = _ => 100 };
        var command = new Command("relevance-evaluate",
            "Topic relevance on ASAP-AES: each essay is checked against its own prompt (it should not be flagged) and against the next prompt (it should be flagged off topic). Prints both rates per prompt. The prompts are the project's own summaries of the eight ASAP prompts.")
        {
            data, perSet,
        };
        command.SetAction((result, _) => Run(() => Task.FromResult(RelevanceEvaluate(result.GetValue(data), result.GetValue(perSet)))));
        return command;
    }

    private static int RelevanceEvaluate(FileInfo? file, int perSet)
    {
        var path = file?.FullName ?? Checkout.FindShared(Path.Combine("data", "essays", "asap_folds012.tsv"))
            ?? throw new CliException("ASAP-AES was not found: pass --asap FILE (../shared/data/essays/asap_folds012.tsv).");
        var sets = EssayFiles.Column(path, "essay_set", '\t').Zip(EssayFiles.Column(path, "essay", '\t'))
            .Select(p => (Set: int.TryParse(p.First, out var n) ? n : 0, Text: p.Second))
            .Where(p => p.Set is >= 1 and <= 8)
            .GroupBy(p => p.Set).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Take(perSet).Select(p => p.Text).ToList());
        using var checker = new EssayChecker(new EssayCheckerOptions());
        checker.Warm();
        Console.WriteLine($"Data set: ASAP-AES ({path}), {perSet} essays per prompt");
        Console.WriteLine("prompt  essays  flagged on own prompt  flagged on next prompt  mean score own / next");
        int total = 0, falseFlags = 0, trueFlags = 0;
        foreach (var (set, essays) in sets)
        {
            var own = essays.Select(e => checker.Check(e, AsapPrompts[set - 1]).Relevance!).ToList();
            var other = essays.Select(e => checker.Check(e, AsapPrompts[set % 8]).Relevance!).ToList();
            total += essays.Count;
            falseFlags += own.Count(r => r.OffTopic);
            trueFlags += other.Count(r => r.OffTopic);
            Console.WriteLine($"{set,6}  {essays.Count,6}  {own.Count(r => r.OffTopic) * 100.0 / essays.Count,20:F1}%  {other.Count(r => r.OffTopic) * 100.0 / essays.Count,21:F1}%  {own.Average(r => r.Score),8:F2} / {other.Average(r => r.Score):F2}");
        }

        Console.WriteLine($"all     {total,6}  {falseFlags * 100.0 / total,20:F1}%  {trueFlags * 100.0 / total,21:F1}%");
        return 0;
    }

    private static Command CreateTrainFrequencies()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with ell_train.csv (column full_text) and asap_folds012.tsv (column essay) (default: ../shared/data/essays)." };
        var output = new Option<FileInfo>("--output") { Description = "The gzipped word<TAB>count table to write.", DefaultValueFactory = _ => new FileInfo(Path.Combine("src", "TutorPlatform.Essays", "Checking", "word-frequencies.tsv.gz")) };
        var command = new Command("train-word-frequencies", "Count the correctly spelt words of the training essays (ELLIPSE and ASAP), the prior that ranks spelling suggestions. Rebuild the Essays project afterwards: the table is embedded.")
        {
            data, output,
        };
        command.SetAction((result, _) => Run(() => TrainFrequencies(result.GetValue(data), result.GetValue(output)!)));
        return command;
    }

    private static Task<int> TrainFrequencies(DirectoryInfo? dataDir, FileInfo output)
    {
        var folder = dataDir?.FullName ?? Checkout.FindShared(Path.Combine("data", "essays"))
            ?? throw new CliException("The essays were not found: pass --data DIR (../shared/data/essays).");
        var ell = Path.Combine(folder, "ell_train.csv");
        var asap = Path.Combine(folder, "asap_folds012.tsv");
        if (!File.Exists(ell) || !File.Exists(asap))
        {
            throw new CliException($"{folder} needs ell_train.csv and asap_folds012.tsv.");
        }

        var texts = EssayFiles.Column(ell, "full_text", ',').Concat(EssayFiles.Column(asap, "essay", '\t'))
            // ASAP's anonymised names (@PERSON1, @CAPS2) are not words.
            .Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"@[A-Z]+\d*", " "));
        using var hunspell = Hunspell.OpenInstalled();
        Directory.CreateDirectory(output.DirectoryName ?? ".");
        using var stream = File.Create(output.FullName);
        var count = WordFrequencies.Build(texts, hunspell, stream);
        Console.WriteLine($"{count} words written to {output.FullName}");
        return Task.FromResult(0);
    }

    private static Command CreateCorrect()
    {
        var input = new Option<FileInfo>("--input") { Description = "Text file, one space-tokenized sentence per line (the JFLEG/CoNLL format).", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "File to write: the corrected sentence for each input line, same line count, same tokenization.", Required = true };
        var llm = new Option<bool>("--llm") { Description = "Also ask the large model (Models:Chat) for a minimal correction of each sentence; falls back to the on-device correction for a sentence when the model fails." };
        var command = new Command("correct", "Correct learner sentences on-device (hunspell spelling and high-precision grammar rules), optionally with the large model. Progress goes to stderr; a line that cannot be corrected is copied unchanged.")
        {
            input, output, llm,
        };
        command.SetAction((result, ct) => Run(() => CorrectAsync(result.GetValue(input)!, result.GetValue(output)!, result.GetValue(llm), ct)));
        return command;
    }

    private static Command CreateEvaluate()
    {
        var jfleg = new Option<DirectoryInfo?>("--jfleg") { Description = "JFLEG dev folder with dev.src and dev.ref0..3 (default: ../shared/data/gec/jfleg_dev)." };
        var conll = new Option<FileInfo?>("--conll") { Description = "CoNLL-2013 M2 file (default: ../shared/data/gec/conll2013/revised/official-preprocessed.m2)." };
        var llm = new Option<bool>("--llm") { Description = "Evaluate the correction with the large model (as `correct --llm`) instead of on-device only." };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N sentences of each data set (a quick look; the figures are then not comparable)." };
        var half = new Option<string>("--jfleg-half")
        {
            Description = "Score only JFLEG dev's even or odd sentences (0-based line numbers): the language-model margins were chosen on the even half, so the odd half is the held-out figure.",
            DefaultValueFactory = _ => "all",
        };
        half.AcceptOnlyFromAmong("all", "even", "odd");
        var command = new Command("correct-evaluate",
            "Quality of `essays correct`: GLEU on JFLEG dev against its four references (Napoles et al.'s GLEU as in jfleg's gleu.py: " +
            "4-gram, one random reference per sentence, mean of 500 draws) and edit-level precision, recall and F0.5 on CoNLL-2013 " +
            "(system edits from a token alignment of source and output, matched exactly against the gold M2 edits; a simplification of the M² scorer). " +
            "Also prints the unchanged-input baseline.")
        {
            jfleg, conll, llm, limit, half,
        };
        command.SetAction((result, ct) => Run(() => EvaluateAsync(result.GetValue(jfleg), result.GetValue(conll), result.GetValue(llm), result.GetValue(limit), result.GetValue(half) ?? "all", ct)));
        return command;
    }

    private static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is CliException or HunspellUnavailableException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<int> CorrectAsync(FileInfo input, FileInfo output, bool useLlm, CancellationToken ct)
    {
        if (!input.Exists)
        {
            throw new CliException($"The input file {input.FullName} does not exist.");
        }

        var lines = await File.ReadAllLinesAsync(input.FullName, Encoding.UTF8, ct);
        await using var services = CreateServices(useLlm);
        var corrector = new SentenceCorrector(services, useLlm);
        var clock = Stopwatch.StartNew();
        var corrected = await corrector.CorrectAllAsync(lines, "correcting", ct);
        Directory.CreateDirectory(output.DirectoryName ?? ".");
        await File.WriteAllLinesAsync(output.FullName, corrected, new UTF8Encoding(false), ct);
        var changed = corrected.Where((line, i) => line != lines[i].Trim()).Count();
        await Console.Error.WriteLineAsync(
            $"{lines.Length} lines, {changed} changed, in {clock.Elapsed.TotalSeconds:F1} s{(corrector.Failures > 0 ? $"; {corrector.Failures} kept their on-device correction because the large model failed" : "")}.");
        return 0;
    }

    private static async Task<int> EvaluateAsync(DirectoryInfo? jflegDir, FileInfo? conllFile, bool useLlm, int? limit, string half, CancellationToken ct)
    {
        var jflegPath = jflegDir?.FullName ?? Checkout.FindShared(Path.Combine("data", "gec", "jfleg_dev"))
            ?? throw new CliException("JFLEG dev was not found: pass --jfleg DIR (../shared/data/gec/jfleg_dev).");
        var conllPath = conllFile?.FullName ?? Checkout.FindShared(Path.Combine("data", "gec", "conll2013", "revised", "official-preprocessed.m2"))
            ?? throw new CliException("CoNLL-2013 was not found: pass --conll FILE (../shared/data/gec/conll2013/revised/official-preprocessed.m2).");
        var sourcePath = Path.Combine(jflegPath, "dev.src");
        if (!File.Exists(sourcePath) || !File.Exists(conllPath))
        {
            throw new CliException($"Missing {(File.Exists(sourcePath) ? conllPath : sourcePath)}.");
        }

        await using var services = CreateServices(useLlm);
        var corrector = new SentenceCorrector(services, useLlm);
        var mode = useLlm ? "on-device + large model" : "on-device";

        var sources = Take(Half(await File.ReadAllLinesAsync(sourcePath, ct), half), limit).Select(Normalise).ToList();
        var references = new List<IReadOnlyList<string>>();
        for (var r = 0; File.Exists(Path.Combine(jflegPath, $"dev.ref{r}")); r++)
        {
            references.Add(Take(Half(await File.ReadAllLinesAsync(Path.Combine(jflegPath, $"dev.ref{r}"), ct), half), limit).Select(Normalise).ToList());
        }

        if (references.Count == 0)
        {
            throw new CliException($"{jflegPath} has no dev.ref0 file.");
        }

        var clock = Stopwatch.StartNew();
        var hypotheses = await corrector.CorrectAllAsync(sources, "JFLEG", ct);
        var jflegSeconds = clock.Elapsed.TotalSeconds;
        var unchanged = Gleu.Score(sources, references, sources);
        var corrected = Gleu.Score(sources, references, hypotheses);

        var gold = Take(M2Scorer.Parse(await File.ReadAllLinesAsync(conllPath, ct)), limit).ToList();
        var conllSources = gold.Select(s => s.Text).ToList();
        var conllOutputs = await corrector.CorrectAllAsync(conllSources, "CoNLL-2013", ct);
        var scores = M2Scorer.Score(gold, conllOutputs);

        Console.WriteLine($"Data set: {JflegName}{(half == "all" ? "" : $", {half} sentences only")} ({sources.Count} sentences, {references.Count} references), {jflegPath}");
        Console.WriteLine($"  GLEU unchanged input : {unchanged.Mean:F4} (sd {unchanged.StandardDeviation:F4})");
        Console.WriteLine($"  GLEU {mode,-15} : {corrected.Mean:F4} (sd {corrected.StandardDeviation:F4}); {hypotheses.Where((h, i) => h != sources[i]).Count()} sentences changed, {jflegSeconds * 1000 / Math.Max(1, sources.Count):F2} ms per sentence");
        Console.WriteLine($"Data set: {ConllName} ({gold.Count} sentences), {conllPath}");
        Console.WriteLine($"  edits {mode}: {scores.Proposed} proposed, {scores.TruePositives} correct, {scores.Gold} gold");
        Console.WriteLine($"  precision {scores.Precision:F4}  recall {scores.Recall:F4}  F0.5 {scores.F05:F4}");
        if (corrector.Failures > 0)
        {
            Console.WriteLine($"  the large model failed on {corrector.Failures} sentences; they kept the on-device correction");
        }

        return 0;
    }

    private static IEnumerable<string> Half(IEnumerable<string> lines, string half) => half switch
    {
        "even" => lines.Where((_, i) => i % 2 == 0),
        "odd" => lines.Where((_, i) => i % 2 == 1),
        _ => lines,
    };

    private static IEnumerable<T> Take<T>(IEnumerable<T> items, int? limit) => limit is > 0 ? items.Take(limit.Value) : items;

    private static string Normalise(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static ServiceProvider CreateServices(bool useLlm)
    {
        var configuration = CliConfiguration.Load();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTutorEssays(configuration);
        if (useLlm)
        {
            services.AddTutorChat(configuration);
        }

        var provider = services.BuildServiceProvider();
        if (useLlm)
        {
            var status = provider.GetRequiredService<IChatModelStatus>();
            if (!status.IsConfigured)
            {
                provider.Dispose();
                throw new CliException("--llm needs a large model, and none is configured (Models:Chat:Provider is none). " +
                    "Set Models__Chat__Provider to openai or llamacpp (see the README), or run without --llm for the on-device correction.");
            }
        }

        if (provider.GetRequiredService<IEssayChecker>() is EssayChecker checker)
        {
            checker.Warm(); // a missing dictionary fails here once, with what to install
        }

        return provider;
    }

    /// <summary>Corrects sentences on-device and, with the large model, asks it for a minimal correction of each.</summary>
    private sealed class SentenceCorrector(IServiceProvider services, bool useLlm)
    {
        private readonly IEssayChecker _checker = services.GetRequiredService<IEssayChecker>();
        private readonly IChatClient? _chat = useLlm ? services.GetRequiredService<IChatClient>() : null;
        private readonly PromptTemplate? _prompt = useLlm ? services.GetRequiredService<PromptLibrary>().Latest("sentence-correction") : null;
        private const int GiveUpAfter = 5;
        private int _failures;
        private int _successes;
        private bool _gaveUp;

        public int Failures => _failures;

        public async Task<List<string>> CorrectAllAsync(IReadOnlyList<string> lines, string label, CancellationToken ct)
        {
            var results = new string[lines.Count];
            using var progress = new ProgressBar(lines.Count, label);
            if (_chat is null)
            {
                Parallel.For(0, lines.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    results[i] = OnDevice(lines[i], progress, i);
                    progress.Advance();
                });
                return [.. results];
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var onDevice = OnDevice(lines[i], progress, i);
                results[i] = await WithModelAsync(lines[i], onDevice, progress, i, ct);
                progress.Advance();
            }

            return [.. results];
        }

        private string OnDevice(string line, ProgressBar progress, int index)
        {
            try
            {
                return _checker.CorrectTokenizedSentence(line);
            }
            catch (Exception ex) when (ex is not HunspellUnavailableException and not OperationCanceledException)
            {
                progress.Message($"line {index + 1}: kept unchanged: {ex.Message}");
                return Normalise(line);
            }
        }

        private async Task<string> WithModelAsync(string line, string onDevice, ProgressBar progress, int index, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return onDevice;
            }

            // A model that fails every time (server down) is not asked again for hundreds of lines.
            if (_gaveUp || (_successes == 0 && _failures >= GiveUpAfter))
            {
                if (!_gaveUp)
                {
                    _gaveUp = true;
                    progress.Message($"the large model failed {GiveUpAfter} times in a row; the remaining lines keep their on-device correction");
                }

                Interlocked.Increment(ref _failures);
                return onDevice;
            }

            try
            {
                var prompt = _prompt!.Render(data: new Dictionary<string, string> { ["sentence"] = line.Trim() });
                var response = await _chat!.GetResponseAsync(prompt.Messages, new ChatOptions { Temperature = 0 }, ct);
                var answer = response.Text.Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim().Trim('"') ?? "";
                var tokens = TokenizeLikeSource(answer);
                var source = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // An empty or wildly different answer (a rewrite, an explanation) is not a correction.
                if (tokens.Count == 0 || M2Scorer.ExtractEdits(source, tokens).Sum(e => Math.Max(e.End - e.Start, e.Correction.Split(' ').Length)) > source.Length / 2 + 2)
                {
                    Interlocked.Increment(ref _failures);
                    return onDevice;
                }

                Interlocked.Increment(ref _successes);
                return string.Join(' ', tokens);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
                progress.Message($"line {index + 1}: the large model failed ({ex.Message}); kept the on-device correction");
                return onDevice;
            }
        }

        private static List<string> TokenizeLikeSource(string text) => EssayTokens.Tokenize(text);
    }
}

using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech;
using TutorPlatform.Speech.Remote;
using TutorPlatform.Speech.Text;
using TutorPlatform.Whisper;
using TutorPlatform.Core.Models;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor speech transcribe|wer</c> and <c>tutor bench speech</c>.</summary>
internal static class SpeechCommands
{
    private static readonly string[] Recognizers = ["pocketsphinx", "whisper", "remote"];
    private static readonly string[] Grammars = ["free", "letters"];

    /// <summary>Where the references are, in order of preference.</summary>
    internal static readonly string[] ReferenceColumns = ["reference", "reference_normalized", "text"];

    /// <summary>Adds <c>speech</c> to the root, and <c>speech</c> under <c>bench</c> (creating <c>bench</c> if no other command has).</summary>
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(CreateSpeech());
        var bench = root.Subcommands.FirstOrDefault(c => c.Name == "bench");
        if (bench is null)
        {
            bench = new Command("bench", "Benchmarks of the on-device models on this machine (not timed tests).");
            root.Subcommands.Add(bench);
        }

        bench.Subcommands.Add(SpeechBenchmark.Create());
    }

    private static Command CreateSpeech()
    {
        var speech = new Command("speech", "On-device speech recognition and pronunciation assessment: batch transcription, word error rates, read-aloud scoring.");
        speech.Subcommands.Add(CreateTranscribe());
        speech.Subcommands.Add(CreateWer());
        SpeechAssessmentCommands.AddTo(speech);
        return speech;
    }

    private static Command CreateTranscribe()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "TSV with a header row and columns utt_id, wav_path (absolute or relative to the manifest's folder), and any others.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "TSV to write: utt_id<TAB>hypothesis, one row per decoded utterance, in manifest order.", Required = true };
        var recognizer = new Option<string>("--recognizer")
        {
            Description = "Recognition engine: pocketsphinx (on-device, no download); whisper (on-device whisper.cpp: --whisper-model, else Speech__Whisper__ModelPath, else ggml-base.en.bin in the models directory); remote (an OpenAI-compatible /v1/audio/transcriptions server: Speech__Remote__Endpoint, __Model, __ApiKey).",
            DefaultValueFactory = _ => "pocketsphinx",
        };
        recognizer.AcceptOnlyFromAmong(Recognizers);
        var grammar = new Option<string>("--grammar") { Description = "free: general language model; letters: spelled letters, digits and numbers (AN4-style).", DefaultValueFactory = _ => "free" };
        grammar.AcceptOnlyFromAmong(Grammars);
        var threads = new Option<int>("--threads") { Description = "Utterances decoded at once, one decoder each (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var whisperModel = new Option<FileInfo?>("--whisper-model") { Description = "A whisper.cpp ggml model file for --recognizer whisper." };

        var command = new Command("transcribe", "Transcribe every clip of a manifest. A row that cannot be read or decoded is reported on stderr with its line number and skipped.")
        {
            manifest, output, recognizer, grammar, threads, whisperModel,
        };
        command.SetAction((result, ct) => Run(() => TranscribeAsync(
            result.GetValue(manifest)!, result.GetValue(output)!, result.GetValue(grammar)!, result.GetValue(threads),
            new RecognizerChoice(result.GetValue(recognizer)!, result.GetValue(whisperModel)), ct)));
        return command;
    }

    private static Command CreateWer()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "The manifest with the references: column `reference` (else `reference_normalized`, else `text`).", Required = true };
        var hypotheses = new Option<FileInfo>("--hypotheses") { Description = "The output of `tutor speech transcribe`: utt_id<TAB>hypothesis.", Required = true };
        var dataset = new Option<string?>("--dataset") { Description = "Name of the data set to print beside the figure (default: the manifest's folder name)." };
        var command = new Command("wer", "Word error rate of transcriptions against the manifest's references, after normalisation (lower case, punctuation and <s>/</s> removed). Utterances without a hypothesis count as deleted.")
        {
            manifest, hypotheses, dataset,
        };
        command.SetAction((result, _) => Run(() => Task.FromResult(Wer(result.GetValue(manifest)!, result.GetValue(hypotheses)!, result.GetValue(dataset)))));
        return command;
    }

    internal static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is SpeechEngineException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>The speech services with the Speech section of the CLI's configuration and the given decoder count.</summary>
    internal static ServiceProvider CreateServices(int threads, RecognizerChoice? choice = null)
    {
        if (threads < 1)
        {
            throw new CliException("--threads must be at least 1.");
        }

        var configuration = CliConfiguration.Load();
        var services = new ServiceCollection();
        switch (choice?.Name ?? "pocketsphinx")
        {
            case "whisper":
                services.AddTutorModelStore(configuration).AddTutorWhisper(configuration);
                services.AddOptions<WhisperOptions>().PostConfigure<IOptions<ModelStoreOptions>>((whisper, store) =>
                {
                    if (choice?.WhisperModel is { } file)
                    {
                        whisper.ModelPath = file.FullName;
                    }
                    else if (!whisper.HasModel)
                    {
                        whisper.ModelPath = Path.Combine(store.Value.ResolveDirectory(), WhisperOptions.DefaultModelFile);
                    }
                });
                services.AddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<WhisperRecognizer>());
                break;
            case "remote":
                if (string.IsNullOrWhiteSpace(configuration[$"{RemoteTranscriptionOptions.Section}:Endpoint"]))
                {
                    throw new CliException("--recognizer remote needs the server's address: set Speech__Remote__Endpoint (for example http://gpu-1:8000/v1), and Speech__Remote__Model.");
                }

                services.AddTutorRemoteTranscription(configuration);
                services.AddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<RemoteTranscriptionRecognizer>());
                break;
        }

        services.AddTutorSpeech(configuration);
        services.PostConfigure<SpeechOptions>(o => o.MaxDecoders = threads);
        return services.BuildServiceProvider();
    }

    /// <summary>The recogniser named on the command line, with its model where it takes one.</summary>
    internal sealed record RecognizerChoice(string Name, FileInfo? WhisperModel = null);

    private static async Task<int> TranscribeAsync(FileInfo manifestFile, FileInfo outputFile, string grammar, int threads, RecognizerChoice choice, CancellationToken ct)
    {
        var bad = new List<(int Line, string Reason)>();
        var manifest = SpeechManifest.Read(manifestFile.FullName, bad);
        foreach (var column in (string[])["utt_id", "wav_path"])
        {
            if (!manifest.Has(column))
            {
                throw new CliException($"{manifestFile.FullName} has no `{column}` column (columns: {string.Join(", ", manifest.Columns)}).");
            }
        }

        if (choice.WhisperModel is { Exists: false } missing)
        {
            throw new CliException($"--whisper-model: {missing.FullName} does not exist.");
        }

        await using var services = CreateServices(threads, choice);
        var recognizer = services.GetRequiredService<ISpeechRecognizer>();
        var decoder = services.GetRequiredService<IAudioDecoder>();
        var options = grammar == "letters" ? RecognitionOptions.Spelling : RecognitionOptions.Free;
        if (recognizer is PocketSphinxRecognizer pocketSphinx)
        {
            await pocketSphinx.WarmUpAsync(ct); // a missing model fails here once, not once per row
        }

        foreach (var (line, reason) in bad)
        {
            await Console.Error.WriteLineAsync($"line {line}: skipped: {reason}");
        }

        var results = new ConcurrentDictionary<int, string>();
        var failures = new ConcurrentBag<(int Line, string Reason)>(bad);
        using var progress = new ProgressBar(manifest.Rows.Count, "transcribing");
        double audioSeconds = 0, decodeSeconds = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            manifest.Rows.Select((row, index) => (row, index)),
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct },
            async (item, token) =>
            {
                var (row, index) = item;
                try
                {
                    var id = row.Get("utt_id") ?? throw new CliException("no utt_id");
                    var path = row.Get("wav_path") ?? throw new CliException("no wav_path");
                    var audio = await decoder.DecodeFileAsync(Path.IsPathRooted(path) ? path : Path.Combine(manifest.Folder, path), token);
                    var result = await recognizer.RecognizeLongAsync(audio, options, cancellationToken: token);
                    results[index] = $"{SpeechManifest.Escape(id)}\t{SpeechManifest.Escape(result.Text)}";
                    lock (results)
                    {
                        audioSeconds += result.AudioSeconds;
                        decodeSeconds += result.ProcessingSeconds;
                    }
                }
                catch (Exception ex) when (ex is CliException or AudioDecodingException or SpeechEngineException or ArgumentException or IOException or UnauthorizedAccessException)
                {
                    failures.Add((row.Line, ex.Message));
                    progress.Message($"line {row.Line}: skipped: {ex.Message}");
                }

                progress.Advance();
            });
        progress.Dispose();

        var directory = Path.GetDirectoryName(outputFile.FullName);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllLinesAsync(outputFile.FullName, ["utt_id\thypothesis", .. results.OrderBy(r => r.Key).Select(r => r.Value)], ct);
        await Console.Error.WriteLineAsync(
            $"{results.Count} of {manifest.Rows.Count + bad.Count} utterances transcribed by {recognizer.Name} ({grammar}), {failures.Count} skipped; " +
            $"{audioSeconds:0.0} s of audio in {clock.Elapsed.TotalSeconds:0.0} s with {threads} decoder(s); recogniser RTF per decoder {(audioSeconds > 0 ? decodeSeconds / audioSeconds : 0):0.000}. Wrote {outputFile.FullName}");
        return !results.IsEmpty || manifest.Rows.Count == 0 ? 0 : 1;
    }

    private static int Wer(FileInfo manifestFile, FileInfo hypothesesFile, string? dataset)
    {
        var bad = new List<(int Line, string Reason)>();
        var manifest = SpeechManifest.Read(manifestFile.FullName, bad);
        var referenceColumn = ReferenceColumns.FirstOrDefault(manifest.Has)
            ?? throw new CliException($"{manifestFile.FullName} has no `reference` (or `reference_normalized`, `text`) column.");
        var hypothesisFile = SpeechManifest.Read(hypothesesFile.FullName, bad);
        if (!hypothesisFile.Has("utt_id") || !hypothesisFile.Has("hypothesis"))
        {
            throw new CliException($"{hypothesesFile.FullName} needs the columns utt_id and hypothesis.");
        }

        foreach (var (line, reason) in bad)
        {
            Console.Error.WriteLine($"line {line}: skipped: {reason}");
        }

        var hypotheses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in hypothesisFile.Rows)
        {
            if (row.Get("utt_id") is { } id)
            {
                hypotheses[id] = row.Get("hypothesis") ?? "";
            }
        }

        var total = WordErrorRate.Zero;
        int utterances = 0, missing = 0;
        foreach (var row in manifest.Rows)
        {
            if (row.Get("utt_id") is not { } id || row.Get(referenceColumn) is not { } reference)
            {
                Console.Error.WriteLine($"line {row.Line}: skipped: no utt_id or {referenceColumn}");
                continue;
            }

            if (!hypotheses.TryGetValue(id, out var hypothesis))
            {
                missing++;
                hypothesis = "";
            }

            total += WordErrorRate.Compute(reference, hypothesis);
            utterances++;
        }

        var name = dataset ?? manifest.DataSetName;
        Console.WriteLine($"WER {total.Rate:0.000} on {name} ({utterances} utterances, {total.ReferenceWords} reference words from `{referenceColumn}`): " +
                          $"{total.Substitutions} substitutions, {total.Deletions} deletions, {total.Insertions} insertions" +
                          (missing > 0 ? $"; {missing} utterance(s) had no hypothesis and count as deleted" : ""));
        return utterances > 0 ? 0 : 1;
    }
}

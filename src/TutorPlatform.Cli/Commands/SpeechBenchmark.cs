using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Text;
using TutorPlatform.Speech;
using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor bench speech</c>: real-time factor and WER of recognition, RTF of alignment and of the whole read-aloud assessment, on the shared ASR data (and speechocean762 clips).</summary>
internal static class SpeechBenchmark
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with an4/ and ljspeech/ manifests (default: ../shared/data/asr beside the solution)." };
        var threads = new Option<int>("--threads") { Description = "Decoders running at once; 1 measures one core.", DefaultValueFactory = _ => 1 };
        var ljClips = new Option<int>("--ljspeech-clips") { Description = "How many LJSpeech clips, from the first.", DefaultValueFactory = _ => 40 };
        var an4Clips = new Option<int>("--an4-clips") { Description = "How many AN4 clips, from the first (0: all).", DefaultValueFactory = _ => 0 };
        var skip = new Option<int>("--skip") { Description = "Skip this many clips of each set first (to measure on clips not used for tuning).", DefaultValueFactory = _ => 0 };
        var mllr = new Option<FileInfo?>("--mllr") { Description = "Apply this MLLR transform (scripts/speech/adapt-mllr.sh) to the acoustic model for recognition." };
        var acousticModel = new Option<DirectoryInfo?>("--acoustic-model") { Description = "Use this acoustic model folder instead of the configured one (e.g. one adapted by scripts/speech/adapt-map.sh)." };
        var domainText = new Option<FileInfo?>("--domain-text") { Description = "Interpolate a small language model of this text's sentences with the general one for free recognition (Speech:DomainText)." };
        var tasks = new Option<string[]>("--tasks") { Description = "Which measurements: free, letters, align, phones, assess (default: all).", AllowMultipleArgumentsPerToken = true };
        tasks.AcceptOnlyFromAmong(AllTasks);
        var soClips = new Option<int>("--speechocean-clips") { Description = "How many speechocean762 clips (every 25th) the assessment is timed on.", DefaultValueFactory = _ => 50 };
        var searchArgs = new Option<string[]>("--search-arg") { Description = "Override a pocketsphinx search setting for free recognition, as name=value (e.g. beam=1e-40); repeatable.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("speech", "Speech recognition and alignment benchmark on ../shared/data/asr (AN4 and the first LJSpeech clips): WER and real-time factor, with model and thread count.")
        {
            data, threads, ljClips, an4Clips, skip, tasks, mllr, acousticModel, domainText, searchArgs, soClips,
        };
        command.SetAction((result, ct) => SpeechCommands.Run(() => RunAsync(
            result.GetValue(data), result.GetValue(threads), result.GetValue(ljClips), result.GetValue(an4Clips), result.GetValue(skip),
            result.GetValue(tasks) is { Length: > 0 } chosen ? chosen : AllTasks, result.GetValue(mllr), result.GetValue(acousticModel), result.GetValue(domainText), result.GetValue(searchArgs) ?? [], result.GetValue(soClips), ct)));
        return command;
    }

    private static readonly string[] AllTasks = ["free", "letters", "align", "phones", "assess"];

    private sealed record Clip(string Id, PcmAudio Audio, string Reference);

    private static async Task<int> RunAsync(DirectoryInfo? dataDir, int threads, int ljClips, int an4Clips, int skip, string[] tasks, FileInfo? mllr, DirectoryInfo? acousticModel, FileInfo? domainText, string[] searchArgs, int soClips, CancellationToken ct)
    {
        var root = dataDir?.FullName ?? FindSharedAsrData();
        await using var services = SpeechCommands.CreateServices(threads);
        var overrides = searchArgs.Select(a => a.Split('=', 2)).ToList();
        if (overrides.Any(a => a.Length != 2))
        {
            throw new CliException("--search-arg takes name=value.");
        }

        var options = services.GetRequiredService<IOptions<SpeechOptions>>().Value;
        foreach (var pair in overrides)
        {
            options.DecoderArguments[pair[0].TrimStart('-')] = pair[1];
        }

        if (mllr is not null)
        {
            options.MllrTransform = mllr.FullName;
        }

        if (acousticModel is not null)
        {
            if (!File.Exists(Path.Combine(acousticModel.FullName, "mdef")))
            {
                throw new CliException($"{acousticModel.FullName} is not an acoustic model folder (no mdef).");
            }

            options.AcousticModel = acousticModel.FullName;
        }

        if (domainText is not null)
        {
            options.DomainText = domainText.Exists ? domainText.FullName : throw new CliException($"{domainText.FullName} does not exist.");
        }

        var decoder = services.GetRequiredService<IAudioDecoder>();
        var recognizer = services.GetRequiredService<PocketSphinxRecognizer>();
        var aligner = services.GetRequiredService<PocketSphinxAligner>();

        Console.WriteLine($"Speech benchmark: {Environment.ProcessorCount} cores ({RuntimeInformation.ProcessArchitecture}), {threads} decoder thread(s); model {options.ModelDirectory}");
        Console.WriteLine($"Recogniser: {recognizer.Name}; search settings: {(options.DecoderArguments.Count == 0 ? "pocketsphinx defaults" : string.Join(' ', options.DecoderArguments.Select(a => $"-{a.Key} {a.Value}")))}");
        await recognizer.WarmUpAsync(ct);
        Console.WriteLine($"{"data set",-22} {"clips",5} {"audio s",8}  {"task",-22} {"WER",6} {"RTF cpu",8} {"RTF wall",8}");

        var lj = await LoadAsync(Path.Combine(root, "ljspeech", "manifest.tsv"), skip, ljClips, decoder, ct);
        var an4 = await LoadAsync(Path.Combine(root, "an4", "manifest.tsv"), skip, an4Clips, decoder, ct);
        var ljName = $"ljspeech {skip + 1}-{skip + lj.Count}";
        var an4Name = an4Clips == 0 && skip == 0 ? "an4 (all)" : $"an4 {skip + 1}-{skip + an4.Count}";

        if (tasks.Contains("free"))
        {
            await RecognizeAsync(ljName, lj, recognizer, RecognitionOptions.Free, "recognition, free", threads, ct);
            await RecognizeAsync(an4Name, an4, recognizer, RecognitionOptions.Free, "recognition, free", threads, ct);
        }

        if (tasks.Contains("letters"))
        {
            await RecognizeAsync(an4Name, an4, recognizer, RecognitionOptions.Spelling, "recognition, letters", threads, ct);
        }

        if (tasks.Contains("align"))
        {
            await AlignAsync(ljName, lj, aligner, threads, ct);
            await AlignAsync(an4Name, an4, aligner, threads, ct);
        }

        if (tasks.Contains("phones"))
        {
            await PhoneLoopAsync(ljName, lj, aligner, threads, ct);
        }

        if (tasks.Contains("assess"))
        {
            var assessor = services.GetRequiredService<IPronunciationAssessor>();
            Console.WriteLine($"Assessment: {assessor.ModelVersion} ({aligner.Name} + free phone loop + reading-check grammar where the alignment leaves doubt + pitch/energy + phone classifier over log mel frames + ridge and boosted-trees model, all trained on speechocean762)");
            await AssessAsync(ljName, lj, assessor, threads, ct);
            await AssessAsync(an4Name, an4, assessor, threads, ct);
            if (soClips > 0 && Checkout.FindShared(Path.Combine("data", "speech", "speechocean762")) is { } so)
            {
                var clips = new List<Clip>();
                foreach (var utterance in Speechocean762.Load(so).Where((_, i) => i % 25 == 0).Take(soClips))
                {
                    clips.Add(new Clip(utterance.Id, await decoder.DecodeFileAsync(utterance.WavPath, ct), utterance.Text));
                }

                await AssessAsync($"speechocean762 /25", clips, assessor, threads, ct);
            }
        }

        Console.WriteLine("RTF cpu: this process's CPU time over audio time (robust to other load on the machine); RTF wall: wall-clock time x decoder threads over audio time. Audio decoding excluded.");
        return 0;
    }

    private static async Task<List<Clip>> LoadAsync(string manifestPath, int skip, int take, IAudioDecoder decoder, CancellationToken ct)
    {
        var manifest = SpeechManifest.Read(manifestPath, []);
        var column = SpeechCommands.ReferenceColumns.FirstOrDefault(manifest.Has) ?? throw new CliException($"{manifestPath} has no reference column.");
        var rows = manifest.Rows.Skip(skip);
        if (take > 0)
        {
            rows = rows.Take(take);
        }

        var clips = new List<Clip>();
        foreach (var row in rows)
        {
            var audio = await decoder.DecodeFileAsync(Path.Combine(manifest.Folder, row.Get("wav_path")!), ct);
            clips.Add(new Clip(row.Get("utt_id")!, audio, row.Get(column)!));
        }

        return clips;
    }

    private static async Task RecognizeAsync(string name, List<Clip> clips, PocketSphinxRecognizer recognizer, RecognitionOptions options, string task, int threads, CancellationToken ct)
    {
        if (clips.Count == 0)
        {
            return;
        }

        var wer = WordErrorRate.Zero;
        var timing = await TimeAsync(clips, threads, async (clip, token) =>
        {
            var result = await recognizer.RecognizeAsync(clip.Audio, options, token);
            lock (clips)
            {
                wer += WordErrorRate.Compute(clip.Reference, result.Text);
            }
        }, ct);
        Print(name, clips.Count, timing, task, wer.Rate.ToString("0.000"));
    }

    private static async Task AlignAsync(string name, List<Clip> clips, PocketSphinxAligner aligner, int threads, CancellationToken ct)
    {
        if (clips.Count == 0)
        {
            return;
        }

        var failed = 0;
        var timing = await TimeAsync(clips, threads, async (clip, token) =>
        {
            try
            {
                await aligner.AlignAsync(clip.Audio, clip.Reference, token);
            }
            catch (AlignmentException)
            {
                Interlocked.Increment(ref failed);
            }
        }, ct);
        Print(name, clips.Count, timing, failed == 0 ? "alignment (2 passes)" : $"alignment, {failed} failed", "-");
    }

    private static async Task PhoneLoopAsync(string name, List<Clip> clips, PocketSphinxAligner aligner, int threads, CancellationToken ct)
    {
        if (clips.Count == 0)
        {
            return;
        }

        var timing = await TimeAsync(clips, threads, (clip, token) => new ValueTask(aligner.RecognizePhonesAsync(clip.Audio, token)), ct);
        Print(name, clips.Count, timing, "phone loop", "-");
    }

    private static async Task AssessAsync(string name, List<Clip> clips, IPronunciationAssessor assessor, int threads, CancellationToken ct)
    {
        if (clips.Count == 0)
        {
            return;
        }

        var failed = 0;
        var inserted = 0;
        var timing = await TimeAsync(clips, threads, async (clip, token) =>
        {
            try
            {
                var result = await assessor.AssessAsync(clip.Audio, clip.Reference, token);
                Interlocked.Add(ref inserted, result.Words.Count(w => w.ErrorType == WordErrorType.Insertion));
            }
            catch (AlignmentException)
            {
                Interlocked.Increment(ref failed);
            }
        }, ct);
        Print(name, clips.Count, timing, failed == 0 ? "read-aloud assessment" : $"assessment, {failed} failed", "-");

        // On these genuine readings an insertion is a filler the reading check heard, or a false alarm.
        Console.WriteLine($"{"",-22} {"",5} {"",8}  ({inserted} words marked inserted)");
    }

    private sealed record Timing(double AudioSeconds, double CpuSeconds, double WallSeconds);

    // Wall-clock time is multiplied by the thread count, so both RTFs are per decoder (per core when threads <= cores).
    private static async Task<Timing> TimeAsync(List<Clip> clips, int threads, Func<Clip, CancellationToken, ValueTask> work, CancellationToken ct)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(clips, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, work);
        process.Refresh();
        return new Timing(clips.Sum(c => c.Audio.DurationSeconds), (process.TotalProcessorTime - cpu).TotalSeconds, clock.Elapsed.TotalSeconds * threads);
    }

    private static void Print(string name, int clips, Timing timing, string task, string wer) =>
        Console.WriteLine($"{name,-22} {clips,5} {timing.AudioSeconds,8:0.0}  {task,-22} {wer,6} {timing.CpuSeconds / timing.AudioSeconds,8:0.000} {timing.WallSeconds / timing.AudioSeconds,8:0.000}");

    /// <summary>../shared/data/asr beside the folder holding TutorPlatform.sln, searched up from here and from the tool.</summary>
    internal static string FindSharedAsrData() =>
        Checkout.FindShared(Path.Combine("data", "asr"))
            ?? throw new CliException("Could not find ../shared/data/asr beside the solution; pass --data.");
}

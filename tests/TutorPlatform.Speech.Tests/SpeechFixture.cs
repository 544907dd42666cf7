using System.Diagnostics;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech;
using TutorPlatform.Speech.Audio;

[assembly: AssemblyFixture(typeof(TutorPlatform.Speech.Tests.SpeechFixture))]

namespace TutorPlatform.Speech.Tests;

/// <summary>
/// The real engines, shared by all tests (models load once), and the shared ASR data. Fails, never skips, when
/// pocketsphinx, its model or ffmpeg is missing: those are installed by scripts/deps/speech.sh.
/// </summary>
public sealed class SpeechFixture : IDisposable
{
    public const string InstallHint = "Run scripts/deps/speech.sh to install Debian's pocketsphinx, pocketsphinx-en-us, libpocketsphinx3 and ffmpeg.";

    public SpeechFixture()
    {
        var missing = new List<string>();
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad("libpocketsphinx.so.3", out _))
        {
            missing.Add("libpocketsphinx.so.3");
        }

        if (!File.Exists(Path.Combine(Options.Value.ModelDirectory, Options.Value.LanguageModel)))
        {
            missing.Add("the pocketsphinx en-us model in " + Options.Value.ModelDirectory);
        }

        if (!CanRun("ffmpeg"))
        {
            missing.Add("ffmpeg");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Missing {string.Join(", ", missing)}. {InstallHint}");
        }

        Recognizer = new PocketSphinxRecognizer(Options);
        Aligner = new PocketSphinxAligner(Options);
        Decoder = new FfmpegAudioDecoder(Options);
    }

    public IOptions<SpeechOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new SpeechOptions { MaxDecoders = Environment.ProcessorCount });

    public PocketSphinxRecognizer Recognizer { get; }

    public PocketSphinxAligner Aligner { get; }

    public FfmpegAudioDecoder Decoder { get; }

    /// <summary>The folder that holds TutorPlatform.sln.</summary>
    public static string SolutionRoot { get; } = FindSolutionRoot();

    /// <summary><c>../shared/data/asr</c> beside the solution folder.</summary>
    public static string AsrData { get; } = Directory.Exists(Path.Combine(SolutionRoot, "..", "shared", "data", "asr"))
        ? Path.GetFullPath(Path.Combine(SolutionRoot, "..", "shared", "data", "asr"))
        : throw new InvalidOperationException($"The shared ASR data is not at {Path.GetFullPath(Path.Combine(SolutionRoot, "..", "shared", "data", "asr"))}.");

    public static IReadOnlyList<Dictionary<string, string>> Manifest(string set)
    {
        var lines = File.ReadAllLines(Path.Combine(AsrData, set, "manifest.tsv"));
        var columns = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => columns.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    public static string ClipPath(string set, Dictionary<string, string> row) => Path.Combine(AsrData, set, row["wav_path"]);

    public Task<PcmAudio> LoadAsync(string set, Dictionary<string, string> row) => Decoder.DecodeFileAsync(ClipPath(set, row), TestContext.Current.CancellationToken);

    public static string TempPath(string name) => Path.Combine(Path.GetTempPath(), $"speech-tests-{Environment.ProcessId}-{Guid.NewGuid():N}-{name}");

    /// <summary>Runs ffmpeg to make a test file; fails the test with ffmpeg's message if it cannot.</summary>
    public static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
    }

    public void Dispose()
    {
        Recognizer.Dispose();
        Aligner.Dispose();
    }

    private static bool CanRun(string program)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, "-version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string FindSolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TutorPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No TutorPlatform.sln above " + AppContext.BaseDirectory);
    }
}

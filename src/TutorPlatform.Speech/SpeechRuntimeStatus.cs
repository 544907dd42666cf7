using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Native;

namespace TutorPlatform.Speech;

/// <summary>
/// Probes pocketsphinx (its native libraries and the configured model files) and ffmpeg (found on PATH or at the
/// configured path) when asked, never at start-up. Loading the libraries is cached by the native loader; the file
/// checks are cheap enough to repeat on every call.
/// </summary>
public sealed class SpeechRuntimeStatus(IOptions<SpeechOptions> options) : ISpeechRuntimeStatus
{
    private const string Fix = "Run scripts/deps/speech.sh";
    private readonly SpeechOptions _options = options.Value;

    public SpeechRuntimeHealth Describe()
    {
        var recognizerError = ProbeRecognizer();
        var ffmpeg = FindExecutable(_options.FfmpegPath);
        return new SpeechRuntimeHealth(
            "pocketsphinx en-us",
            recognizerError is null,
            recognizerError,
            _options.ModelDirectory,
            ffmpeg is not null,
            ffmpeg ?? $"ffmpeg ({_options.FfmpegPath}) was not found. {Fix} (Debian package ffmpeg) or set Speech:FfmpegPath.");
    }

    private string? ProbeRecognizer()
    {
        try
        {
            PocketSphinxNative.EnsureLoaded();
        }
        catch (SpeechEngineException ex)
        {
            return ex.Message;
        }

        var missing = new[] { _options.AcousticModel, _options.Dictionary, _options.LanguageModel, _options.PhoneLanguageModel }
            .Select(_options.ResolveModelPath)
            .Where(path => !File.Exists(path) && !Directory.Exists(path))
            .ToList();
        return missing.Count == 0
            ? null
            : $"The pocketsphinx model files {string.Join(", ", missing)} are missing. {Fix} (Debian package pocketsphinx-en-us) or set Speech:ModelDirectory.";
    }

    /// <summary>The full path of the executable: a rooted or relative path as given, else the first match on PATH.</summary>
    internal static string? FindExecutable(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}

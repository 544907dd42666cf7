namespace TutorPlatform.Core.Speech;

/// <summary>
/// Whether the on-device speech runtimes can be used on this machine, for the readiness check and the admin Models
/// page. Probing never throws and never loads a model: the app starts and runs without the runtimes.
/// </summary>
public interface ISpeechRuntimeStatus
{
    SpeechRuntimeHealth Describe();
}

/// <summary>A snapshot of the speech runtimes.</summary>
/// <param name="Recognizer">The recogniser's name (for example "pocketsphinx en-us").</param>
/// <param name="RecognizerAvailable">Whether the recogniser's native library and model files are present.</param>
/// <param name="RecognizerError">Why recognition and alignment are unavailable, naming the fix; null when available.</param>
/// <param name="ModelDirectory">Where the acoustic model, dictionary and language models are read from.</param>
/// <param name="AudioDecoderAvailable">Whether the audio decoder's tool (ffmpeg) was found.</param>
/// <param name="AudioDecoder">The decoder's tool as found (a full path), or why it is unavailable.</param>
public sealed record SpeechRuntimeHealth(
    string Recognizer,
    bool RecognizerAvailable,
    string? RecognizerError,
    string ModelDirectory,
    bool AudioDecoderAvailable,
    string AudioDecoder)
{
    public bool AllAvailable => RecognizerAvailable && AudioDecoderAvailable;
}

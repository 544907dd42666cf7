namespace TutorPlatform.Core.Speech;

/// <summary>
/// Recognises speech in a whole utterance of 16 kHz mono audio, giving words with timings and confidences.
/// Implementations are safe to call from several threads at once.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>A short name of the recogniser and its model, as reports and benchmarks print it (for example "pocketsphinx en-us").</summary>
    string Name { get; }

    /// <summary>Recognises one utterance.</summary>
    /// <param name="audio">The utterance; long takes should be split first (see the voice-activity detector).</param>
    /// <param name="options">Biasing of the search: free speech, spelled letters and digits, or speech expected to follow a text.</param>
    /// <param name="cancellationToken">Cancels before or between decoding steps.</param>
    /// <exception cref="SpeechEngineException">The engine or its model is missing or failed.</exception>
    Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>What the search is biased towards.</summary>
public enum RecognitionMode
{
    /// <summary>Free speech with the general language model.</summary>
    Free,

    /// <summary>Spelled input: letters A–Z, digits and a few words such as "oh", "double", "enter" (AN4-style).</summary>
    Spelling,

    /// <summary>Speech that is expected to follow <see cref="RecognitionOptions.Hint"/> (read-aloud drills, role-play lines): the language model is biased to that text but other words can still be recognised.</summary>
    Expected,

    /// <summary>Only sentences of the JSGF grammar in <see cref="RecognitionOptions.Grammar"/> can be recognised.</summary>
    Grammar,
}

/// <summary>Options of one recognition.</summary>
/// <param name="Mode">What the search is biased towards.</param>
/// <param name="Hint">The expected text, for <see cref="RecognitionMode.Expected"/>.</param>
/// <param name="Grammar">A JSGF grammar (with a public rule), for <see cref="RecognitionMode.Grammar"/>.</param>
public sealed record RecognitionOptions(RecognitionMode Mode = RecognitionMode.Free, string? Hint = null, string? Grammar = null)
{
    /// <summary>Free recognition with the general model.</summary>
    public static RecognitionOptions Free { get; } = new();

    /// <summary>Spelled letters and digits.</summary>
    public static RecognitionOptions Spelling { get; } = new(RecognitionMode.Spelling);

    /// <summary>Recognition biased to an expected text.</summary>
    public static RecognitionOptions Expecting(string text) => new(RecognitionMode.Expected, Hint: text);
}

/// <summary>The result of recognising one utterance.</summary>
/// <param name="Text">The recognised words joined by spaces, lower case, without silences or noises.</param>
/// <param name="Words">The recognised words in time order.</param>
/// <param name="Recognizer">The recogniser's <see cref="ISpeechRecognizer.Name"/>.</param>
/// <param name="AudioSeconds">The length of the audio.</param>
/// <param name="ProcessingSeconds">Wall-clock time the recognition took.</param>
public sealed record RecognitionResult(
    string Text,
    IReadOnlyList<RecognizedWord> Words,
    string Recognizer,
    double AudioSeconds,
    double ProcessingSeconds)
{
    /// <summary>Processing time over audio time.</summary>
    public double RealTimeFactor => AudioSeconds > 0 ? ProcessingSeconds / AudioSeconds : 0;
}

/// <summary>One recognised word.</summary>
/// <param name="Word">The word, lower case.</param>
/// <param name="StartSeconds">Where the word starts in the audio.</param>
/// <param name="EndSeconds">Where the word ends in the audio.</param>
/// <param name="Confidence">0–1: the word's posterior probability where the engine gives one, else a score-based estimate.</param>
public sealed record RecognizedWord(string Word, double StartSeconds, double EndSeconds, double Confidence);

/// <summary>A speech engine or its model is missing, failed to load, or failed while decoding.</summary>
public sealed class SpeechEngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpeechEngineException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

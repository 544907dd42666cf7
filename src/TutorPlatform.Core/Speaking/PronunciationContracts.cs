using System.Text.Json.Serialization;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Core.Speaking;

/// <summary>What went wrong with a reference word in a read-aloud attempt.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WordErrorType>))]
public enum WordErrorType
{
    None,
    Mispronunciation,
    Omission,
    Insertion,
    Repetition,
    UnexpectedPause,
}

/// <summary>One phone of a word, scored 0–100.</summary>
/// <param name="Phone">CMU phone without stress (AA … ZH).</param>
public sealed record PhoneAssessment(string Phone, double Accuracy, double StartSeconds, double EndSeconds);

/// <summary>One word of the assessment.</summary>
/// <param name="Index">Position among the reference words from 0; inserted words carry the index of the reference word they follow and <see cref="WordErrorType.Insertion"/>.</param>
/// <param name="Word">The reference word (or, for an insertion, the word that was said).</param>
/// <param name="Recognized">What the recogniser heard there, or null where nothing was heard.</param>
/// <param name="Accuracy">0–100.</param>
/// <param name="ErrorType">The error found, or none.</param>
/// <param name="StartSeconds">Start in the audio (0 for an omission).</param>
/// <param name="EndSeconds">End in the audio (0 for an omission).</param>
/// <param name="Phones">The word's phones with their scores; empty where the word was not aligned.</param>
public sealed record WordAssessment(
    int Index,
    string Word,
    string? Recognized,
    double Accuracy,
    WordErrorType ErrorType,
    double StartSeconds,
    double EndSeconds,
    IReadOnlyList<PhoneAssessment> Phones);

/// <summary>A read-aloud assessment: sentence scores 0–100 and word/phone detail.</summary>
public sealed record PronunciationAssessment(
    double Accuracy,
    double Fluency,
    double Completeness,
    double Prosody,
    double Total,
    string RecognizedText,
    double AudioSeconds,
    IReadOnlyList<WordAssessment> Words,
    string ModelVersion);

/// <summary>
/// Scores a read-aloud attempt against its reference text with the small on-device pronunciation model
/// (trained on speechocean762). Thread-safe.
/// </summary>
public interface IPronunciationAssessor
{
    /// <summary>A short name and version of the trained model.</summary>
    string ModelVersion { get; }

    /// <summary>Assesses one utterance.</summary>
    /// <exception cref="AlignmentException">The reference text has no words that can be aligned.</exception>
    /// <exception cref="SpeechEngineException">The speech engine or its model is missing or failed.</exception>
    Task<PronunciationAssessment> AssessAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default);
}

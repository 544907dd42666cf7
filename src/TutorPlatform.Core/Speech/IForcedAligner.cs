namespace TutorPlatform.Core.Speech;

/// <summary>
/// Aligns audio to the text that was meant to be read, and recognises the phones actually spoken, so a scorer can
/// compare what was said with what was expected (goodness of pronunciation). Phones use the CMU phone set
/// (AA, AE, ... ZH, without stress marks). Implementations are safe to call from several threads at once.
/// </summary>
public interface IForcedAligner
{
    /// <summary>A short name of the aligner and its acoustic model.</summary>
    string Name { get; }

    /// <summary>Aligns the reference text to the audio: every reference word and its phones with timings and acoustic scores.</summary>
    /// <param name="audio">One utterance.</param>
    /// <param name="referenceText">The text that was meant to be spoken; punctuation is ignored.</param>
    /// <param name="cancellationToken">Cancels before or between decoding passes.</param>
    /// <exception cref="AlignmentException">The text has no alignable words, or the audio cannot be aligned to it.</exception>
    /// <exception cref="SpeechEngineException">The engine or its model is missing or failed.</exception>
    Task<AlignmentResult> AlignAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default);

    /// <summary>Free phone recognition (a phone loop with a phone language model), with each phone's timing and acoustic score.</summary>
    /// <exception cref="SpeechEngineException">The engine or its model is missing or failed.</exception>
    Task<PhoneRecognitionResult> RecognizePhonesAsync(PcmAudio audio, CancellationToken cancellationToken = default);
}

/// <summary>A forced alignment of a reference text to audio.</summary>
/// <param name="Words">Every word of the reference, in order.</param>
/// <param name="Phones">Every phone of every word, in order, plus the silences found between words (<see cref="AlignedPhone.WordIndex"/> −1).</param>
/// <param name="AudioSeconds">The length of the audio.</param>
/// <param name="AcousticScorePerFrame">The word pass's total acoustic score over its speech frames: a whole-utterance fit measure (natural log, ≤ 0).</param>
public sealed record AlignmentResult(
    IReadOnlyList<AlignedWord> Words,
    IReadOnlyList<AlignedPhone> Phones,
    double AudioSeconds,
    double AcousticScorePerFrame);

/// <summary>One reference word in an alignment.</summary>
/// <param name="Index">The word's position among the reference words, from 0.</param>
/// <param name="Word">The reference word as normalised for the dictionary (lower case, punctuation removed).</param>
/// <param name="Pronunciation">The CMU phones the word was aligned with; empty where the word was not in the dictionary and a free phone loop stood in for it.</param>
/// <param name="StartSeconds">Start in the audio.</param>
/// <param name="EndSeconds">End in the audio.</param>
/// <param name="AcousticScore">Acoustic log-likelihood of the word's frames relative to the best-scoring model state in each frame (natural log, ≤ 0; nearer 0 is a better fit).</param>
/// <param name="InDictionary">Whether the word's pronunciation came from the dictionary.</param>
public sealed record AlignedWord(
    int Index,
    string Word,
    IReadOnlyList<string> Pronunciation,
    double StartSeconds,
    double EndSeconds,
    double AcousticScore,
    bool InDictionary)
{
    /// <summary>Number of 10 ms frames the word spans.</summary>
    public int Frames => (int)Math.Round((EndSeconds - StartSeconds) * 100);
}

/// <summary>One phone in an alignment or a phone recognition.</summary>
/// <param name="Phone">The CMU phone without stress, or "SIL" for silence.</param>
/// <param name="WordIndex">The reference word the phone belongs to; −1 for a silence or in free phone recognition.</param>
/// <param name="StartSeconds">Start in the audio.</param>
/// <param name="EndSeconds">End in the audio.</param>
/// <param name="AcousticScore">Acoustic log-likelihood relative to the best state per frame (natural log, ≤ 0).</param>
public sealed record AlignedPhone(string Phone, int WordIndex, double StartSeconds, double EndSeconds, double AcousticScore)
{
    /// <summary>Number of 10 ms frames the phone spans.</summary>
    public int Frames => (int)Math.Round((EndSeconds - StartSeconds) * 100);

    /// <summary>Whether this is a silence rather than a speech phone.</summary>
    public bool IsSilence => Phone == "SIL";
}

/// <summary>Phones recognised freely from the audio.</summary>
/// <param name="Phones">Recognised phones and silences in time order (word index −1).</param>
/// <param name="AudioSeconds">The length of the audio.</param>
public sealed record PhoneRecognitionResult(IReadOnlyList<AlignedPhone> Phones, double AudioSeconds);

/// <summary>The audio could not be aligned to the reference text (no alignable words, or no path through the grammar).</summary>
public sealed class AlignmentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlignmentException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

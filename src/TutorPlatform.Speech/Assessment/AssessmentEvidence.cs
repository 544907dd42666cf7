namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// What the engines and the audio say about one read-aloud attempt, before any trained model: the forced alignment
/// with each phone's goodness of pronunciation, what a reading-check grammar heard, pauses, pitch and energy.
/// Plain data, so training can cache it (feature extraction is the slow part) and iterate on the model.
/// </summary>
/// <param name="AudioSeconds">Length of the audio.</param>
/// <param name="Aligned">Whether the whole reference could be force-aligned (else only the words the reading check heard were).</param>
/// <param name="ScorePerFrame">The word alignment's acoustic score per speech frame (natural log, ≤ 0).</param>
/// <param name="Words">Every reference token, in order.</param>
/// <param name="Pauses">Silences between the first and the last aligned word.</param>
/// <param name="LeadingSilence">Seconds before the first aligned word.</param>
/// <param name="TrailingSilence">Seconds after the last aligned word.</param>
/// <param name="LoopPhones">Phones the free phone loop found over the whole audio (silences excluded).</param>
/// <param name="LoopEditDistance">Edit distance between the free phone loop's phones and the reference phones.</param>
/// <param name="Insertions">Words the reading check heard that are not in the reference.</param>
/// <param name="Heard">The words the reading check heard, in order.</param>
/// <param name="Prosody">Pitch and energy over the speech.</param>
/// <param name="Inserted">The inserted words the reading check heard, each after the reference token it follows (−1: before the first).</param>
/// <param name="Loop">The free phone loop's phones over the speech, silences included, in order (null in evidence cached before version 4).</param>
public sealed record AssessmentEvidence(
    double AudioSeconds,
    bool Aligned,
    double ScorePerFrame,
    IReadOnlyList<WordEvidence> Words,
    IReadOnlyList<PauseEvidence> Pauses,
    double LeadingSilence,
    double TrailingSilence,
    int LoopPhones,
    int LoopEditDistance,
    int Insertions,
    string Heard,
    ProsodyEvidence Prosody,
    IReadOnlyList<InsertedWord>? Inserted = null,
    IReadOnlyList<LoopSegment>? Loop = null);

/// <summary>One phone (or silence, <c>SIL</c>) of the free phone loop.</summary>
/// <param name="Score">Its acoustic score (natural log, ≤ 0).</param>
public sealed record LoopSegment(string Phone, double Start, double End, double Score);

/// <summary>A word heard that the reference does not have there.</summary>
public sealed record InsertedWord(int After, string Word, double Start, double End);

/// <summary>One reference token (a whitespace-separated word of the text).</summary>
/// <param name="Index">Position among the reference tokens from 0.</param>
/// <param name="Text">The token as written in the reference.</param>
/// <param name="Word">The token normalised (lower case, no punctuation).</param>
/// <param name="Aligned">Whether the token got a place in the alignment (false: omitted from it).</param>
/// <param name="Heard">How many times the reading check heard it (0: not heard, 2+: repeated).</param>
/// <param name="PauseBefore">Silence right before the word in seconds.</param>
/// <param name="PunctuationBefore">Whether the reference has a sentence or clause mark before the word (a pause there is expected).</param>
/// <param name="Start">Start in the audio (0 where not aligned).</param>
/// <param name="End">End in the audio (0 where not aligned).</param>
/// <param name="AcousticScore">The word's acoustic score in the word alignment (natural log, ≤ 0).</param>
/// <param name="InDictionary">Whether its pronunciation came from the dictionary.</param>
/// <param name="Pitch">Mean F0 over the word's voiced frames in semitones relative to 100 Hz (NaN: none voiced).</param>
/// <param name="Energy">Mean frame energy over the word in dB.</param>
/// <param name="Phones">The word's phones.</param>
public sealed record WordEvidence(
    int Index,
    string Text,
    string Word,
    bool Aligned,
    int Heard,
    double PauseBefore,
    bool PunctuationBefore,
    double Start,
    double End,
    double AcousticScore,
    bool InDictionary,
    double Pitch,
    double Energy,
    IReadOnlyList<PhoneEvidence> Phones);

/// <summary>One aligned phone.</summary>
/// <param name="Phone">CMU phone without stress.</param>
/// <param name="Start">Start in seconds.</param>
/// <param name="End">End in seconds.</param>
/// <param name="Score">Its acoustic score in the phone alignment (natural log, ≤ 0).</param>
/// <param name="LoopScore">The free phone loop's score over the same frames (natural log, ≤ 0).</param>
/// <param name="LoopMatch">Whether the free phone loop's phones over those frames include this phone.</param>
/// <param name="LoopPhone">The free phone loop's phone that overlaps this one most (SIL for silence; null where none).</param>
/// <param name="Checked">What the pronunciation check chose for this phone: the phone itself, a phone learners often say
/// instead, or "" (left out); null where the check did not run.</param>
/// <param name="Posterior">The phone classifier's (<see cref="PhoneClassifier"/>) mean log posterior of this phone over its
/// frames; null where no classifier ran (see <see cref="PhonePosteriors"/>).</param>
/// <param name="PosteriorRatio">The mean per frame of its log posterior less the best class's (≤ 0).</param>
/// <param name="PosteriorShare">The share of its frames on which the classifier's best class is this phone.</param>
/// <param name="PosteriorBest">The class with the highest mean log posterior over its frames (this phone, another, or SIL).</param>
public sealed record PhoneEvidence(
    string Phone, double Start, double End, double Score, double LoopScore, bool LoopMatch, string? LoopPhone = null, string? Checked = null,
    double? Posterior = null, double? PosteriorRatio = null, double? PosteriorShare = null, string? PosteriorBest = null)
{
    /// <summary>Number of 10 ms frames.</summary>
    public int Frames => Math.Max(1, (int)Math.Round((End - Start) * 100));

    /// <summary>Goodness of pronunciation: how much worse per frame the expected phone fits than the best free phones (≤ 0 mostly).</summary>
    public double Gop => (Score - LoopScore) / Frames;
}

/// <summary>A silence between words.</summary>
public sealed record PauseEvidence(double Start, double End, bool AtPunctuation)
{
    public double Seconds => End - Start;
}

/// <summary>Pitch (F0 by autocorrelation) and energy statistics over the speech frames.</summary>
/// <param name="VoicedFraction">Share of speech frames with a pitch.</param>
/// <param name="PitchSpread">Standard deviation of F0 in semitones.</param>
/// <param name="PitchRange">90th minus 10th percentile of F0 in semitones.</param>
/// <param name="PitchSlope">Mean absolute change of F0 between voiced frames, semitones per frame.</param>
/// <param name="EnergySpread">Standard deviation of frame energy in dB over the speech frames.</param>
/// <param name="EnergyRange">90th minus 10th percentile of speech frame energy in dB.</param>
/// <param name="SpeechToSilenceDb">Mean speech energy above the mean silence energy, dB (a recording-quality cue).</param>
public sealed record ProsodyEvidence(
    double VoicedFraction,
    double PitchSpread,
    double PitchRange,
    double PitchSlope,
    double EnergySpread,
    double EnergyRange,
    double SpeechToSilenceDb);

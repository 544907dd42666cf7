using TutorPlatform.Core.Speech;

namespace TutorPlatform.Core.Speaking;

/// <summary>
/// Unscripted speaking measures of one turn, from the recogniser's words and timings. Hesitations ("uh", "um", ...)
/// are counted apart and left out of the other figures.
/// </summary>
/// <param name="WordsPerMinute">Words (not hesitations) over the time from the first sound's start to the last one's end.</param>
/// <param name="Pauses">Silences of <see cref="SpeechMeasures.PauseSeconds"/> or more between words.</param>
/// <param name="LongestPauseSeconds">The longest silence between two words.</param>
/// <param name="Words">Words said, hesitations left out.</param>
/// <param name="DistinctWords">Different words used.</param>
/// <param name="VocabularyRange">Distinct words over all words (type/token ratio, 0–1; short turns run high).</param>
/// <param name="Hesitations">How many hesitation sounds ("uh", "um", "er", ...) the recogniser heard.</param>
public sealed record SpeechMeasures(
    double WordsPerMinute, int Pauses, double LongestPauseSeconds, int Words, int DistinctWords, double VocabularyRange, int Hesitations = 0)
{
    public const double PauseSeconds = 0.5;

    private static readonly HashSet<string> HesitationWords = new(["uh", "um", "er", "erm", "ah", "hmm", "mm", "uhm"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a recognised word is a hesitation sound rather than a word of the answer.</summary>
    public static bool IsHesitation(string word) => HesitationWords.Contains(word.Trim());

    public static SpeechMeasures From(IReadOnlyList<RecognizedWord> recognized)
    {
        var words = recognized.Where(w => !IsHesitation(w.Word)).ToList();
        var hesitations = recognized.Count - words.Count;
        if (words.Count == 0)
        {
            return new SpeechMeasures(0, 0, 0, 0, 0, 0, hesitations);
        }

        var span = recognized[^1].EndSeconds - recognized[0].StartSeconds;
        var wpm = span > 0 ? words.Count / span * 60 : 0;
        var gaps = recognized.Zip(recognized.Skip(1), (a, b) => b.StartSeconds - a.EndSeconds).ToList();
        var distinct = words.Select(w => w.Word.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count();
        return new SpeechMeasures(
            Math.Round(wpm, 0),
            gaps.Count(g => g >= PauseSeconds),
            Math.Round(gaps.DefaultIfEmpty(0).Max(), 2),
            words.Count,
            distinct,
            Math.Round(distinct / (double)words.Count, 2),
            hesitations);
    }
}

using TutorPlatform.Core.Speech;

namespace TutorPlatform.Core.Speaking;

/// <summary>
/// Unscripted speaking measures of one turn, from the recogniser's words and timings.
/// </summary>
/// <param name="WordsPerMinute">Words over the time from the first word's start to the last word's end.</param>
/// <param name="Pauses">Silences of <see cref="SpeechMeasures.PauseSeconds"/> or more between words.</param>
/// <param name="LongestPauseSeconds">The longest silence between two words.</param>
/// <param name="DistinctWords">Different words used.</param>
/// <param name="VocabularyRange">Distinct words over all words (type/token ratio, 0–1; short turns run high).</param>
public sealed record SpeechMeasures(double WordsPerMinute, int Pauses, double LongestPauseSeconds, int Words, int DistinctWords, double VocabularyRange)
{
    public const double PauseSeconds = 0.5;

    public static SpeechMeasures From(IReadOnlyList<RecognizedWord> words)
    {
        if (words.Count == 0)
        {
            return new SpeechMeasures(0, 0, 0, 0, 0, 0);
        }

        var span = words[^1].EndSeconds - words[0].StartSeconds;
        var wpm = span > 0 ? words.Count / span * 60 : 0;
        var gaps = words.Zip(words.Skip(1), (a, b) => b.StartSeconds - a.EndSeconds).ToList();
        var distinct = words.Select(w => w.Word.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count();
        return new SpeechMeasures(
            Math.Round(wpm, 0),
            gaps.Count(g => g >= PauseSeconds),
            Math.Round(gaps.DefaultIfEmpty(0).Max(), 2),
            words.Count,
            distinct,
            Math.Round(distinct / (double)words.Count, 2));
    }
}

using System.Text;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Whisper;

/// <summary>
/// Turns whisper.cpp's sub-word tokens into words: a token whose text starts with a space begins a new word,
/// the others continue it; a word spans its first token's start to its last token's end, and its confidence is
/// the mean probability of its text tokens. Special tokens, punctuation and bracketed annotations such as
/// "[BLANK_AUDIO]" or "(music)" are left out; words are lower case.
/// </summary>
public static class WordTimings
{
    /// <summary>The words of a transcript, in time order.</summary>
    public static IReadOnlyList<RecognizedWord> FromSegments(IEnumerable<WhisperSegment> segments)
    {
        var words = new List<RecognizedWord>();
        foreach (var segment in segments)
        {
            if (IsAnnotation(segment.Text))
            {
                continue;
            }

            var bytes = new List<byte>();
            var probabilities = new List<float>();
            var fallbackProbabilities = new List<float>();
            double start = 0, end = 0;

            foreach (var token in segment.Tokens)
            {
                if (token.IsSpecial || token.Utf8.Length == 0)
                {
                    continue;
                }

                if (token.Utf8[0] == (byte)' ' && bytes.Count > 0)
                {
                    Flush();
                }

                if (bytes.Count == 0)
                {
                    start = token.StartSeconds;
                }

                bytes.AddRange(token.Utf8);
                end = Math.Max(start, token.EndSeconds);
                fallbackProbabilities.Add(token.Probability);
                if (token.Text.Any(char.IsLetterOrDigit))
                {
                    probabilities.Add(token.Probability);
                }
            }

            Flush();

            void Flush()
            {
                var word = Normalize(Encoding.UTF8.GetString([.. bytes]));
                if (word.Length > 0)
                {
                    var used = probabilities.Count > 0 ? probabilities : fallbackProbabilities;
                    var confidence = used.Count > 0 ? Math.Clamp(used.Average(p => (double)p), 0, 1) : 0;
                    words.Add(new RecognizedWord(word, start, Math.Max(start, end), confidence));
                }

                bytes.Clear();
                probabilities.Clear();
                fallbackProbabilities.Clear();
            }
        }

        return words;
    }

    /// <summary>Lower case, without the punctuation around a word (inner apostrophes and hyphens stay: "don't", "well-known").</summary>
    internal static string Normalize(string text)
    {
        var trimmed = text.Trim();
        var first = 0;
        var last = trimmed.Length - 1;
        while (first <= last && !char.IsLetterOrDigit(trimmed[first]))
        {
            first++;
        }

        while (last >= first && !char.IsLetterOrDigit(trimmed[last]))
        {
            last--;
        }

        return first > last ? "" : trimmed[first..(last + 1)].ToLowerInvariant();
    }

    private static bool IsAnnotation(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 2
            && ((trimmed[0] == '[' && trimmed[^1] == ']') || (trimmed[0] == '(' && trimmed[^1] == ')') || (trimmed[0] == '*' && trimmed[^1] == '*'));
    }
}

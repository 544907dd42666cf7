using System.Text;
using System.Text.RegularExpressions;

namespace TutorPlatform.Speech.Text;

/// <summary>Normalisation of transcripts for decoding and scoring: lower case, no punctuation, no sentence markers.</summary>
public static partial class TranscriptText
{
    /// <summary>
    /// The words of a transcript: lower case, <c>&lt;s&gt;</c>/<c>&lt;/s&gt;</c> and filler tags removed, numbers
    /// written in digits spelled out as they are read (<see cref="SpokenNumbers"/>), punctuation other than in-word
    /// apostrophes turned into spaces.
    /// </summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var withoutTags = SpokenNumbers.Expand(SentenceTags().Replace(text.ToLowerInvariant(), " "));
        var builder = new StringBuilder(withoutTags.Length);
        foreach (var c in withoutTags.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '\'' ? c : c is '’' or '‘' ? '\'' : ' ');
        }

        return builder.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('\''))
            .Where(w => w.Length > 0)
            .ToList();
    }

    /// <summary>The normalised words joined by single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    [GeneratedRegex(@"</?s>|<sil>|\[[a-z]+\]|\+\+?[a-z]+\+\+?", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceTags();
}

using System.Text.RegularExpressions;

namespace TutorPlatform.Core.Essays;

/// <summary>Plain-text helpers of the essay coach: word counts, paragraphs, and the paragraph that most needs work.</summary>
public static partial class EssayText
{
    public static int WordCount(string? text) => string.IsNullOrWhiteSpace(text) ? 0 : Word().Count(text);

    /// <summary>The essay's paragraphs (split at line breaks) with where each starts in the text; blank lines are dropped.</summary>
    public static IReadOnlyList<(int Start, string Text)> Paragraphs(string text)
    {
        var paragraphs = new List<(int, string)>();
        foreach (Match m in Paragraph().Matches(text))
        {
            var trimmed = m.Value.TrimEnd();
            if (trimmed.Trim().Length > 0)
            {
                var lead = trimmed.Length - trimmed.TrimStart().Length;
                paragraphs.Add((m.Index + lead, trimmed.Trim()));
            }
        }

        return paragraphs;
    }

    /// <summary>
    /// The paragraph with the most on-device issues per word (the first on a tie; paragraphs under eight words only when
    /// there is nothing longer): the one the large model is asked to correct, so the student sees the diff where it helps most.
    /// </summary>
    public static string? WeakestParagraph(string text, IReadOnlyList<EssayIssue> issues)
    {
        var paragraphs = Paragraphs(text);
        if (paragraphs.Count == 0)
        {
            return null;
        }

        var candidates = paragraphs.Where(p => WordCount(p.Text) >= 8).ToList();
        if (candidates.Count == 0)
        {
            candidates = paragraphs.ToList();
        }

        return candidates
            .Select((p, i) => (p.Text, i, Rate: issues.Count(x => x.Category != EssayIssueCategory.Vocabulary && x.Start >= p.Start && x.Start < p.Start + p.Text.Length) / (double)Math.Max(1, WordCount(p.Text))))
            .OrderByDescending(p => p.Rate).ThenBy(p => p.i)
            .First().Text;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"[^\r\n]+")]
    private static partial Regex Paragraph();
}

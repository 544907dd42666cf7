using System.Text.RegularExpressions;

namespace TutorPlatform.Core.Essays;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One run of a word-level diff, with its whitespace.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>A word-level diff (longest common subsequence over words and punctuation) for showing a corrected paragraph.</summary>
public static partial class WordDiff
{
    public static IReadOnlyList<DiffPiece> Compute(string original, string corrected)
    {
        var a = Tokens().Matches(original).Select(m => m.Value).ToArray();
        var b = Tokens().Matches(corrected).Select(m => m.Value).ToArray();
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = Same(a[i], b[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var pieces = new List<DiffPiece>();
        void Add(DiffKind kind, string text)
        {
            if (pieces.Count > 0 && pieces[^1].Kind == kind)
            {
                pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
            }
            else
            {
                pieces.Add(new DiffPiece(kind, text));
            }
        }

        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (Same(a[x], b[y]))
            {
                Add(DiffKind.Same, b[y]);
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                Add(DiffKind.Removed, a[x++]);
            }
            else
            {
                Add(DiffKind.Added, b[y++]);
            }
        }

        while (x < a.Length)
        {
            Add(DiffKind.Removed, a[x++]);
        }

        while (y < b.Length)
        {
            Add(DiffKind.Added, b[y++]);
        }

        return pieces;
    }

    private static bool Same(string a, string b) => a.Trim() == b.Trim();

    // A word or a punctuation mark, with the whitespace after it.
    [GeneratedRegex(@"\s*(?:[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}])\s*")]
    private static partial Regex Tokens();
}

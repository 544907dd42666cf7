namespace TutorPlatform.Speech.Assessment;

/// <summary>Levenshtein alignment of two sequences (reference words or phones against what was heard).</summary>
internal static class SequenceAlignment
{
    /// <summary>The edit distance between two sequences.</summary>
    public static int Distance(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        var row = Enumerable.Range(0, hypothesis.Count + 1).ToArray();
        for (var i = 1; i <= reference.Count; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[hypothesis.Count];
    }

    /// <summary>For each hypothesis item, the reference position it matches exactly in a minimum-edit alignment, or −1.</summary>
    public static int[] Match(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        var n = reference.Count;
        var m = hypothesis.Count;
        var cost = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            cost[i, 0] = i;
        }

        for (var j = 0; j <= m; j++)
        {
            cost[0, j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                // A substitution costs 2 so that a mismatch is taken as a deletion plus an insertion.
                var diagonal = cost[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 2);
                cost[i, j] = Math.Min(diagonal, Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1));
            }
        }

        var match = Enumerable.Repeat(-1, m).ToArray();
        for (int i = n, j = m; i > 0 && j > 0;)
        {
            if (reference[i - 1] == hypothesis[j - 1] && cost[i, j] == cost[i - 1, j - 1])
            {
                match[j - 1] = i - 1;
                i--;
                j--;
            }
            else if (cost[i, j] == cost[i - 1, j] + 1)
            {
                i--;
            }
            else
            {
                j--;
            }
        }

        return match;
    }
}

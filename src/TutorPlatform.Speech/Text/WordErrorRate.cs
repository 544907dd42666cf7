namespace TutorPlatform.Speech.Text;

/// <summary>Word error counts of one or more hypotheses against references (Levenshtein over words).</summary>
public sealed record WordErrorRate(int Substitutions, int Deletions, int Insertions, int ReferenceWords)
{
    public int Errors => Substitutions + Deletions + Insertions;

    /// <summary>Errors over reference words; 0 for an empty reference without insertions.</summary>
    public double Rate => ReferenceWords == 0 ? (Errors == 0 ? 0 : 1) : Errors / (double)ReferenceWords;

    public static WordErrorRate Zero { get; } = new(0, 0, 0, 0);

    public static WordErrorRate operator +(WordErrorRate a, WordErrorRate b) =>
        new(a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions, a.ReferenceWords + b.ReferenceWords);

    /// <summary>Compares two transcripts after <see cref="TranscriptText.Words"/> normalisation.</summary>
    public static WordErrorRate Compute(string reference, string hypothesis) =>
        Compute(TranscriptText.Words(reference), TranscriptText.Words(hypothesis));

    /// <summary>Compares two word sequences exactly.</summary>
    public static WordErrorRate Compute(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        var n = reference.Count;
        var m = hypothesis.Count;
        // cost[i, j] with back-pointers counted along: (errors, subs, dels, ins).
        var cost = new (int E, int S, int D, int I)[n + 1, m + 1];
        for (var i = 1; i <= n; i++)
        {
            cost[i, 0] = (i, 0, i, 0);
        }

        for (var j = 1; j <= m; j++)
        {
            cost[0, j] = (j, 0, 0, j);
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var diag = cost[i - 1, j - 1];
                var best = reference[i - 1] == hypothesis[j - 1] ? diag : (E: diag.E + 1, S: diag.S + 1, diag.D, diag.I);
                var up = cost[i - 1, j];
                if (up.E + 1 < best.E)
                {
                    best = (up.E + 1, up.S, up.D + 1, up.I);
                }

                var left = cost[i, j - 1];
                if (left.E + 1 < best.E)
                {
                    best = (left.E + 1, left.S, left.D, left.I + 1);
                }

                cost[i, j] = best;
            }
        }

        var final = cost[n, m];
        return new WordErrorRate(final.S, final.D, final.I, n);
    }
}

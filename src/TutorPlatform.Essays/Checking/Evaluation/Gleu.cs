namespace TutorPlatform.Essays.Checking.Evaluation;

/// <summary>
/// GLEU for grammatical error correction (Napoles et al. 2015, the 2016 revision shipped as jfleg's gleu.py and
/// compute_gleu.py): n-grams (n = 1..4) of the hypothesis that match the reference, minus those that match n-grams of
/// the source the reference changed, over the hypothesis's n-gram count; a brevity penalty; and, for several
/// references, the corpus score averaged over <see cref="Iterations"/> draws of one random reference per sentence.
/// One difference from gleu.py: the draws come from .NET's seeded <see cref="Random"/>, not Python's, so the mean
/// can differ from gleu.py's in the third decimal (its reported standard deviation is about that size).
/// </summary>
public static class Gleu
{
    public const int Order = 4;
    public const int Iterations = 500;

    /// <summary>The corpus GLEU of <paramref name="hypotheses"/> and its standard deviation over the reference draws.</summary>
    /// <param name="sources">Source sentences, space-tokenized.</param>
    /// <param name="references">One list per reference set, each as long as the sources.</param>
    /// <param name="hypotheses">Corrected sentences, space-tokenized.</param>
    public static (double Mean, double StandardDeviation) Score(
        IReadOnlyList<string> sources, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        if (references.Count == 0 || hypotheses.Count != sources.Count || references.Any(r => r.Count != sources.Count))
        {
            throw new ArgumentException("Sources, hypotheses and every reference set must have the same number of lines.");
        }

        var statsLength = 2 + 2 * Order;
        // Per sentence and reference: the sufficient statistics.
        var perReference = new long[sources.Count][][];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = Split(sources[i]);
            var hypothesis = Split(hypotheses[i]);
            perReference[i] = new long[references.Count][];
            for (var r = 0; r < references.Count; r++)
            {
                perReference[i][r] = SentenceStats(source, Split(references[r][i]), hypothesis);
            }
        }

        var iterations = references.Count == 1 ? 1 : Iterations;
        var scores = new double[iterations];
        for (var j = 0; j < iterations; j++)
        {
            var random = new Random(j * 101);
            var total = new long[statsLength];
            for (var i = 0; i < sources.Count; i++)
            {
                var stats = perReference[i][random.Next(references.Count)];
                for (var k = 0; k < statsLength; k++)
                {
                    total[k] += stats[k];
                }
            }

            scores[j] = FromStats(total);
        }

        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Length);
        return (mean, sd);
    }

    /// <summary>GLEU of one sentence against one reference (no smoothing: 0 when any n-gram order has no match).</summary>
    public static double SentenceScore(string source, string reference, string hypothesis) =>
        FromStats(SentenceStats(Split(source), Split(reference), Split(hypothesis)));

    /// <summary>gleu.py's <c>gleu_stats</c>: hypothesis length, reference length, then per n matches and n-gram count.</summary>
    internal static long[] SentenceStats(string[] source, string[] reference, string[] hypothesis)
    {
        var stats = new long[2 + 2 * Order];
        stats[0] = hypothesis.Length;
        stats[1] = reference.Length;
        for (var n = 1; n <= Order; n++)
        {
            var h = Counts(hypothesis, n);
            var s = Counts(source, n);
            var r = Counts(reference, n);
            // Source n-grams the reference does not keep (gleu.py's get_ngram_diff).
            var sourceOnly = s.Where(kv => !r.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var matched = Intersection(h, r) - Intersection(h, sourceOnly);
            stats[2 * n] = Math.Max(matched, 0);
            stats[2 * n + 1] = Math.Max(hypothesis.Length + 1 - n, 0);
        }

        return stats;
    }

    internal static double FromStats(IReadOnlyList<long> stats)
    {
        if (stats.Any(s => s == 0))
        {
            return 0;
        }

        double c = stats[0], r = stats[1];
        var logPrecision = 0.0;
        for (var n = 1; n <= Order; n++)
        {
            logPrecision += Math.Log((double)stats[2 * n] / stats[2 * n + 1]);
        }

        return Math.Exp(Math.Min(0, 1 - r / c) + logPrecision / Order);
    }

    private static string[] Split(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, int> Counts(string[] words, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Length; i++)
        {
            var key = string.Join('\u0001', words, i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static long Intersection(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        long total = 0;
        foreach (var (key, count) in a)
        {
            if (b.TryGetValue(key, out var other))
            {
                total += Math.Min(count, other);
            }
        }

        return total;
    }
}

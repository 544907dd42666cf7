namespace TutorPlatform.Essays.Scoring;

/// <summary>The agreement measures the essay scorer is judged by.</summary>
public static class EssayMetrics
{
    /// <summary>Root mean squared error.</summary>
    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        if (predicted.Count != actual.Count || predicted.Count == 0)
        {
            throw new ArgumentException("Need the same, non-zero number of predictions and human scores.", nameof(predicted));
        }

        var sum = 0.0;
        for (var i = 0; i < predicted.Count; i++)
        {
            sum += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        }

        return Math.Sqrt(sum / predicted.Count);
    }

    /// <summary>Quadratic weighted kappa between two raters' integer scores on the scale <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static double QuadraticWeightedKappa(IReadOnlyList<int> a, IReadOnlyList<int> b, int min, int max)
    {
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException("Need the same, non-zero number of scores from both raters.", nameof(a));
        }

        var k = max - min + 1;
        var observed = new double[k, k];
        var histA = new double[k];
        var histB = new double[k];
        for (var i = 0; i < a.Count; i++)
        {
            var x = Math.Clamp(a[i], min, max) - min;
            var y = Math.Clamp(b[i], min, max) - min;
            observed[x, y]++;
            histA[x]++;
            histB[y]++;
        }

        double numerator = 0, denominator = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var weight = k == 1 ? 0 : (i - j) * (i - j) / (double)((k - 1) * (k - 1));
                numerator += weight * observed[i, j];
                denominator += weight * histA[i] * histB[j] / a.Count;
            }
        }

        return denominator == 0 ? 1 : 1 - (numerator / denominator);
    }
}

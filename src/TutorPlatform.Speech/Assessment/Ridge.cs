namespace TutorPlatform.Speech.Assessment;

/// <summary>A linear model over standardised features: y = bias + Σ w·(x − mean)/scale.</summary>
public sealed record LinearModel(double[] Mean, double[] Scale, double[] Weights, double Bias, double Lambda)
{
    public double Predict(IReadOnlyList<double> x)
    {
        var y = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            y += Weights[i] * (Clean(x[i]) - Mean[i]) / Scale[i];
        }

        return y;
    }

    internal static double Clean(double value) => double.IsFinite(value) ? value : 0;
}

/// <summary>Ridge regression (closed form, Cholesky) on standardised features.</summary>
public static class Ridge
{
    public static LinearModel Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, double lambda)
    {
        var n = x.Count;
        var d = x[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = x.Average(r => LinearModel.Clean(r[j]));
            var sd = Math.Sqrt(x.Sum(r => Math.Pow(LinearModel.Clean(r[j]) - mean[j], 2)) / n);
            scale[j] = sd > 1e-12 ? sd : 1;
        }

        var bias = y.Average();
        var a = new double[d, d];
        var b = new double[d];
        var z = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                z[j] = (LinearModel.Clean(x[i][j]) - mean[j]) / scale[j];
            }

            var r = y[i] - bias;
            for (var j = 0; j < d; j++)
            {
                b[j] += z[j] * r;
                for (var k = 0; k <= j; k++)
                {
                    a[j, k] += z[j] * z[k];
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            a[j, j] += lambda;
            for (var k = 0; k < j; k++)
            {
                a[k, j] = a[j, k];
            }
        }

        return new LinearModel(mean, scale, Solve(a, b), bias, lambda);
    }

    // Cholesky solve of a symmetric positive definite system.
    private static double[] Solve(double[,] a, double[] b)
    {
        var d = b.Length;
        var l = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        }

        var y = new double[d];
        for (var i = 0; i < d; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * y[k];
            }

            y[i] = sum / l[i, i];
        }

        var x = new double[d];
        for (var i = d - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < d; k++)
            {
                sum -= l[k, i] * x[k];
            }

            x[i] = sum / l[i, i];
        }

        return x;
    }
}

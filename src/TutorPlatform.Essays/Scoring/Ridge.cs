namespace TutorPlatform.Essays.Scoring;

/// <summary>Rows of a design matrix: hashed sparse features followed by standardised dense features.</summary>
internal sealed class DesignMatrix
{
    public DesignMatrix(IReadOnlyList<SparseVector> sparse, IReadOnlyList<double[]> dense, int sparseDimension)
    {
        Sparse = sparse;
        Dense = dense;
        SparseDimension = sparseDimension;
        DenseCount = dense.Count == 0 ? 0 : dense[0].Length;
    }

    public IReadOnlyList<SparseVector> Sparse { get; }

    public IReadOnlyList<double[]> Dense { get; }

    public int SparseDimension { get; }

    public int DenseCount { get; }

    public int Rows => Sparse.Count;

    /// <summary>Sparse + dense + one bias column.</summary>
    public int Columns => SparseDimension + DenseCount + 1;
}

/// <summary>
/// Ridge regression of several targets at once over sparse hashed n-grams plus dense features, solved by conjugate
/// gradients on the normal equations (all targets in lockstep, so each pass over the data serves every target).
/// Dense features are standardised with the training rows' mean and deviation, which the model keeps.
/// </summary>
internal sealed class RidgeModel
{
    private const float BiasValue = 10f;

    public RidgeModel(float[][] weights, double[] denseMean, double[] denseScale, float denseWeight, int sparseDimension)
    {
        Weights = weights;
        DenseMean = denseMean;
        DenseScale = denseScale;
        DenseWeight = denseWeight;
        SparseDimension = sparseDimension;
    }

    /// <summary>Per target: weights over sparse, dense and bias columns.</summary>
    public float[][] Weights { get; }

    public double[] DenseMean { get; }

    public double[] DenseScale { get; }

    public float DenseWeight { get; }

    public int SparseDimension { get; }

    public int Targets => Weights.Length;

    public double Predict(int target, SparseVector sparse, double[] dense)
    {
        var w = Weights[target];
        double sum = 0;
        for (var i = 0; i < sparse.Indices.Length; i++)
        {
            sum += w[sparse.Indices[i]] * sparse.Values[i];
        }

        for (var j = 0; j < dense.Length; j++)
        {
            sum += w[SparseDimension + j] * Standard(Math.Clamp(dense[j], DenseMean[j] - (6 * DenseScale[j]), DenseMean[j] + (6 * DenseScale[j])), j);
        }

        return sum + (w[^1] * BiasValue);
    }

    private float Standard(double value, int j) => (float)((value - DenseMean[j]) / DenseScale[j] * DenseWeight);

    /// <summary>Fits on the given rows; <paramref name="warmStart"/> (a model over the same columns) speeds convergence.</summary>
    public static RidgeModel Fit(DesignMatrix x, IReadOnlyList<int> rows, double[][] targets, double lambda, float denseWeight, RidgeModel? warmStart = null, int iterations = 60)
    {
        var d = x.DenseCount;
        var mean = new double[d];
        var scale = new double[d];
        foreach (var r in rows)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += x.Dense[r][j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= Math.Max(1, rows.Count);
        }

        foreach (var r in rows)
        {
            for (var j = 0; j < d; j++)
            {
                var dev = x.Dense[r][j] - mean[j];
                scale[j] += dev * dev;
            }
        }

        for (var j = 0; j < d; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / Math.Max(1, rows.Count));
            if (scale[j] < 1e-9)
            {
                scale[j] = 1;
            }
        }

        var model = new RidgeModel([], mean, scale, denseWeight, x.SparseDimension);
        var standardised = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = x.Dense[rows[i]];
            var s = new float[d];
            for (var j = 0; j < d; j++)
            {
                s[j] = model.Standard(Math.Clamp(row[j], mean[j] - (6 * scale[j]), mean[j] + (6 * scale[j])), j);
            }

            standardised[i] = s;
        }

        var columns = x.Columns;
        var t = targets.Length;
        var weights = new float[t][];
        var bias = x.SparseDimension + d;

        // Solve (AᵀA + λI) w = Aᵀy for each target, in lockstep.
        var residual = new double[t][];
        var direction = new double[t][];
        var rsOld = new double[t];
        var aw = new double[t][];
        for (var k = 0; k < t; k++)
        {
            weights[k] = warmStart is null ? new float[columns] : (float[])warmStart.Weights[k].Clone();
            aw[k] = new double[rows.Count];
        }

        MultiplyRows(x, rows, standardised, weights.Select(w => w.Select(v => (double)v).ToArray()).ToArray(), aw);
        var ay = new double[t][];
        for (var k = 0; k < t; k++)
        {
            ay[k] = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                ay[k][i] = targets[k][rows[i]] - aw[k][i];
            }
        }

        // r = Aᵀ(y - Aw) - λw
        var atr = new double[t][];
        for (var k = 0; k < t; k++)
        {
            atr[k] = new double[columns];
        }

        MultiplyTransposed(x, rows, standardised, ay, atr);
        for (var k = 0; k < t; k++)
        {
            residual[k] = new double[columns];
            for (var c = 0; c < columns; c++)
            {
                residual[k][c] = atr[k][c] - (Penalty(c, bias, lambda) * weights[k][c]);
            }

            direction[k] = (double[])residual[k].Clone();
            rsOld[k] = Dot(residual[k], residual[k]);
        }

        var w64 = weights.Select(w => w.Select(v => (double)v).ToArray()).ToArray();
        var ap = new double[t][];
        var atap = new double[t][];
        for (var k = 0; k < t; k++)
        {
            ap[k] = new double[rows.Count];
            atap[k] = new double[columns];
        }

        var initial = rsOld.Max();
        for (var iteration = 0; iteration < iterations && initial > 0; iteration++)
        {
            MultiplyRows(x, rows, standardised, direction, ap);
            for (var k = 0; k < t; k++)
            {
                Array.Clear(atap[k]);
            }

            MultiplyTransposed(x, rows, standardised, ap, atap);
            var done = true;
            for (var k = 0; k < t; k++)
            {
                if (rsOld[k] <= 1e-12 * initial)
                {
                    continue;
                }

                done = false;
                var p = direction[k];
                var q = atap[k];
                for (var c = 0; c < columns; c++)
                {
                    q[c] += Penalty(c, bias, lambda) * p[c];
                }

                var alpha = rsOld[k] / Dot(p, q);
                var r = residual[k];
                var w = w64[k];
                for (var c = 0; c < columns; c++)
                {
                    w[c] += alpha * p[c];
                    r[c] -= alpha * q[c];
                }

                var rsNew = Dot(r, r);
                var beta = rsNew / rsOld[k];
                for (var c = 0; c < columns; c++)
                {
                    p[c] = r[c] + (beta * p[c]);
                }

                rsOld[k] = rsNew;
            }

            if (done)
            {
                break;
            }
        }

        for (var k = 0; k < t; k++)
        {
            weights[k] = w64[k].Select(v => (float)v).ToArray();
        }

        return new RidgeModel(weights, mean, scale, denseWeight, x.SparseDimension);
    }

    private static double Penalty(int column, int bias, double lambda) => column == bias ? 1e-3 : lambda;

    private static void MultiplyRows(DesignMatrix x, IReadOnlyList<int> rows, float[][] dense, double[][] w, double[][] result)
    {
        var t = w.Length;
        var sparseDim = x.SparseDimension;
        var bias = sparseDim + x.DenseCount;
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var sv = x.Sparse[rows[i]];
            var d = dense[i];
            for (var k = 0; k < t; k++)
            {
                var wk = w[k];
                double sum = wk[bias] * BiasValue;
                for (var n = 0; n < sv.Indices.Length; n++)
                {
                    sum += wk[sv.Indices[n]] * sv.Values[n];
                }

                for (var j = 0; j < d.Length; j++)
                {
                    sum += wk[sparseDim + j] * d[j];
                }

                result[k][i] = sum;
            }
        });
    }

    private static void MultiplyTransposed(DesignMatrix x, IReadOnlyList<int> rows, float[][] dense, double[][] v, double[][] result)
    {
        var sparseDim = x.SparseDimension;
        var bias = sparseDim + x.DenseCount;
        Parallel.For(0, v.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            var rk = result[k];
            var vk = v[k];
            for (var i = 0; i < rows.Count; i++)
            {
                var sv = x.Sparse[rows[i]];
                var value = vk[i];
                for (var n = 0; n < sv.Indices.Length; n++)
                {
                    rk[sv.Indices[n]] += sv.Values[n] * value;
                }

                var d = dense[i];
                for (var j = 0; j < d.Length; j++)
                {
                    rk[sparseDim + j] += d[j] * value;
                }

                rk[bias] += BiasValue * value;
            }
        });
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(SparseDimension);
        writer.Write(DenseWeight);
        writer.Write(DenseMean.Length);
        for (var j = 0; j < DenseMean.Length; j++)
        {
            writer.Write(DenseMean[j]);
            writer.Write(DenseScale[j]);
        }

        writer.Write(Weights.Length);
        foreach (var w in Weights)
        {
            writer.Write(w.Length);
            foreach (var v in w)
            {
                writer.Write((Half)v);
            }
        }
    }

    public static RidgeModel Read(BinaryReader reader)
    {
        var sparse = reader.ReadInt32();
        var denseWeight = reader.ReadSingle();
        var d = reader.ReadInt32();
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = reader.ReadDouble();
            scale[j] = reader.ReadDouble();
        }

        var weights = new float[reader.ReadInt32()][];
        for (var k = 0; k < weights.Length; k++)
        {
            var w = new float[reader.ReadInt32()];
            for (var c = 0; c < w.Length; c++)
            {
                w[c] = (float)reader.ReadHalf();
            }

            weights[k] = w;
        }

        return new RidgeModel(weights, mean, scale, denseWeight, sparse);
    }
}

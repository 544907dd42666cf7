namespace TutorPlatform.Essays.Scoring;

/// <summary>Settings of the gradient-boosted trees.</summary>
internal sealed record BoostingOptions(int Rounds = 300, double LearningRate = 0.04, int MaxDepth = 4, int MinLeaf = 20,
    double L2 = 2.0, double RowSample = 0.8, double FeatureSample = 0.7, int Bins = 64, int Seed = 17);

/// <summary>
/// Gradient-boosted regression trees (squared loss) over histogram bins of the features: depth-limited trees, row
/// and feature subsampling, L2-regularised leaves. Small, deterministic for a seed, and fast to evaluate.
/// </summary>
internal sealed class BoostedTrees
{
    // Per node: feature (-1 for a leaf), threshold, left child, right child, leaf value.
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly float[] _value;
    private readonly int[] _roots;

    private BoostedTrees(double bias, int[] feature, float[] threshold, int[] left, int[] right, float[] value, int[] roots)
    {
        Bias = bias;
        _feature = feature;
        _threshold = threshold;
        _left = left;
        _right = right;
        _value = value;
        _roots = roots;
    }

    public double Bias { get; }

    public double Predict(ReadOnlySpan<double> x)
    {
        var sum = Bias;
        foreach (var root in _roots)
        {
            var node = root;
            while (_feature[node] >= 0)
            {
                node = x[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            }

            sum += _value[node];
        }

        return sum;
    }

    public static BoostedTrees Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, BoostingOptions options)
    {
        var n = x.Count;
        var f = x[0].Length;

        // Quantile bin edges per feature; bins[j][i] is row i's bin of feature j.
        var edges = new float[f][];
        var bins = new byte[f][];
        var column = new double[n];
        for (var j = 0; j < f; j++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = x[i][j];
            }

            var sorted = (double[])column.Clone();
            Array.Sort(sorted);
            var cuts = new List<float>();
            for (var b = 1; b < options.Bins; b++)
            {
                var cut = (float)sorted[Math.Min(n - 1, b * n / options.Bins)];
                if ((cuts.Count == 0 || cut > cuts[^1]) && cut < sorted[^1])
                {
                    cuts.Add(cut);
                }
            }

            edges[j] = [.. cuts];
            var row = new byte[n];
            for (var i = 0; i < n; i++)
            {
                var index = Array.BinarySearch(edges[j], (float)column[i]);
                row[i] = (byte)(index >= 0 ? index : ~index);
            }

            bins[j] = row;
        }

        var bias = y.Average();
        var prediction = Enumerable.Repeat(bias, n).ToArray();
        var random = new Random(options.Seed);
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<float>();
        var roots = new List<int>();
        var gradient = new double[n];
        var histogramSum = new double[f][];
        var histogramCount = new int[f][];
        for (var j = 0; j < f; j++)
        {
            histogramSum[j] = new double[options.Bins + 1];
            histogramCount[j] = new int[options.Bins + 1];
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            for (var i = 0; i < n; i++)
            {
                gradient[i] = y[i] - prediction[i];
            }

            var sample = new List<int>(n);
            for (var i = 0; i < n; i++)
            {
                if (random.NextDouble() < options.RowSample)
                {
                    sample.Add(i);
                }
            }

            var features = Enumerable.Range(0, f).Where(_ => random.NextDouble() < options.FeatureSample).ToArray();
            if (features.Length == 0)
            {
                features = [random.Next(f)];
            }

            roots.Add(Grow(sample, 0));
            for (var i = 0; i < n; i++)
            {
                prediction[i] += Leaf(roots[^1], i);
            }

            int Grow(List<int> rows, int depth)
            {
                var sum = 0.0;
                foreach (var i in rows)
                {
                    sum += gradient[i];
                }

                var node = feature.Count;
                feature.Add(-1);
                threshold.Add(0);
                left.Add(-1);
                right.Add(-1);
                value.Add((float)(options.LearningRate * sum / (rows.Count + options.L2)));
                if (depth >= options.MaxDepth || rows.Count < 2 * options.MinLeaf)
                {
                    return node;
                }

                var parentScore = sum * sum / (rows.Count + options.L2);
                var bestGain = 1e-9;
                var bestFeature = -1;
                var bestBin = 0;
                foreach (var j in features)
                {
                    var hs = histogramSum[j];
                    var hc = histogramCount[j];
                    Array.Clear(hs);
                    Array.Clear(hc);
                    var bj = bins[j];
                    foreach (var i in rows)
                    {
                        hs[bj[i]] += gradient[i];
                        hc[bj[i]]++;
                    }

                    var leftSum = 0.0;
                    var leftCount = 0;
                    for (var b = 0; b < edges[j].Length; b++)
                    {
                        leftSum += hs[b];
                        leftCount += hc[b];
                        var rightCount = rows.Count - leftCount;
                        if (leftCount < options.MinLeaf)
                        {
                            continue;
                        }

                        if (rightCount < options.MinLeaf)
                        {
                            break;
                        }

                        var rightSum = sum - leftSum;
                        var gain = (leftSum * leftSum / (leftCount + options.L2)) + (rightSum * rightSum / (rightCount + options.L2)) - parentScore;
                        if (gain > bestGain)
                        {
                            bestGain = gain;
                            bestFeature = j;
                            bestBin = b;
                        }
                    }
                }

                if (bestFeature < 0)
                {
                    return node;
                }

                var leftRows = new List<int>();
                var rightRows = new List<int>();
                foreach (var i in rows)
                {
                    (bins[bestFeature][i] <= bestBin ? leftRows : rightRows).Add(i);
                }

                feature[node] = bestFeature;
                threshold[node] = edges[bestFeature][bestBin];
                var l = Grow(leftRows, depth + 1);
                var r = Grow(rightRows, depth + 1);
                left[node] = l;
                right[node] = r;
                return node;
            }

            double Leaf(int node, int i)
            {
                while (feature[node] >= 0)
                {
                    node = bins[feature[node]][i] <= BinOf(feature[node], threshold[node]) ? left[node] : right[node];
                }

                return value[node];
            }

            int BinOf(int j, float t) => Array.BinarySearch(edges[j], t) is var index && index >= 0 ? index : ~index;
        }

        return new BoostedTrees(bias, [.. feature], [.. threshold], [.. left], [.. right], [.. value], [.. roots]);
    }

    /// <summary>One model that predicts the mean of <paramref name="models"/> (bagging over seeds): their trees side by side, leaves scaled.</summary>
    public static BoostedTrees Average(IReadOnlyList<BoostedTrees> models)
    {
        if (models.Count == 1)
        {
            return models[0];
        }

        var scale = 1f / models.Count;
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<float>();
        var roots = new List<int>();
        foreach (var model in models)
        {
            var offset = feature.Count;
            for (var i = 0; i < model._feature.Length; i++)
            {
                feature.Add(model._feature[i]);
                threshold.Add(model._threshold[i]);
                left.Add(model._left[i] < 0 ? -1 : model._left[i] + offset);
                right.Add(model._right[i] < 0 ? -1 : model._right[i] + offset);
                value.Add(model._value[i] * scale);
            }

            roots.AddRange(model._roots.Select(r => r + offset));
        }

        return new BoostedTrees(models.Average(m => m.Bias), [.. feature], [.. threshold], [.. left], [.. right], [.. value], [.. roots]);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Bias);
        writer.Write(_roots.Length);
        foreach (var root in _roots)
        {
            writer.Write(root);
        }

        // Nodes are in depth-first order, so a split's left child is the next node: a leaf keeps its value, a split its
        // feature, threshold and right child.
        writer.Write(_feature.Length);
        for (var i = 0; i < _feature.Length; i++)
        {
            writer.Write((short)_feature[i]);
            if (_feature[i] < 0)
            {
                writer.Write(_value[i]);
            }
            else
            {
                if (_left[i] != i + 1)
                {
                    throw new InvalidOperationException("Tree nodes are not in depth-first order.");
                }

                writer.Write(_threshold[i]);
                writer.Write(_right[i]);
            }
        }
    }

    public static BoostedTrees Read(BinaryReader reader)
    {
        var bias = reader.ReadDouble();
        var roots = new int[reader.ReadInt32()];
        for (var i = 0; i < roots.Length; i++)
        {
            roots[i] = reader.ReadInt32();
        }

        var count = reader.ReadInt32();
        var feature = new int[count];
        var threshold = new float[count];
        var left = new int[count];
        var right = new int[count];
        var value = new float[count];
        for (var i = 0; i < count; i++)
        {
            feature[i] = reader.ReadInt16();
            if (feature[i] < 0)
            {
                value[i] = reader.ReadSingle();
                left[i] = -1;
                right[i] = -1;
            }
            else
            {
                threshold[i] = reader.ReadSingle();
                left[i] = i + 1;
                right[i] = reader.ReadInt32();
                if (right[i] <= i + 1 || right[i] >= count)
                {
                    throw new InvalidDataException("The essay scorer's artefact holds a malformed tree.");
                }
            }
        }

        return new BoostedTrees(bias, feature, threshold, left, right, value, roots);
    }
}

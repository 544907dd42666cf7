namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Gradient-boosted regression trees (squared loss). Each tree is stored flat: per node the feature index (−1 for a
/// leaf), the threshold (go left when x ≤ threshold) and the child indices, or the leaf value.
/// </summary>
public sealed record TreeEnsemble(double Base, double LearningRate, IReadOnlyList<Tree> Trees)
{
    public double Predict(IReadOnlyList<double> x)
    {
        var y = Base;
        foreach (var tree in Trees)
        {
            y += LearningRate * tree.Predict(x);
        }

        return y;
    }
}

/// <summary>One regression tree: parallel arrays indexed by node, root at 0.</summary>
public sealed record Tree(int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Value)
{
    public double Predict(IReadOnlyList<double> x)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = LinearModel.Clean(x[Feature[node]]) <= Threshold[node] ? Left[node] : Right[node];
        }

        return Value[node];
    }
}

/// <summary>Settings of <see cref="BoostedTrees.Fit"/>.</summary>
public sealed record BoostingSettings(int Trees = 200, int Depth = 3, double LearningRate = 0.05, int MinLeaf = 20, double Subsample = 0.8, int Seed = 762);

public static class BoostedTrees
{
    public static TreeEnsemble Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, BoostingSettings settings)
    {
        var n = x.Count;
        var d = x[0].Length;
        var columns = new double[d][];
        var order = new int[d][];
        for (var j = 0; j < d; j++)
        {
            var column = new double[n];
            for (var i = 0; i < n; i++)
            {
                column[i] = LinearModel.Clean(x[i][j]);
            }

            columns[j] = column;
            order[j] = Enumerable.Range(0, n).OrderBy(i => column[i]).ToArray();
        }

        var baseValue = y.Average();
        var prediction = Enumerable.Repeat(baseValue, n).ToArray();
        var residual = new double[n];
        var random = new Random(settings.Seed);
        var trees = new List<Tree>(settings.Trees);
        var inSample = new bool[n];
        for (var t = 0; t < settings.Trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                residual[i] = y[i] - prediction[i];
                inSample[i] = random.NextDouble() < settings.Subsample;
            }

            var tree = Grow(columns, order, residual, inSample, settings);
            trees.Add(tree);
            for (var i = 0; i < n; i++)
            {
                prediction[i] += settings.LearningRate * tree.Predict(x[i]);
            }
        }

        return new TreeEnsemble(baseValue, settings.LearningRate, trees);
    }

    private static Tree Grow(double[][] columns, int[][] order, double[] residual, bool[] inSample, BoostingSettings settings)
    {
        var n = residual.Length;
        var feature = new List<int>();
        var threshold = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();
        var nodeOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            nodeOf[i] = inSample[i] ? 0 : -1;
        }

        AddLeaf();
        var frontier = new List<int> { 0 };
        var maxNodes = (2 << settings.Depth) + 1;
        var inFrontier = new bool[maxNodes];
        var sum = new double[maxNodes];
        var count = new int[maxNodes];
        var leftSum = new double[maxNodes];
        var leftCount = new int[maxNodes];
        var last = new double[maxNodes];
        var bestGain = new double[maxNodes];
        var bestFeature = new int[maxNodes];
        var bestThreshold = new double[maxNodes];
        for (var depth = 0; depth < settings.Depth && frontier.Count > 0; depth++)
        {
            // Per frontier node: sum and count of its samples.
            Array.Clear(inFrontier);
            foreach (var node in frontier)
            {
                inFrontier[node] = true;
                sum[node] = 0;
                count[node] = 0;
                bestGain[node] = 1e-9;
                bestFeature[node] = -1;
                bestThreshold[node] = 0;
            }

            for (var i = 0; i < n; i++)
            {
                if (nodeOf[i] >= 0 && inFrontier[nodeOf[i]])
                {
                    sum[nodeOf[i]] += residual[i];
                    count[nodeOf[i]]++;
                }
            }

            for (var j = 0; j < columns.Length; j++)
            {
                foreach (var node in frontier)
                {
                    leftSum[node] = 0;
                    leftCount[node] = 0;
                    last[node] = double.NaN;
                }

                var column = columns[j];
                foreach (var i in order[j])
                {
                    var node = nodeOf[i];
                    if (node < 0 || !inFrontier[node])
                    {
                        continue;
                    }

                    var v = column[i];
                    // A split between the previous sample of this node and this one, where the value changes.
                    var lc = leftCount[node];
                    if (lc >= settings.MinLeaf && count[node] - lc >= settings.MinLeaf && v > last[node])
                    {
                        var ls = leftSum[node];
                        var rs = sum[node] - ls;
                        var rc = count[node] - lc;
                        var gain = ls * ls / lc + rs * rs / rc - sum[node] * sum[node] / count[node];
                        if (gain > bestGain[node])
                        {
                            bestGain[node] = gain;
                            bestFeature[node] = j;
                            bestThreshold[node] = (last[node] + v) / 2;
                        }
                    }

                    leftSum[node] += residual[i];
                    leftCount[node] = lc + 1;
                    last[node] = v;
                }
            }

            var next = new List<int>();
            foreach (var node in frontier)
            {
                var j = bestFeature[node];
                if (j < 0)
                {
                    value[node] = count[node] > 0 ? sum[node] / count[node] : 0;
                    continue;
                }

                feature[node] = j;
                threshold[node] = bestThreshold[node];
                left[node] = AddLeaf();
                right[node] = AddLeaf();
                next.Add(left[node]);
                next.Add(right[node]);
            }

            for (var i = 0; i < n; i++)
            {
                var node = nodeOf[i];
                if (node >= 0 && inFrontier[node] && feature[node] >= 0)
                {
                    nodeOf[i] = columns[feature[node]][i] <= threshold[node] ? left[node] : right[node];
                }
            }

            frontier = next;
        }

        // Leaf values: the mean residual of the samples that reached them.
        var leafSum = new double[value.Count];
        var leafCount = new int[value.Count];
        for (var i = 0; i < n; i++)
        {
            if (nodeOf[i] >= 0)
            {
                leafSum[nodeOf[i]] += residual[i];
                leafCount[nodeOf[i]]++;
            }
        }

        for (var node = 0; node < value.Count; node++)
        {
            if (feature[node] < 0)
            {
                value[node] = leafCount[node] > 0 ? leafSum[node] / leafCount[node] : 0;
            }
        }

        return new Tree([.. feature], [.. threshold], [.. left], [.. right], [.. value]);

        int AddLeaf()
        {
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            value.Add(0);
            return feature.Count - 1;
        }
    }
}

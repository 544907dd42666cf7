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
    private readonly Node[] _nodes;
    private readonly int[] _roots;

    private BoostedTrees(double bias, Node[] nodes, int[] roots)
    {
        Bias = bias;
        _nodes = nodes;
        _roots = roots;
    }

    public double Bias { get; }

    public double Predict(ReadOnlySpan<double> x)
    {
        var sum = Bias;
        foreach (var root in _roots)
        {
            var node = root;
            while (_nodes[node].Feature >= 0)
            {
                ref readonly var split = ref _nodes[node];
                node = x[split.Feature] <= split.Threshold ? split.Left : split.Right;
            }

            sum += _nodes[node].Value;
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
        var nodes = new List<Node>();
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

                var node = nodes.Count;
                nodes.Add(Node.Leaf((float)(options.LearningRate * sum / (rows.Count + options.L2))));
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

                var l = Grow(leftRows, depth + 1);
                var r = Grow(rightRows, depth + 1);
                nodes[node] = nodes[node] with { Feature = bestFeature, Threshold = edges[bestFeature][bestBin], Left = l, Right = r };
                return node;
            }

            double Leaf(int node, int i)
            {
                while (nodes[node].Feature >= 0)
                {
                    var split = nodes[node];
                    node = bins[split.Feature][i] <= BinOf(split.Feature, split.Threshold) ? split.Left : split.Right;
                }

                return nodes[node].Value;
            }

            int BinOf(int j, float t) => Array.BinarySearch(edges[j], t) is var index && index >= 0 ? index : ~index;
        }

        return new BoostedTrees(bias, [.. nodes], [.. roots]);
    }

    /// <summary>One model that predicts the mean of <paramref name="models"/> (bagging over seeds): their trees side by side, leaves scaled.</summary>
    public static BoostedTrees Average(IReadOnlyList<BoostedTrees> models)
    {
        if (models.Count == 1)
        {
            return models[0];
        }

        var scale = 1f / models.Count;
        var nodes = new List<Node>();
        var roots = new List<int>();
        foreach (var model in models)
        {
            var offset = nodes.Count;
            nodes.AddRange(model._nodes.Select(node => node.Moved(offset, scale)));
            roots.AddRange(model._roots.Select(r => r + offset));
        }

        return new BoostedTrees(models.Average(m => m.Bias), [.. nodes], [.. roots]);
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
        writer.Write(_nodes.Length);
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            writer.Write((short)node.Feature);
            if (node.Feature < 0)
            {
                writer.Write(node.Value);
            }
            else
            {
                if (node.Left != i + 1)
                {
                    throw new InvalidOperationException("Tree nodes are not in depth-first order.");
                }

                writer.Write(node.Threshold);
                writer.Write(node.Right);
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

        var nodes = new Node[reader.ReadInt32()];
        for (var i = 0; i < nodes.Length; i++)
        {
            int feature = reader.ReadInt16();
            if (feature < 0)
            {
                nodes[i] = Node.Leaf(reader.ReadSingle());
                continue;
            }

            var threshold = reader.ReadSingle();
            var right = reader.ReadInt32();
            if (right <= i + 1 || right >= nodes.Length)
            {
                throw new InvalidDataException("The essay scorer's artefact holds a malformed tree.");
            }

            nodes[i] = new Node(feature, threshold, i + 1, right, 0);
        }

        return new BoostedTrees(bias, nodes, roots);
    }

    /// <summary>A tree node: a split (feature, threshold, children) or a leaf (<see cref="Feature"/> -1, its value).</summary>
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right, float Value)
    {
        public static Node Leaf(float value) => new(-1, 0, -1, -1, value);

        /// <summary>This node in a list <paramref name="offset"/> nodes further on, its leaf value scaled.</summary>
        public Node Moved(int offset, float scale) => this with
        {
            Left = Left < 0 ? -1 : Left + offset,
            Right = Right < 0 ? -1 : Right + offset,
            Value = Value * scale,
        };
    }
}

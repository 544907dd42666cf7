using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace TutorPlatform.Speech.Assessment;

/// <summary>Settings of <see cref="PhoneClassifier.Train"/>.</summary>
/// <param name="Context">Frames on each side of the frame classified (its input is 2 × Context + 1 frames of log mel energies).</param>
/// <param name="Hidden">Units in each of the two hidden layers.</param>
/// <param name="Epochs">Passes over the training frames.</param>
/// <param name="FrameStep">Every how many frames one is trained on (neighbouring frames are nearly alike).</param>
/// <param name="Dropout">Share of hidden units left out of each training frame (0: none).</param>
public sealed record PhoneClassifierSettings(int Context = 5, int Hidden = 256, int Epochs = 8, int FrameStep = 2, double LearningRate = 1e-3, int BatchSize = 128, int Seed = 762, double Dropout = 0.2);

/// <summary>
/// A small frame classifier of phones (two hidden layers over 11 frames of log mel energies; 39 CMU phones and
/// silence), trained by the project's own code on the frames the forced alignment gives each phone of
/// speechocean762's readings. It gives a second, independent view of how well each phone was said: the posterior
/// of the expected phone over its aligned frames (see ADR 0005). Immutable once trained; thread-safe.
/// </summary>
public sealed class PhoneClassifier
{
    /// <summary>The classes: <see cref="AssessmentFeatures"/>' phone list, silence first.</summary>
    public IReadOnlyList<string> Phones { get; }

    public int Context { get; }

    public int Hidden { get; }

    /// <summary>Per mel band, the training frames' mean and 1 / standard deviation.</summary>
    public float[] Mean { get; }

    public float[] Scale { get; }

    /// <summary>All weights and biases (layer 1, 2, 3; weights row-major, then biases) as little-endian float32, base64.</summary>
    public string Parameters => Convert.ToBase64String(MemoryMarshal.AsBytes(_parameters.AsSpan()));

    private readonly float[] _parameters;
    private readonly Dictionary<string, int> _index;

    [JsonConstructor]
    public PhoneClassifier(IReadOnlyList<string> phones, int context, int hidden, float[] mean, float[] scale, string parameters)
        : this(phones, context, hidden, mean, scale, MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(parameters)).ToArray())
    {
    }

    private PhoneClassifier(IReadOnlyList<string> phones, int context, int hidden, float[] mean, float[] scale, float[] parameters)
    {
        Phones = phones;
        Context = context;
        Hidden = hidden;
        Mean = mean;
        Scale = scale;
        _parameters = parameters;
        _index = phones.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        if (parameters.Length != Layout(Input, hidden, phones.Count).Total)
        {
            throw new InvalidDataException($"The phone classifier has {parameters.Length} parameters; its shape needs {Layout(Input, hidden, phones.Count).Total}.");
        }
    }

    private int Input => (2 * Context + 1) * LogMelSpectrum.Bands;

    /// <summary>The class index of a phone (−1: not a class).</summary>
    public int IndexOf(string phone) => _index.GetValueOrDefault(phone, -1);

    // Where each layer's weights and biases lie in the flat parameter array.
    private readonly record struct Shape(int W1, int B1, int W2, int B2, int W3, int B3, int Total);

    private static Shape Layout(int input, int hidden, int classes)
    {
        var w1 = 0;
        var b1 = w1 + hidden * input;
        var w2 = b1 + hidden;
        var b2 = w2 + hidden * hidden;
        var w3 = b2 + hidden;
        var b3 = w3 + classes * hidden;
        return new Shape(w1, b1, w2, b2, w3, b3, b3 + classes);
    }

    /// <summary>Log posteriors of every class for frames <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="mel"/>.</summary>
    public float[][] LogPosteriors(float[][] mel, int from, int to)
    {
        var shape = Layout(Input, Hidden, Phones.Count);
        var x = new float[Input];
        var h1 = new float[Hidden];
        var h2 = new float[Hidden];
        var result = new float[Math.Max(0, to - from)][];
        for (var t = from; t < to; t++)
        {
            Frame(mel, t, x);
            var z = new float[Phones.Count];
            Forward(_parameters, shape, x, h1, h2, z);
            LogSoftmax(z);
            result[t - from] = z;
        }

        return result;
    }

    // The normalised input of frame t: its neighbours' mel rows side by side (clamped at the edges).
    private void Frame(float[][] mel, int t, float[] x)
    {
        for (var c = -Context; c <= Context; c++)
        {
            var row = mel[Math.Clamp(t + c, 0, mel.Length - 1)];
            var offset = (c + Context) * LogMelSpectrum.Bands;
            for (var b = 0; b < LogMelSpectrum.Bands; b++)
            {
                x[offset + b] = (row[b] - Mean[b]) * Scale[b];
            }
        }
    }

    // Without a random source, plain inference; with one, training's forward pass with dropout: each hidden unit is
    // left out with that chance and the rest are scaled up.
    private static void Forward(float[] p, Shape s, float[] x, float[] h1, float[] h2, float[] z, double dropout = 0, Random? random = null)
    {
        HiddenLayer(p, s.W1, s.B1, x, h1, dropout, random);
        HiddenLayer(p, s.W2, s.B2, h1, h2, dropout, random);
        var hidden = h2.Length;
        for (var k = 0; k < z.Length; k++)
        {
            z[k] = TensorPrimitives.Dot(p.AsSpan(s.W3 + k * hidden, hidden), h2) + p[s.B3 + k];
        }
    }

    private static void HiddenLayer(float[] p, int weights, int biases, float[] input, float[] output, double dropout, Random? random)
    {
        var width = input.Length;
        var scale = (float)(1 / (1 - dropout));
        for (var j = 0; j < output.Length; j++)
        {
            output[j] = random is not null && random.NextDouble() < dropout ? 0 : scale * Math.Max(0, TensorPrimitives.Dot(p.AsSpan(weights + j * width, width), input) + p[biases + j]);
        }
    }

    // A hidden layer's backward step: each unit that fired (output > 0; a unit left out is 0) takes its error, scaled as
    // its output was, into the layer's weight and bias gradients and, where given, passes it to the layer below.
    private static void Backward(float[] p, float[] gradient, int weights, int biases, float[] output, float[] delta, float[] input, float[]? below, float scale)
    {
        var width = input.Length;
        for (var j = 0; j < output.Length; j++)
        {
            if (output[j] <= 0)
            {
                continue;
            }

            delta[j] *= scale;
            TensorPrimitives.MultiplyAdd(input, delta[j], gradient.AsSpan(weights + j * width, width), gradient.AsSpan(weights + j * width, width));
            gradient[biases + j] += delta[j];
            if (below is not null)
            {
                TensorPrimitives.MultiplyAdd(p.AsSpan(weights + j * width, width), delta[j], below, below);
            }
        }
    }

    private static void LogSoftmax(float[] z)
    {
        var max = TensorPrimitives.Max(z);
        var sum = 0.0;
        foreach (var v in z)
        {
            sum += Math.Exp(v - max);
        }

        var log = max + (float)Math.Log(sum);
        for (var k = 0; k < z.Length; k++)
        {
            z[k] -= log;
        }
    }

    /// <summary>One utterance to train on: its log mel rows and a class per frame (−1: not trained on).</summary>
    public sealed record TrainingUtterance(float[][] Mel, int[] Labels);

    /// <summary>
    /// Trains a classifier with cross-entropy, Adam and minibatches; deterministic for given data and settings.
    /// </summary>
    public static PhoneClassifier Train(IReadOnlyList<string> phones, IReadOnlyList<TrainingUtterance> utterances, PhoneClassifierSettings settings, Action<string>? log = null)
    {
        var bands = LogMelSpectrum.Bands;
        var samples = new List<(int Utterance, int Frame)>();
        for (var u = 0; u < utterances.Count; u++)
        {
            for (var t = 0; t < utterances[u].Labels.Length; t += settings.FrameStep)
            {
                if (utterances[u].Labels[t] >= 0)
                {
                    samples.Add((u, t));
                }
            }
        }

        if (samples.Count < 1000)
        {
            throw new InvalidOperationException($"Only {samples.Count} labelled frames to train the phone classifier on.");
        }

        // Per band normalisation over the training frames.
        var mean = new float[bands];
        var scale = new float[bands];
        for (var b = 0; b < bands; b++)
        {
            var values = samples.Select(s => (double)utterances[s.Utterance].Mel[s.Frame][b]).ToList();
            mean[b] = (float)values.Average();
            scale[b] = (float)(1 / Math.Max(1e-3, Statistics.StandardDeviation(values)));
        }

        var input = (2 * settings.Context + 1) * bands;
        var hidden = settings.Hidden;
        var classes = phones.Count;
        var shape = Layout(input, hidden, classes);
        var p = new float[shape.Total];
        var random = new Random(settings.Seed);
        Initialise(p.AsSpan(shape.W1, hidden * input), input, random);
        Initialise(p.AsSpan(shape.W2, hidden * hidden), hidden, random);
        Initialise(p.AsSpan(shape.W3, classes * hidden), hidden, random);
        var classifier = new PhoneClassifier(phones, settings.Context, hidden, mean, scale, p);

        var gradient = new float[p.Length];
        var m1 = new float[p.Length];
        var m2 = new float[p.Length];
        var x = new float[input];
        var h1 = new float[hidden];
        var h2 = new float[hidden];
        var z = new float[classes];
        var d1 = new float[hidden];
        var d2 = new float[hidden];
        var order = samples.ToArray();
        var step = 0;
        var keepScale = (float)(1 / (1 - settings.Dropout));
        const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            // Halved for each of the last epochs, to settle.
            var rate = (float)(settings.LearningRate * Math.Pow(0.5, Math.Max(0, epoch - settings.Epochs / 2)));
            double loss = 0;
            var correct = 0;
            for (var start = 0; start < order.Length; start += settings.BatchSize)
            {
                Array.Clear(gradient);
                var end = Math.Min(order.Length, start + settings.BatchSize);
                for (var i = start; i < end; i++)
                {
                    var (u, t) = order[i];
                    var label = utterances[u].Labels[t];
                    classifier.Frame(utterances[u].Mel, t, x);
                    Forward(p, shape, x, h1, h2, z, settings.Dropout, settings.Dropout > 0 ? random : null);

                    LogSoftmax(z);
                    loss -= z[label];
                    if (TensorPrimitives.IndexOfMax(z) == label)
                    {
                        correct++;
                    }

                    // Output layer: the error is the posterior less the one-hot label.
                    for (var k = 0; k < classes; k++)
                    {
                        z[k] = MathF.Exp(z[k]) - (k == label ? 1 : 0);
                    }

                    Array.Clear(d2);
                    for (var k = 0; k < classes; k++)
                    {
                        TensorPrimitives.MultiplyAdd(h2, z[k], gradient.AsSpan(shape.W3 + k * hidden, hidden), gradient.AsSpan(shape.W3 + k * hidden, hidden));
                        gradient[shape.B3 + k] += z[k];
                        TensorPrimitives.MultiplyAdd(p.AsSpan(shape.W3 + k * hidden, hidden), z[k], d2, d2);
                    }

                    Array.Clear(d1);
                    Backward(p, gradient, shape.W2, shape.B2, h2, d2, h1, d1, keepScale);
                    Backward(p, gradient, shape.W1, shape.B1, h1, d1, x, null, keepScale);
                }

                // Adam on the batch's mean gradient.
                step++;
                var count = end - start;
                var correction1 = 1 - MathF.Pow(Beta1, step);
                var correction2 = 1 - MathF.Pow(Beta2, step);
                for (var k = 0; k < p.Length; k++)
                {
                    var g = gradient[k] / count;
                    m1[k] = Beta1 * m1[k] + (1 - Beta1) * g;
                    m2[k] = Beta2 * m2[k] + (1 - Beta2) * g * g;
                    p[k] -= rate * (m1[k] / correction1) / (MathF.Sqrt(m2[k] / correction2) + Epsilon);
                }
            }

            log?.Invoke($"phone classifier epoch {epoch + 1}/{settings.Epochs}: loss {loss / order.Length:0.000}, frame accuracy {correct / (double)order.Length:0.000} ({order.Length} frames)");
        }

        return classifier;
    }

    private static void Initialise(Span<float> weights, int fanIn, Random random)
    {
        var sd = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < weights.Length; i++)
        {
            // Box–Muller.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            weights[i] = (float)(normal * sd);
        }
    }
}

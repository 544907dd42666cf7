using System.Globalization;
using System.Text;

namespace TutorPlatform.Speech.Text;

/// <summary>
/// Builds a small back-off n-gram model in ARPA format from sentences, with Witten-Bell discounting: enough for a
/// language model biased to an expected text, or a domain model to interpolate with the general one.
/// </summary>
internal static class ArpaLanguageModel
{
    public const string SentenceStart = "<s>";
    public const string SentenceEnd = "</s>";

    /// <summary>Writes the model of <paramref name="sentences"/> (each a list of words) up to <paramref name="order"/>.</summary>
    public static string Build(IEnumerable<IReadOnlyList<string>> sentences, int order = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        // counts[k] maps an n-gram of k+1 words (joined by spaces) to its count.
        var counts = Enumerable.Range(0, order).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var sentence in sentences)
        {
            if (sentence.Count == 0)
            {
                continue;
            }

            var tokens = new List<string>(sentence.Count + 2) { SentenceStart };
            tokens.AddRange(sentence);
            tokens.Add(SentenceEnd);
            for (var i = 0; i < tokens.Count; i++)
            {
                for (var k = 0; k < order && i + k < tokens.Count; k++)
                {
                    var gram = string.Join(' ', tokens.Skip(i).Take(k + 1));
                    counts[k][gram] = counts[k].GetValueOrDefault(gram) + 1;
                }
            }
        }

        if (counts[0].Count == 0)
        {
            throw new ArgumentException("No words to build a language model from.", nameof(sentences));
        }

        // Unigrams: maximum likelihood, <s> gets no probability of its own (only a back-off weight).
        var unigramTotal = counts[0].Where(kv => kv.Key != SentenceStart).Sum(kv => kv.Value);
        var probabilities = new Dictionary<string, double>[order];
        var backoff = new Backoff(probabilities);
        probabilities[0] = counts[0].ToDictionary(kv => kv.Key, kv => kv.Key == SentenceStart ? 0.0 : kv.Value / (double)unigramTotal, StringComparer.Ordinal);

        for (var k = 1; k < order; k++)
        {
            probabilities[k] = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var group in counts[k].GroupBy(kv => History(kv.Key)))
            {
                var total = group.Sum(kv => kv.Value);
                var types = group.Count();
                foreach (var (gram, count) in group)
                {
                    // Witten-Bell: seen words share c(h)/(c(h)+T(h)), interpolated with the lower order.
                    var lambda = total / (double)(total + types);
                    probabilities[k][gram] = lambda * count / total + (1 - lambda) * backoff.Lower(gram, k);
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine().AppendLine("\\data\\");
        for (var k = 0; k < order; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"ngram {k + 1}={counts[k].Count}").AppendLine();
        }

        for (var k = 0; k < order; k++)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"\\{k + 1}-grams:").AppendLine();
            foreach (var gram in counts[k].Keys.Order(StringComparer.Ordinal))
            {
                var p = probabilities[k][gram];
                var logP = p > 0 ? Math.Log10(p) : -99;
                text.Append(CultureInfo.InvariantCulture, $"{logP:0.######}\t{gram}");
                if (k < order - 1)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\t{Math.Log10(backoff.Weight(gram, k)):0.######}");
                }

                text.AppendLine();
            }
        }

        text.AppendLine().AppendLine("\\end\\");
        return text.ToString();
    }

    private static string History(string gram) => gram[..gram.LastIndexOf(' ')];

    private static string Suffix(string gram) => gram[(gram.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    /// <summary>Back-off arithmetic over the estimated probabilities, with the per-history sums computed once per order.</summary>
    private sealed class Backoff(Dictionary<string, double>[] probabilities)
    {
        private readonly Dictionary<string, (double Seen, double SeenLower)>?[] _sums = new Dictionary<string, (double, double)>?[probabilities.Length];

        // P(w | shorter history), itself backed off where that n-gram was never seen.
        public double Lower(string gram, int k)
        {
            var lower = Suffix(gram);
            if (probabilities[k - 1].TryGetValue(lower, out var p))
            {
                return p;
            }

            return k - 1 == 0 ? 0 : Weight(History(lower), k - 2) * Lower(lower, k - 1);
        }

        // The weight that makes P(. | history) sum to one when it backs off to the shorter history.
        public double Weight(string history, int k)
        {
            if (k + 1 >= probabilities.Length)
            {
                return 1;
            }

            var sums = _sums[k + 1] ??= SumByHistory(k + 1);
            if (!sums.TryGetValue(history, out var sum) || sum.Seen == 0)
            {
                return 1;
            }

            return Math.Max((1 - sum.Seen) / Math.Max(1e-9, 1 - sum.SeenLower), 1e-9);
        }

        private Dictionary<string, (double Seen, double SeenLower)> SumByHistory(int order)
        {
            var sums = new Dictionary<string, (double Seen, double SeenLower)>(StringComparer.Ordinal);
            foreach (var (gram, p) in probabilities[order])
            {
                var (seen, seenLower) = sums.GetValueOrDefault(History(gram));
                sums[History(gram)] = (seen + p, seenLower + Lower(gram, order));
            }

            return sums;
        }
    }
}

namespace TutorPlatform.Essays.Scoring;

/// <summary>
/// Word and n-gram counts learned from a reference corpus of essays (the training fold only, during cross-validation):
/// word-frequency bands, and how common, and how strongly associated, an essay's word pairs and triples are
/// (phraseology). N-grams are counted in hashed buckets; the artefact keeps counts capped at 255.
/// </summary>
internal sealed class CorpusStatistics
{
    public const int BigramBits = 20;
    public const int TrigramBits = 20;
    public const int Cap = 255;
    private const int MinWordCount = 2;

    private readonly Dictionary<string, int> _words;
    private readonly int[] _bigrams;
    private readonly int[] _trigrams;

    private CorpusStatistics(Dictionary<string, int> words, int[] bigrams, int[] trigrams, long totalWords)
    {
        _words = words;
        _bigrams = bigrams;
        _trigrams = trigrams;
        TotalWords = totalWords;
    }

    public long TotalWords { get; }

    public static CorpusStatistics Build(IEnumerable<IReadOnlyList<string>> documents)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigrams = new int[1 << BigramBits];
        var trigrams = new int[1 << TrigramBits];
        long total = 0;
        foreach (var doc in documents)
        {
            total += doc.Count;
            for (var i = 0; i < doc.Count; i++)
            {
                words[doc[i]] = words.GetValueOrDefault(doc[i]) + 1;
                if (i > 0)
                {
                    bigrams[BigramBucket(doc[i - 1], doc[i])]++;
                }

                if (i > 1)
                {
                    trigrams[TrigramBucket(doc[i - 2], doc[i - 1], doc[i])]++;
                }
            }
        }

        return new CorpusStatistics(words, bigrams, trigrams, total);
    }

    public static int BigramBucket(string a, string b) => (int)(StableHash.Of(a, b) >> (64 - BigramBits));

    public static int TrigramBucket(string a, string b, string c) => (int)(StableHash.Of(a, b, c) >> (64 - TrigramBits));

    /// <summary>How often a word occurs in the corpus, less <paramref name="own"/> (the essay's own occurrences when it is part of the corpus).</summary>
    public int WordCount(string word, int own = 0) => Math.Max(0, _words.GetValueOrDefault(word) - own);

    /// <summary>A bucket's count (less the essay's own), as the artefact keeps it: exact below 64, then log-quantised to about 4 %.</summary>
    public double BigramCount(int bucket, int own = 0) => Dequantise(Quantise(_bigrams[bucket] - own));

    public double TrigramCount(int bucket, int own = 0) => Dequantise(Quantise(_trigrams[bucket] - own));

    public static byte Quantise(int count) => count <= 0 ? (byte)0 : count < 64 ? (byte)count : (byte)Math.Min(Cap, 64 + (int)Math.Round(24 * Math.Log(count / 64.0)));

    public static double Dequantise(int q) => q < 64 ? q : 64 * Math.Exp((q - 64) / 24.0);

    public void Write(BinaryWriter writer)
    {
        writer.Write(TotalWords);
        var kept = _words.Where(w => w.Value >= MinWordCount).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        writer.Write(kept.Count);
        foreach (var (word, count) in kept)
        {
            writer.Write(word);
            writer.Write(count);
        }

        WriteCounts(writer, _bigrams);
        WriteCounts(writer, _trigrams);
    }

    public static CorpusStatistics Read(BinaryReader reader)
    {
        var total = reader.ReadInt64();
        var count = reader.ReadInt32();
        var words = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var word = reader.ReadString();
            words[word] = reader.ReadInt32();
        }

        return new CorpusStatistics(words, ReadCounts(reader, 1 << BigramBits), ReadCounts(reader, 1 << TrigramBits), total);
    }

    /// <summary>The counts as the artefact keeps them: words seen fewer than twice dropped, n-gram counts capped.</summary>
    public CorpusStatistics AsStored()
    {
        var words = _words.Where(w => w.Value >= MinWordCount).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        return new CorpusStatistics(words, _bigrams.Select(c => (int)Math.Round(Dequantise(Quantise(c)))).ToArray(), _trigrams.Select(c => (int)Math.Round(Dequantise(Quantise(c)))).ToArray(), TotalWords);
    }

    private static void WriteCounts(BinaryWriter writer, int[] counts)
    {
        foreach (var c in counts)
        {
            writer.Write(Quantise(c));
        }
    }

    private static int[] ReadCounts(BinaryReader reader, int length)
    {
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length)
        {
            throw new InvalidDataException("The essay scorer's artefact is truncated.");
        }

        var counts = new int[length];
        for (var i = 0; i < length; i++)
        {
            counts[i] = (int)Math.Round(Dequantise(bytes[i]));
        }

        return counts;
    }
}

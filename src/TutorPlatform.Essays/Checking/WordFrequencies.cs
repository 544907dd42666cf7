using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// How often correctly spelt words occur in student essays: the prior that ranks hunspell's suggestions
/// ("wich" → "which", not "wite"). Built by <c>tutor essays train-word-frequencies</c> from the ASAP and ELLIPSE
/// essays (words hunspell accepts, seen at least twice) and embedded as <c>Checking/word-frequencies.tsv.gz</c>.
/// </summary>
public sealed class WordFrequencies
{
    public const string ResourceName = "TutorPlatform.Essays.Checking.word-frequencies.tsv.gz";
    private readonly FrozenDictionary<string, int> _counts;

    private WordFrequencies(FrozenDictionary<string, int> counts) => _counts = counts;

    public static WordFrequencies Empty { get; } = new(FrozenDictionary<string, int>.Empty);

    public int Count(string lowerWord) => _counts.GetValueOrDefault(lowerWord);

    public int Size => _counts.Count;

    /// <summary>Every word of the table.</summary>
    public IEnumerable<string> Words => _counts.Keys;

    /// <summary>The embedded table (empty when the assembly was built without it).</summary>
    public static WordFrequencies LoadEmbedded()
    {
        using var stream = typeof(WordFrequencies).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? Empty : Read(stream);
    }

    public static WordFrequencies Read(Stream gzip)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab > 0 && int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                counts[line[..tab]] = count;
            }
        }

        return new WordFrequencies(counts.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Counts the correctly spelt words of <paramref name="texts"/> and writes those seen at least <paramref name="minCount"/> times.</summary>
    public static int Build(IEnumerable<string> texts, Hunspell hunspell, Stream gzipOutput, int minCount = 2)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(hunspell);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var token in Tokens.Tokenize(text))
            {
                var word = token.Text;
                if (Tokens.IsAlphabetic(word) && !word.Contains('\'') && !word.Contains('’'))
                {
                    var lower = word.ToLowerInvariant();
                    counts[lower] = counts.GetValueOrDefault(lower) + 1;
                }
            }
        }

        var kept = counts.Where(kv => kv.Value >= minCount && (hunspell.Spell(kv.Key) || hunspell.Spell(Casing.Capitalise(kv.Key))))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        using var writer = new StreamWriter(new GZipStream(gzipOutput, CompressionLevel.SmallestSize, leaveOpen: true), new UTF8Encoding(false));
        foreach (var (word, count) in kept)
        {
            writer.Write(word);
            writer.Write('\t');
            writer.Write(count.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }

        return kept.Count;
    }
}

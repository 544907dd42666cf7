using System.Text;

namespace TutorPlatform.Essays.Language;

/// <summary>
/// The MyThes thesaurus from Debian's <c>mythes-en-us</c> (<c>/usr/share/mythes/th_en_US_v2.idx/.dat</c>, built from
/// WordNet). The index is read once; entries are read from the data file on demand and cached. Thread-safe.
/// </summary>
public sealed class Thesaurus
{
    /// <summary>Where Debian installs the thesaurus.</summary>
    public const string DefaultPath = "/usr/share/mythes/th_en_US_v2";

    private readonly string _dataPath;
    private readonly Dictionary<string, long> _offsets;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ThesaurusSense>> _cache = new(StringComparer.Ordinal);

    private Thesaurus(string dataPath, Dictionary<string, long> offsets)
    {
        _dataPath = dataPath;
        _offsets = offsets;
    }

    /// <summary>Loads the index of <c>PATH.idx</c>/<c>PATH.dat</c>.</summary>
    /// <exception cref="HunspellUnavailableException">The thesaurus is not installed.</exception>
    public static Thesaurus Open(string path = DefaultPath)
    {
        var idx = path + ".idx";
        var dat = path + ".dat";
        if (!File.Exists(idx) || !File.Exists(dat))
        {
            throw new HunspellUnavailableException(
                $"The thesaurus {path}.idx/.dat does not exist. Install Debian's mythes-en-us (scripts/deps/language.sh).");
        }

        var offsets = new Dictionary<string, long>(150_000, StringComparer.Ordinal);
        foreach (var line in File.ReadLines(idx, Encoding.UTF8).Skip(2))
        {
            var bar = line.LastIndexOf('|');
            if (bar > 0 && long.TryParse(line.AsSpan(bar + 1), out var offset))
            {
                offsets[line[..bar]] = offset;
            }
        }

        return new Thesaurus(dat, offsets);
    }

    /// <summary>Whether the thesaurus has an entry for the lower-case word.</summary>
    public bool Contains(string word) => _offsets.ContainsKey(word);

    /// <summary>The senses of a lower-case word: each a part of speech and its synonyms (plain terms first).</summary>
    public IReadOnlyList<ThesaurusSense> Lookup(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        if (!_offsets.TryGetValue(word, out var offset))
        {
            return [];
        }

        var senses = new List<ThesaurusSense>();
        using (var stream = new FileStream(_dataPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
        {
            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var header = reader.ReadLine();
            var bar = header?.LastIndexOf('|') ?? -1;
            if (bar > 0 && int.TryParse(header.AsSpan(bar + 1), out var count))
            {
                for (var i = 0; i < count && reader.ReadLine() is { } line; i++)
                {
                    var parts = line.Split('|');
                    var pos = parts[0].Trim('(', ')');
                    var synonyms = new List<string>();
                    var related = new List<string>();
                    foreach (var term in parts.Skip(1))
                    {
                        var paren = term.IndexOf(" (", StringComparison.Ordinal);
                        if (paren < 0)
                        {
                            synonyms.Add(term);
                        }
                        else if (term.EndsWith("(similar term)", StringComparison.Ordinal))
                        {
                            related.Add(term[..paren]);
                        }
                    }

                    senses.Add(new ThesaurusSense(pos, synonyms, related));
                }
            }
        }

        _cache[word] = senses;
        return senses;
    }
}

/// <summary>One sense of a thesaurus entry.</summary>
/// <param name="PartOfSpeech">"noun", "verb", "adj" or "adv".</param>
/// <param name="Synonyms">Terms of the same synset.</param>
/// <param name="SimilarTerms">Terms MyThes marks "similar term".</param>
public sealed record ThesaurusSense(string PartOfSpeech, IReadOnlyList<string> Synonyms, IReadOnlyList<string> SimilarTerms);

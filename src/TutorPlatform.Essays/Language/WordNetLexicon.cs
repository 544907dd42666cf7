using System.Collections.Frozen;

namespace TutorPlatform.Essays.Language;

/// <summary>
/// Parts of speech and inflections from Debian's WordNet 3.0 database (<c>wordnet-base</c>, <c>/usr/share/wordnet</c>):
/// which single words can be nouns, verbs, adjectives or adverbs (<c>index.*</c>), and the irregular forms
/// (<c>verb.exc</c>, <c>noun.exc</c>). Immutable after loading, so thread-safe.
/// </summary>
public sealed class WordNetLexicon
{
    /// <summary>Where Debian installs the WordNet database.</summary>
    public const string DefaultDirectory = "/usr/share/wordnet";

    private readonly FrozenSet<string> _nouns;
    private readonly FrozenSet<string> _verbs;
    private readonly FrozenSet<string> _adjectives;
    private readonly FrozenSet<string> _adverbs;
    private readonly FrozenDictionary<string, string> _verbExceptions;
    private readonly FrozenDictionary<string, string> _nounExceptions;

    private WordNetLexicon(string directory)
    {
        _nouns = ReadIndex(Path.Combine(directory, "index.noun"));
        _verbs = ReadIndex(Path.Combine(directory, "index.verb"));
        _adjectives = ReadIndex(Path.Combine(directory, "index.adj"));
        _adverbs = ReadIndex(Path.Combine(directory, "index.adv"));
        _verbExceptions = ReadExceptions(Path.Combine(directory, "verb.exc"));
        _nounExceptions = ReadExceptions(Path.Combine(directory, "noun.exc"));
        // verb.exc lists past tenses and participles alike; the past tense is the form without the participle's -n.
        _irregularPast = _verbExceptions
            .Where(kv => kv.Key != kv.Value && !kv.Key.EndsWith("ing", StringComparison.Ordinal) && !kv.Key.EndsWith('s'))
            .GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(kv => kv.Key).OrderBy(f => f.EndsWith('n') ? 1 : 0).ThenBy(f => f.Length).First(), StringComparer.Ordinal);
        _irregularVerbForms = Invert(_verbExceptions);
        _irregularPlurals = Invert(_nounExceptions);
    }

    private readonly FrozenDictionary<string, string> _irregularPast;
    private readonly FrozenDictionary<string, string[]> _irregularVerbForms;
    private readonly FrozenDictionary<string, string[]> _irregularPlurals;

    /// <summary>Loads the database.</summary>
    /// <exception cref="HunspellUnavailableException">WordNet is not installed.</exception>
    public static WordNetLexicon Open(string directory = DefaultDirectory)
    {
        foreach (var file in new[] { "index.noun", "index.verb", "index.adj", "index.adv", "verb.exc", "noun.exc" })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new HunspellUnavailableException(
                    $"WordNet's {file} is missing from {directory}. Install Debian's wordnet-base (scripts/deps/language.sh).");
            }
        }

        return new WordNetLexicon(directory);
    }

    /// <summary>Whether the lower-case word is a noun lemma.</summary>
    public bool IsNoun(string word) => _nouns.Contains(word);

    /// <summary>Whether the lower-case word is a verb lemma (a base form).</summary>
    public bool IsVerb(string word) => _verbs.Contains(word);

    /// <summary>Whether the lower-case word is an adjective lemma.</summary>
    public bool IsAdjective(string word) => _adjectives.Contains(word);

    /// <summary>Whether the lower-case word is an adverb lemma.</summary>
    public bool IsAdverb(string word) => _adverbs.Contains(word);

    /// <summary>Whether the lower-case word is in any of WordNet's four indexes.</summary>
    public bool IsKnown(string word) => IsNoun(word) || IsVerb(word) || IsAdjective(word) || IsAdverb(word);

    /// <summary>The base form of an inflected verb ("went" → "go", "studies" → "study"), or null.</summary>
    public string? VerbBase(string word)
    {
        if (_verbExceptions.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        foreach (var (suffix, ending) in VerbSuffixes)
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length] + ending;
                if (_verbs.Contains(stem))
                {
                    return stem;
                }

                // stopped → stop, planning → plan
                if (ending.Length == 0 && stem.Length > 2 && stem[^1] == stem[^2] && _verbs.Contains(stem[..^1]))
                {
                    return stem[..^1];
                }
            }
        }

        return null;
    }

    /// <summary>The irregular past tense of a base verb ("teach" → "taught", "choose" → "chose"), or null.</summary>
    public string? IrregularPast(string verb) => _irregularPast.GetValueOrDefault(verb);

    /// <summary>The irregular inflections of a base verb from <c>verb.exc</c> ("go" → "went", "gone"); empty if none.</summary>
    public IReadOnlyList<string> IrregularVerbForms(string verb)
    {
        return _irregularVerbForms.GetValueOrDefault(verb) ?? [];
    }

    /// <summary>The irregular plurals of a singular noun from <c>noun.exc</c> ("child" → "children"); empty if none.</summary>
    public IReadOnlyList<string> IrregularPlurals(string noun)
    {
        return _irregularPlurals.GetValueOrDefault(noun) ?? [];
    }

    private static FrozenDictionary<string, string[]> Invert(FrozenDictionary<string, string> exceptions) =>
        exceptions.Where(kv => kv.Key != kv.Value)
            .GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>Whether the word is an irregular past form (in <c>verb.exc</c>).</summary>
    public bool IsIrregularVerbForm(string word) => _verbExceptions.ContainsKey(word);

    /// <summary>The singular of a plural noun ("children" → "child", "cities" → "city"), or null.</summary>
    public string? NounSingular(string word)
    {
        if (_nounExceptions.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        foreach (var (suffix, ending) in NounSuffixes)
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length] + ending;
                if (_nouns.Contains(stem))
                {
                    return stem;
                }
            }
        }

        return null;
    }

    /// <summary>The third-person singular present of a base verb ("go" → "goes", "study" → "studies").</summary>
    public static string ThirdPersonSingular(string verb) => verb switch
    {
        "be" => "is",
        "have" => "has",
        "do" => "does",
        "go" => "goes",
        _ => SibilantOrY(verb),
    };

    /// <summary>The regular plural of a noun ("box" → "boxes", "city" → "cities").</summary>
    public static string RegularPlural(string noun) => SibilantOrY(noun);

    private static string SibilantOrY(string word)
    {
        if (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch", StringComparison.Ordinal) ||
            word.EndsWith("sh", StringComparison.Ordinal))
        {
            return word + "es";
        }

        if (word.Length > 1 && word[^1] == 'y' && !"aeiou".Contains(word[^2], StringComparison.Ordinal))
        {
            return word[..^1] + "ies";
        }

        return word + "s";
    }

    private static readonly (string Suffix, string Ending)[] VerbSuffixes =
        [("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")];

    private static readonly (string Suffix, string Ending)[] NounSuffixes =
        [("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("s", "")];

    private static FrozenSet<string> ReadIndex(string path)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == ' ')
            {
                continue;
            }

            var space = line.IndexOf(' ');
            var lemma = space < 0 ? line : line[..space];
            if (!lemma.Contains('_'))
            {
                words.Add(lemma);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> ReadExceptions(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && !parts[0].Contains('_'))
            {
                map.TryAdd(parts[0], parts[1]);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

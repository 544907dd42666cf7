using System.Collections.Concurrent;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Text;

/// <summary>
/// A CMU-style pronunciation dictionary (<c>word PH1 PH2 ...</c>, alternates as <c>word(2)</c>), read once per file
/// and shared; lookups are thread-safe.
/// </summary>
internal sealed class PronunciationDictionary
{
    /// <summary>The 39 phones of the CMU set, without stress marks, as the en-us acoustic model names them.</summary>
    public static readonly IReadOnlyList<string> CmuPhones =
    [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
        "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ];

    private static readonly ConcurrentDictionary<string, Lazy<PronunciationDictionary>> Cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string[]>> _entries;

    private PronunciationDictionary(Dictionary<string, List<string[]>> entries) => _entries = entries;

    public int Count => _entries.Count;

    /// <summary>The dictionary in <paramref name="path"/>, read on first use.</summary>
    /// <exception cref="SpeechEngineException">The file is missing or unreadable.</exception>
    public static PronunciationDictionary Load(string path)
    {
        var lazy = Cache.GetOrAdd(Path.GetFullPath(path), p => new Lazy<PronunciationDictionary>(() => Read(p)));
        try
        {
            return lazy.Value;
        }
        catch (SpeechEngineException)
        {
            Cache.TryRemove(Path.GetFullPath(path), out _);
            throw;
        }
    }

    private static PronunciationDictionary Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpeechEngineException($"The pronunciation dictionary {path} does not exist. Run scripts/deps/speech.sh (Debian package pocketsphinx-en-us) or fix Speech:Dictionary.");
        }

        var entries = new Dictionary<string, List<string[]>>(140_000, StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            var word = BaseWord(parts[0]);
            if (!entries.TryGetValue(word, out var list))
            {
                entries[word] = list = [];
            }

            // Lines may end in a comment (# ...) in newer cmudict versions.
            list.Add(parts.Skip(1).TakeWhile(p => !p.StartsWith('#')).ToArray());
        }

        return new PronunciationDictionary(entries);
    }

    /// <summary>Whether the word (lower case) has a pronunciation.</summary>
    public bool Contains(string word) => _entries.ContainsKey(word);

    /// <summary>The word's pronunciations, the first being the dictionary's main one; empty when unknown.</summary>
    public IReadOnlyList<string[]> Pronunciations(string word) => _entries.TryGetValue(word, out var list) ? list : [];

    /// <summary>Strips the alternate-pronunciation suffix: <c>read(2)</c> → <c>read</c>.</summary>
    public static string BaseWord(string word)
    {
        var paren = word.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 && word.EndsWith(')') ? word[..paren] : word;
    }

    /// <summary>Which alternate a decoded word names: <c>read(2)</c> → 1, <c>read</c> → 0.</summary>
    public static int Variant(string word)
    {
        var paren = word.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 && word.EndsWith(')') && int.TryParse(word.AsSpan(paren + 1, word.Length - paren - 2), out var n) ? n - 1 : 0;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace TutorPlatform.Essays.Scoring;

/// <summary>Stable 64-bit hashing (FNV-1a then a mixer): the same value in every process, unlike string.GetHashCode.</summary>
internal static class StableHash
{
    public static ulong Of(string text) => Mix(Add(Offset, text));

    public static ulong Of(string a, string b) => Mix(Add(Add(Add(Offset, a), "\u0001"), b));

    public static ulong Of(string a, string b, string c) => Mix(Add(Add(Add(Add(Add(Offset, a), "\u0001"), b), "\u0001"), c));

    public const ulong Offset = 14695981039346656037UL;

    public static ulong Add(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    public static ulong Add(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}

/// <summary>
/// The words of a spelling dictionary as a Bloom filter (lower-case forms, about 0.1 % false positives): small enough
/// to ship inside the trained artefact, so scoring needs no dictionary on the machine. Built from hunspell's
/// <c>.dic</c>/<c>.aff</c> pair by expanding the affix rules (prefixes, suffixes and their cross products).
/// </summary>
internal sealed class SpellingDictionary
{
    private const int HashCount = 10;
    private readonly ulong[] _bits;

    private SpellingDictionary(ulong[] bits) => _bits = bits;

    public int WordCount { get; private init; }

    public bool Contains(string lower)
    {
        var h = StableHash.Of(lower);
        var h1 = (uint)h;
        var h2 = (uint)(h >> 32) | 1;
        var m = (ulong)_bits.Length * 64;
        for (var i = 0u; i < HashCount; i++)
        {
            var bit = (h1 + (i * h2)) % m;
            if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static SpellingDictionary FromWords(IReadOnlyCollection<string> words)
    {
        var m = Math.Max(1024, (long)(words.Count * 14.4));
        var bits = new ulong[(m + 63) / 64];
        var size = (ulong)bits.Length * 64;
        foreach (var word in words)
        {
            var h = StableHash.Of(word);
            var h1 = (uint)h;
            var h2 = (uint)(h >> 32) | 1;
            for (var i = 0u; i < HashCount; i++)
            {
                var bit = (h1 + (i * h2)) % size;
                bits[bit >> 6] |= 1UL << (int)(bit & 63);
            }
        }

        return new SpellingDictionary(bits) { WordCount = words.Count };
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(WordCount);
        writer.Write(_bits.Length);
        foreach (var word in _bits)
        {
            writer.Write(word);
        }
    }

    public static SpellingDictionary Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var bits = new ulong[reader.ReadInt32()];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = reader.ReadUInt64();
        }

        return new SpellingDictionary(bits) { WordCount = count };
    }

    /// <summary>All lower-case word forms of a hunspell dictionary (affix rules expanded).</summary>
    public static HashSet<string> ExpandHunspell(string affPath, string dicPath)
    {
        var prefixes = new Dictionary<char, (bool Cross, List<AffixRule> Rules)>();
        var suffixes = new Dictionary<char, (bool Cross, List<AffixRule> Rules)>();
        foreach (var line in File.ReadLines(affPath, Encoding.UTF8))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || (parts[0] != "PFX" && parts[0] != "SFX") || parts[1].Length != 1)
            {
                continue;
            }

            var table = parts[0] == "PFX" ? prefixes : suffixes;
            var flag = parts[1][0];
            if (!table.TryGetValue(flag, out var entry))
            {
                table[flag] = (parts[2] == "Y", []);
                continue;
            }

            var strip = parts[2] == "0" ? "" : parts[2];
            var add = parts[3] == "0" ? "" : parts[3].Split('/')[0];
            var condition = parts.Length > 4 ? parts[4] : ".";
            var pattern = parts[0] == "PFX" ? "^" + condition : condition + "$";
            entry.Rules.Add(new AffixRule(strip, add, new Regex(pattern, RegexOptions.CultureInvariant)));
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dicPath, Encoding.UTF8).Skip(1))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            var stem = (slash < 0 ? line : line[..slash]).Trim();
            if (stem.Length == 0)
            {
                continue;
            }

            var flags = slash < 0 ? "" : line[(slash + 1)..].Trim();
            words.Add(stem.ToLowerInvariant());
            var suffixed = new List<(string Form, bool Cross)>();
            foreach (var flag in flags)
            {
                if (suffixes.TryGetValue(flag, out var sfx))
                {
                    foreach (var rule in sfx.Rules)
                    {
                        if (rule.Condition.IsMatch(stem) && stem.EndsWith(rule.Strip, StringComparison.Ordinal))
                        {
                            var form = stem[..^rule.Strip.Length] + rule.Add;
                            words.Add(form.ToLowerInvariant());
                            suffixed.Add((form, sfx.Cross));
                        }
                    }
                }
            }

            foreach (var flag in flags)
            {
                if (prefixes.TryGetValue(flag, out var pfx))
                {
                    foreach (var rule in pfx.Rules)
                    {
                        if (rule.Condition.IsMatch(stem) && stem.StartsWith(rule.Strip, StringComparison.Ordinal))
                        {
                            words.Add((rule.Add + stem[rule.Strip.Length..]).ToLowerInvariant());
                            if (pfx.Cross)
                            {
                                foreach (var (form, cross) in suffixed)
                                {
                                    if (cross && form.StartsWith(rule.Strip, StringComparison.Ordinal))
                                    {
                                        words.Add((rule.Add + form[rule.Strip.Length..]).ToLowerInvariant());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        return words;
    }

    private sealed record AffixRule(string Strip, string Add, Regex Condition);
}

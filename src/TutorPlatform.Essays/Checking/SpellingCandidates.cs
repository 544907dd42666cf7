using System.Collections.Frozen;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// Fast spelling candidates from the essay word table, without hunspell's slow suggestion search: the words within
/// two edits of a misspelling, found through an index of each word's one- and two-letter deletions (the symmetric
/// delete method of SymSpell), plus missing apostrophes ("dont" → "don't") and missing spaces ("alot" → "a lot").
/// Immutable after construction, so thread-safe.
/// </summary>
internal sealed class SpellingCandidates
{
    private const int MaxDistance = 2;
    private const int MinSplitFrequency = 50;

    private static readonly FrozenDictionary<string, string> Contractions = new Dictionary<string, string>
    {
        ["dont"] = "don't", ["doesnt"] = "doesn't", ["didnt"] = "didn't", ["cant"] = "can't", ["isnt"] = "isn't",
        ["arent"] = "aren't", ["wasnt"] = "wasn't", ["werent"] = "weren't", ["havent"] = "haven't",
        ["hasnt"] = "hasn't", ["hadnt"] = "hadn't", ["couldnt"] = "couldn't", ["shouldnt"] = "shouldn't",
        ["wouldnt"] = "wouldn't", ["im"] = "I'm", ["ive"] = "I've", ["youre"] = "you're", ["theyre"] = "they're",
        ["thats"] = "that's", ["whats"] = "what's", ["theres"] = "there's", ["doens't"] = "doesn't", ["dosen't"] = "doesn't",
        ["didn't"] = "didn't", ["wouldnt've"] = "wouldn't have", ["mustnt"] = "mustn't", ["neednt"] = "needn't",
    }.ToFrozenDictionary();

    // Run-together phrases learners write often; other splits are offered only when no single word is close.
    private static readonly FrozenDictionary<string, string> CommonSplits = new Dictionary<string, string>
    {
        ["alot"] = "a lot", ["infact"] = "in fact", ["eventhough"] = "even though", ["aswell"] = "as well",
        ["eachother"] = "each other", ["atleast"] = "at least", ["inorder"] = "in order", ["alittle"] = "a little",
        ["everytime"] = "every time", ["incase"] = "in case", ["ofcourse"] = "of course", ["thankyou"] = "thank you",
        ["highschool"] = "high school", ["inspite"] = "in spite", ["infront"] = "in front", ["nomatter"] = "no matter",
        ["aslong"] = "as long", ["alltogether"] = "all together", ["alot's"] = "a lot's", ["nowdays"] = "nowadays",
    }.ToFrozenDictionary();

    public static bool IsCommonSplit(string lower) => CommonSplits.ContainsKey(lower);

    // Frequent learner misspellings whose nearest word is another frequent word ("wich" is one letter from "with").
    private static readonly FrozenDictionary<string, string> KnownMisspellings = new Dictionary<string, string>
    {
        ["wich"] = "which", ["whitch"] = "which", ["wihch"] = "which", ["youg"] = "young", ["thet"] = "that",
        ["becouse"] = "because", ["becasue"] = "because", ["beacause"] = "because", ["tought"] = "thought",
        ["thougth"] = "thought", ["wath"] = "what", ["whit"] = "with", ["maket"] = "market", ["mang"] = "many",
    }.ToFrozenDictionary();

    private readonly WordFrequencies _frequencies;
    private readonly Language.WordNetLexicon _lexicon;
    private readonly FrozenDictionary<string, string[]> _deletes;
    private readonly FrozenDictionary<string, string[]> _skeletons;

    /// <summary>Words this long or longer may be three edits from what was meant, when they sound alike.</summary>
    public const int MinSkeletonLength = 8;

    public SpellingCandidates(WordFrequencies frequencies, Language.WordNetLexicon lexicon)
    {
        _frequencies = frequencies;
        _lexicon = lexicon;
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var word in frequencies.Words)
        {
            foreach (var variant in Deletes(word))
            {
                if (!index.TryGetValue(variant, out var list))
                {
                    index[variant] = list = [];
                }

                list.Add(word);
            }
        }

        _deletes = index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _skeletons = frequencies.Words.Where(w => w.Length >= MinSkeletonLength - 1)
            .GroupBy(Skeleton, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// A word's consonant skeleton: its first letter, then its consonants with doubled ones written once and vowels
    /// left out (Pollock and Zamora's skeleton key). Long misspellings keep it: "imidiatly" and "immediately" are both
    /// "imdtly", "cigarrets" and "cigarettes" both "cgrts".
    /// </summary>
    internal static string Skeleton(string word)
    {
        var key = new System.Text.StringBuilder(word.Length);
        key.Append(word[0]);
        for (var i = 1; i < word.Length; i++)
        {
            var c = word[i];
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' || c == key[^1])
            {
                continue;
            }

            key.Append(c);
        }

        return key.ToString();
    }

    /// <summary>Candidate corrections of a lower-case word: text and edit distance (unranked).</summary>
    public List<(string Text, int Distance)> Lookup(string lower)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Contractions.TryGetValue(lower, out var contraction))
        {
            found[contraction] = 1;
        }

        if (CommonSplits.TryGetValue(lower, out var split))
        {
            found[split] = 1;
        }

        if (KnownMisspellings.TryGetValue(lower, out var known))
        {
            found[known] = 1; // one known slip, however many letters it changes
            return [.. found.Select(kv => (kv.Key, kv.Value))];
        }

        // A regular past made of an irregular verb: "teached" → "taught", "choosed" → "chose".
        if (lower.EndsWith("ed", StringComparison.Ordinal) && lower.Length > 4)
        {
            foreach (var verb in new[] { lower[..^2], lower[..^1] })
            {
                if (_lexicon.IsVerb(verb) && _lexicon.IrregularPast(verb) is { } past)
                {
                    found[past] = 1;
                    return [.. found.Select(kv => (kv.Key, kv.Value))];
                }
            }
        }

        // A regular -s after a consonant and y: "familys" → "families", "studys" → "studies".
        if (lower.EndsWith("ys", StringComparison.Ordinal) && lower.Length > 4 && lower[^3] is not ('a' or 'e' or 'i' or 'o' or 'u') &&
            (_lexicon.IsNoun(lower[..^1]) || _lexicon.IsVerb(lower[..^1])))
        {
            found[lower[..^2] + "ies"] = 1;
            return [.. found.Select(kv => (kv.Key, kv.Value))];
        }

        if (lower.Length > 30)
        {
            return [.. found.Select(kv => (kv.Key, kv.Value))];
        }

        foreach (var variant in Deletes(lower))
        {
            if (!_deletes.TryGetValue(variant, out var words))
            {
                continue;
            }

            foreach (var word in words)
            {
                if (found.ContainsKey(word) || Math.Abs(word.Length - lower.Length) > MaxDistance)
                {
                    continue;
                }

                var distance = Distance.DamerauLevenshtein(lower, word);
                if (distance is > 0 and <= MaxDistance)
                {
                    found[word] = distance;
                }
            }
        }

        // A long word three edits off that keeps the consonants of a word students use ("imidiatly" → "immediately").
        if (found.Count == 0 && lower.Length >= MinSkeletonLength && _skeletons.TryGetValue(Skeleton(lower), out var alike))
        {
            foreach (var word in alike)
            {
                if (Distance.DamerauLevenshtein(lower, word) == MaxDistance + 1)
                {
                    found[word] = MaxDistance + 1;
                }
            }
        }

        // Missing space, where no single word is one edit away: both halves are common words ("badthing").
        if (!found.ContainsValue(1))
        {
            for (var k = 2; k < lower.Length - 1; k++)
            {
                var left = lower[..k];
                var right = lower[k..];
                if (_frequencies.Count(left) >= MinSplitFrequency && _frequencies.Count(right) >= MinSplitFrequency &&
                    left is not ("ca" or "wo") && right is not ("ca" or "wo"))
                {
                    found[left + " " + right] = 1;
                }
            }
        }

        return [.. found.Select(kv => (kv.Key, kv.Value))];
    }

    /// <summary>The word itself and every string made by deleting one or two of its letters.</summary>
    private static HashSet<string> Deletes(string word)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        if (word.Length < 2)
        {
            return result;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var one = word.Remove(i, 1);
            if (result.Add(one) && one.Length > 1)
            {
                for (var j = 0; j < one.Length; j++)
                {
                    result.Add(one.Remove(j, 1));
                }
            }
        }

        return result;
    }
}

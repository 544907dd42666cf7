using System.Collections.Frozen;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// Vocabulary upgrades: a more precise word for over-used ones. "very" + adjective is always offered its one-word
/// equivalent from a curated list; the vague words (good, bad, nice, big, thing, stuff, a lot of) are offered
/// alternatives when the essay uses them at least twice, from the curated list first and then MyThes synonyms that
/// are single dictionary words.
/// </summary>
internal sealed class VocabularyUpgrades(Thesaurus thesaurus, Hunspell hunspell)
{
    public const string VeryAdjective = "VOCABULARY_VERY_ADJECTIVE";
    public const string OverusedWord = "VOCABULARY_OVERUSED_WORD";

    private static readonly FrozenDictionary<string, string[]> Intensified = new Dictionary<string, string[]>
    {
        ["good"] = ["excellent", "outstanding"], ["bad"] = ["terrible", "awful"],
        ["large"] = ["huge", "vast"], ["small"] = ["tiny", "minute"], ["important"] = ["crucial", "essential"],
        ["happy"] = ["delighted", "thrilled"], ["sad"] = ["miserable", "heartbroken"], ["tired"] = ["exhausted"],
        ["hungry"] = ["starving", "ravenous"], ["cold"] = ["freezing", "icy"], ["hot"] = ["scorching", "boiling"],
        ["angry"] = ["furious", "livid"], ["scared"] = ["terrified", "petrified"], ["old"] = ["ancient", "elderly"],
        ["interesting"] = ["fascinating", "compelling"], ["beautiful"] = ["stunning", "gorgeous"],
        ["ugly"] = ["hideous"], ["smart"] = ["brilliant"], ["clean"] = ["spotless"], ["dirty"] = ["filthy"],
        ["funny"] = ["hilarious"], ["quiet"] = ["silent"], ["rich"] = ["wealthy", "affluent"],
        ["poor"] = ["impoverished", "destitute"], ["fast"] = ["rapid", "swift"], ["strong"] = ["powerful", "robust"],
        ["weak"] = ["feeble", "frail"], ["often"] = ["frequently"], ["many"] = ["numerous", "countless"],
        ["nice"] = ["delightful", "lovely"], ["surprised"] = ["astonished", "amazed"], ["sure"] = ["certain"],
        ["difficult"] = ["arduous", "demanding"], ["hard"] = ["arduous", "demanding"], ["easy"] = ["effortless", "simple"],
        ["useful"] = ["invaluable", "indispensable"], ["bright"] = ["dazzling", "brilliant"],
        ["different"] = ["distinct", "dissimilar"], ["necessary"] = ["essential", "vital"], ["clear"] = ["obvious", "evident"],
        ["worried"] = ["anxious", "distressed"], ["busy"] = ["swamped", "hectic"], ["serious"] = ["grave", "severe"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string[]> Vague = new Dictionary<string, string[]>
    {
        ["good"] = ["beneficial", "valuable", "effective"], ["bad"] = ["harmful", "poor", "negative"],
        ["nice"] = ["pleasant", "kind", "enjoyable"], ["big"] = ["significant", "substantial", "large"],
        ["thing"] = ["aspect", "factor", "issue"], ["things"] = ["aspects", "factors", "issues"],
        ["stuff"] = ["material", "belongings", "items"], ["get"] = ["obtain", "receive", "gain"],
        ["really"] = ["genuinely", "truly"], ["great"] = ["remarkable", "impressive"], ["lots"] = ["many", "plenty"],
    }.ToFrozenDictionary();

    public void Check(IReadOnlyList<SentenceView> sentences, IReadOnlyList<int> offsets, List<TokenEdit> edits)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            for (var i = 0; i < s.Count; i++)
            {
                if (Vague.ContainsKey(s.Lower[i]) || (s.Lower[i] == "a" && s.At(i + 1) == "lot" && s.At(i + 2) == "of"))
                {
                    var key = s.Lower[i] == "a" ? "a lot of" : s.Lower[i];
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        for (var k = 0; k < sentences.Count; k++)
        {
            var s = sentences[k];
            var offset = offsets[k];
            for (var i = 0; i < s.Count; i++)
            {
                var word = s.Lower[i];
                if (word is "very" or "really" && i + 1 < s.Count && Intensified.TryGetValue(s.Lower[i + 1], out var strong) &&
                    s.At(i + 2) is not ("much" or "many"))
                {
                    edits.Add(Upgrade(offset + i, 2, s.Words[i], strong, VeryAdjective,
                        $"“{s.Words[i]} {s.Words[i + 1]}” is weak; one precise word is stronger: “{strong[0]}”."));
                    i++;
                    continue;
                }

                if (word == "a" && s.At(i + 1) == "lot" && s.At(i + 2) == "of" && counts.GetValueOrDefault("a lot of") >= 2)
                {
                    var plural = s.At(i + 3).EndsWith('s') || s.At(i + 3) is "people" or "children";
                    string[] options = plural ? ["many", "numerous", "a great many"] : ["much", "a great deal of", "considerable"];
                    edits.Add(Upgrade(offset + i, 3, s.Words[i], options, OverusedWord,
                        $"“a lot of” is used {counts["a lot of"]} times; try “{options[0]}” for variety and precision."));
                    i += 2;
                    continue;
                }

                if (Vague.TryGetValue(word, out var precise) && counts.GetValueOrDefault(word) >= 2 && s.At(i - 1) is not ("very" or "really") &&
                    !(word == "good" && s.At(i + 1) is "at" or "morning" or "luck" or "bye") && !(word == "lots" && s.At(i + 1) != "of"))
                {
                    var replacements = precise.Concat(ThesaurusWords(word)).Distinct(StringComparer.Ordinal).Take(5).ToArray();
                    edits.Add(Upgrade(offset + i, word == "lots" ? 2 : 1, s.Words[i], replacements, OverusedWord,
                        $"“{s.Words[i]}” is used {counts[word]} times and says little; a more precise word such as “{replacements[0]}” fits better."));
                }
            }
        }
    }

    private IEnumerable<string> ThesaurusWords(string word)
    {
        foreach (var sense in thesaurus.Lookup(word).Take(3))
        {
            foreach (var synonym in sense.Synonyms.Concat(sense.SimilarTerms))
            {
                if (synonym != word && !synonym.Contains(' ') && !synonym.Contains('-') && synonym.Length > 3 && hunspell.Spell(synonym))
                {
                    yield return synonym;
                }
            }
        }
    }

    private static TokenEdit Upgrade(int first, int count, string original, string[] options, string ruleId, string message)
    {
        var cased = options.Select(o => (IReadOnlyList<string>)Casing.Match(original, o).Split(' ')).ToList();
        return new TokenEdit(first, count, cased[0], EssayIssueCategory.Vocabulary, ruleId, message, Confident: false, cased.Skip(1).ToList());
    }
}

using System.Collections.Frozen;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// Topic relevance from content-word overlap: the prompt's content words (stop words and instruction words such as
/// "write", "essay", "explain" dropped) are stemmed with Snowball and expanded with their MyThes synonyms; the score
/// combines how many of the prompt's words the essay takes up (coverage) with how much of the essay's vocabulary
/// is about them (density). An essay that scores below <see cref="OffTopicBelow"/> is flagged off topic.
/// </summary>
internal sealed class TopicRelevanceScorer(SnowballStemmer stemmer, Thesaurus thesaurus)
{
    /// <summary>Scores below this flag the essay as ignoring its prompt.</summary>
    public const double OffTopicBelow = 0.3;

    private const int MinimumEssayWords = 25;

    public TopicRelevance Score(IReadOnlyList<string> essayWords, string prompt)
    {
        var promptWords = Tokens.Tokenize(prompt).Select(t => t.Text.ToLowerInvariant())
            .Where(IsContentWord).Where(w => !InstructionWords.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        var essayContent = essayWords.Select(w => w.ToLowerInvariant()).Where(IsContentWord).ToList();
        if (promptWords.Count == 0)
        {
            return new TopicRelevance(1, false, "The prompt has no content words to compare with, so relevance was not judged.");
        }

        if (essayContent.Count < MinimumEssayWords)
        {
            return new TopicRelevance(0.5, false, "The essay is too short to judge whether it keeps to the prompt.");
        }

        var essayStems = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in essayContent)
        {
            var stem = stemmer.Stem(w);
            essayStems[stem] = essayStems.GetValueOrDefault(stem) + 1;
        }

        var covered = new List<string>();
        var missing = new List<string>();
        var related = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in promptWords)
        {
            var expansions = Expand(word);
            related.UnionWith(expansions);
            (expansions.Any(essayStems.ContainsKey) ? covered : missing).Add(word);
        }

        // The longest missing words name the topic best ("uniforms" rather than "wear").
        missing = [.. missing.OrderByDescending(w => w.Length)];
        var coverage = (double)covered.Count / promptWords.Count;
        var onTopicTokens = essayStems.Where(kv => related.Contains(kv.Key)).Sum(kv => kv.Value);
        var density = (double)onTopicTokens / essayContent.Count;
        var score = Math.Round(Math.Clamp(0.6 * Math.Min(1, coverage / 0.5) + 0.4 * Math.Min(1, density / 0.12), 0, 1), 2);
        var offTopic = score < OffTopicBelow;
        var explanation = offTopic
            ? $"The essay hardly mentions what the prompt asks about (for example “{string.Join("”, “", missing.Take(3))}”): it seems to ignore the prompt."
            : covered.Count == promptWords.Count
                ? "The essay addresses the prompt's key ideas."
                : $"The essay addresses the prompt; it could say more about “{string.Join("”, “", missing.Take(3))}”.";
        return new TopicRelevance(score, offTopic, explanation);
    }

    private HashSet<string> Expand(string word)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal) { stemmer.Stem(word) };
        foreach (var sense in thesaurus.Lookup(word).Take(4))
        {
            foreach (var synonym in sense.Synonyms.Take(6))
            {
                if (!synonym.Contains(' ') && synonym.Length > 2)
                {
                    stems.Add(stemmer.Stem(synonym.ToLowerInvariant()));
                }
            }
        }

        return stems;
    }

    private static bool IsContentWord(string w) => w.Length > 2 && Tokens.IsAlphabetic(w) && !StopWords.Contains(w);

    private static readonly FrozenSet<string> InstructionWords = FrozenSet.ToFrozenSet(
    [
        "write", "essay", "explain", "describe", "discuss", "think", "opinion", "agree", "disagree", "reasons", "reason",
        "examples", "example", "specific", "details", "support", "answer", "whether", "believe", "response", "letter",
        "paragraph", "use", "include", "position", "argue", "argument", "statement", "following", "question",
        "persuade", "convince", "readers", "reader", "newspaper", "local", "state", "view", "views", "explain",
    ]);

    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out",
        "has", "have", "him", "his", "how", "its", "may", "new", "now", "old", "see", "two", "who", "did", "get", "got",
        "let", "put", "say", "she", "too", "use", "way", "why", "yes", "yet", "also", "been", "both", "does", "each",
        "even", "from", "just", "like", "made", "make", "many", "more", "most", "much", "must", "only", "over", "said",
        "same", "some", "such", "than", "that", "them", "then", "they", "this", "very", "well", "were", "what", "when",
        "will", "with", "your", "about", "after", "again", "being", "could", "every", "first", "other", "their",
        "there", "these", "thing", "things", "think", "those", "three", "through", "under", "which", "while", "would",
        "should", "because", "before", "between", "during", "into", "lot", "lots", "own", "people", "really", "something",
        "someone", "where", "whether", "within", "without", "n't", "'s", "don", "doesn", "didn", "isn", "aren", "won",
        "can't", "don't", "it's", "i'm", "know", "want", "good", "bad", "better", "best", "way", "ways", "time", "times",
        "day", "days", "year", "years", "going", "things", "here", "still", "always", "never", "however", "though",
        "although", "until", "since", "upon", "onto", "off", "why", "how", "who", "whom", "whose", "his", "hers",
        "ours", "yours", "theirs", "myself", "yourself", "himself", "herself", "itself", "ourselves", "themselves",
        "another", "anything", "everything", "nothing", "anyone", "everyone", "able", "across", "almost", "along",
        "already", "among", "around", "become", "becomes", "came", "come", "comes", "done", "doing", "feel", "give",
        "gives", "given", "goes", "gone", "help", "keep", "kind", "less", "little", "look", "looks", "maybe", "mean",
        "means", "might", "need", "needs", "often", "part", "perhaps", "quite", "rather", "seem", "seems", "shall",
        "show", "take", "takes", "tell", "therefore", "thus", "together", "toward", "towards", "try", "usually", "went",
    ]);
}

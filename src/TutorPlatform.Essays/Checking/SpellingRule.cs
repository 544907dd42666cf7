using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// Spelling through hunspell (US dictionary; British spellings accepted through the en_GB dictionary when it is
/// installed, and words WordNet knows, such as regular plurals the dictionary lacks, are not flagged). Skips what a
/// dictionary should not judge: numbers, URLs, acronyms (all capitals), words with inner capitals (iPhone,
/// McDonald) and clitics ("n't", "'s"). Capitalised words in mid-sentence (mostly names) are flagged but never
/// fixed automatically. Hunspell's suggestions are re-ranked by closeness (Damerau–Levenshtein distance) and by how
/// often the word occurs in student essays (<see cref="WordFrequencies"/>); a fix is applied automatically only when
/// the best suggestion is close (distance 1, or 2 for words of six letters or more), is a word students actually use,
/// and clearly beats the runner-up.
/// </summary>
/// <param name="ruleRevision">The rule revision (<see cref="EssayCheckerOptions.RuleRevision"/>): 2 adds the fixed
/// spellings of words hunspell knows only with an apostrophe ("oclock" → "o'clock") and keeps a misspelt plural plural
/// ("poins" → "points").</param>
internal sealed class SpellingRule(Hunspell hunspell, Hunspell? british, WordNetLexicon lexicon, WordFrequencies frequencies, SpellingCandidates candidates,
    bool slowSearch = false, int ruleRevision = EssayCheckerOptions.LatestRuleRevision)
{
    private readonly SpellingCandidates _fast = candidates;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), List<Candidate>> _cache = new();

    public const string RuleId = "SPELLING";
    private const int MaxReplacements = 5;

    public TokenEdit? Check(IReadOnlyList<string> words, int i, bool sentenceStart)
    {
        var word = words[i];
        if (!ShouldCheck(word) || IsKnown(word))
        {
            return null;
        }

        var capitalised = char.IsUpper(word[0]);
        var lower = word.ToLowerInvariant();
        // Revision 2: words the dictionary has only with an apostrophe, which students leave out ("oclock").
        if (ruleRevision >= 2 && ApostropheWords.TryGetValue(lower, out var withApostrophe) && hunspell.Spell(withApostrophe))
        {
            var parts = Tokens.Tokenize(withApostrophe).Select(t => t.Text).ToArray();
            parts[0] = Casing.Match(word, parts[0]);
            return new TokenEdit(i, 1, parts, EssayIssueCategory.Spelling, RuleId,
                $"“{word}” is written with an apostrophe: “{withApostrophe}”.", Confident: true);
        }

        // At a sentence start, "Becuase" is judged as "becuase"; a correct lower-case word needs no fix.
        if (capitalised && sentenceStart && IsKnown(lower))
        {
            return null;
        }

        // A capitalised first word is corrected to a common word, never to a name ("Misha" is not "Tisha").
        var suggestions = capitalised && sentenceStart
            ? Candidates(lower).Where(c => !char.IsUpper(c.Text[0])).Select(c => c with { Text = Casing.Capitalise(c.Text) }).ToList()
            : Candidates(word, allowSlowSearch: !capitalised);
        if (suggestions.Count == 0)
        {
            return new TokenEdit(i, 1, [], EssayIssueCategory.Spelling, RuleId,
                $"“{word}” is not in the dictionary.", Confident: false);
        }

        var pluralKept = ruleRevision >= 2 && KeepPlural(lower, i + 1 < words.Count ? words[i + 1].ToLowerInvariant() : "", ref suggestions);
        var best = suggestions[0].Text;
        var distance = suggestions[0].Distance;
        // A kept plural is measured against the runner-up after its own singular.
        var runnerUp = pluralKept ? 2 : 1;
        var margin = suggestions.Count > runnerUp ? suggestions[0].Score - suggestions[runnerUp].Score : double.MaxValue;
        var confident = (distance <= (word.Length >= 6 ? 2 : 1) ||
                // Three edits only for a long word with one sound-alike that students use often.
                (distance == 3 && word.Length >= SpellingCandidates.MinSkeletonLength && suggestions.Count == 1 && suggestions[0].Frequency >= MinSkeletonFrequency))
            && best.Length > 1 && word.Length >= 3 &&
            suggestions[0].Frequency >= MinFrequency && margin >= MinMargin &&
            // Mid-sentence capitals are mostly names the dictionary lacks; a capitalised first word is fixed only to a common word.
            !(capitalised && !sentenceStart) && !(capitalised && suggestions[0].Frequency < 50) &&
            // Short words need a clear winner ("bao" is not "bad").
            !(word.Length == 3 && (distance > 1 || margin < 2)) &&
            // "iphone": the dictionary knows it with other capitals; a brand name, not a misspelling.
            !suggestions.Any(c => c.Distance == 0) &&
            // Learners get the first letter right; "iphone" → "phone" changes the word.
            char.ToLowerInvariant(best[0]) == lower[0] &&
            // A split of a word that is not a known run-together phrase ("facebook" → "face book").
            !(best.Contains(' ') && !SpellingCandidates.IsCommonSplit(lower)) &&
            // "stealers" → "stealer": a plural the dictionary lacks, not a misspelling.
            !string.Equals(best + "s", word, StringComparison.OrdinalIgnoreCase) &&
            // Inner capitals ("iphone" → "iPhone") are brand names, not spelling.
            best.Skip(1).All(c => !char.IsUpper(c)) &&
            // Splitting a long word ("jailbreakers" → "jail breakers") is rarely what was meant.
            !(best.Contains(' ') && word.Length > 8) &&
            // Dropping a negative prefix ("unmeaningful" → "meaningful") turns the meaning round.
            !NegativePrefixes.Any(p => lower.StartsWith(p, StringComparison.Ordinal) && !best.StartsWith(p, StringComparison.OrdinalIgnoreCase));

        var replacement = Tokens.Tokenize(best).Select(t => t.Text).ToArray();
        var alternatives = suggestions.Skip(1).Take(MaxReplacements - 1)
            .Select(s => (IReadOnlyList<string>)Tokens.Tokenize(s.Text).Select(t => t.Text).ToArray()).ToList();
        return new TokenEdit(i, 1, replacement, EssayIssueCategory.Spelling, RuleId,
            $"“{word}” is not in the dictionary; did you mean “{best}”?", confident, alternatives);
    }

    // Words hunspell knows only with their apostrophe, as students write them without it.
    private static readonly System.Collections.Frozen.FrozenDictionary<string, string> ApostropheWords =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(new Dictionary<string, string>
        {
            ["oclock"] = "o'clock", ["shouldve"] = "should've", ["couldve"] = "could've", ["wouldve"] = "would've",
            ["mustve"] = "must've", ["youll"] = "you'll", ["theyll"] = "they'll", ["theyve"] = "they've", ["weve"] = "we've",
            ["youve"] = "you've", ["itll"] = "it'll",
        });

    /// <summary>
    /// A misspelt plural keeps its number (revision 2): when the best suggestion is a singular noun and its plural is
    /// a suggestion as close to the misspelling, the plural goes first and the singular second ("poins" → "points",
    /// not "point"), with the singular's score and frequency, so the confidence test judges the pair as one word. Not
    /// where the "s" is a swapped letter ("firts" is "first", "coures" is "course"), for an adjective ("first"), nor
    /// before another noun ("humas contacts": a modifier).
    /// </summary>
    private bool KeepPlural(string lower, string next, ref List<Candidate> suggestions)
    {
        if (lower.Length < 4 || !lower.EndsWith('s') || lower.EndsWith("ss", StringComparison.Ordinal) || suggestions.Count < 2 ||
            suggestions[0].Text.EndsWith('s'))
        {
            return false;
        }

        var best = suggestions[0];
        var singularWord = best.Text.ToLowerInvariant();
        var swapped = singularWord.Length == lower.Length && singularWord[..^2] == lower[..^2] &&
            singularWord[^1] == lower[^2] && singularWord[^2] == lower[^1];
        var nounFollows = next.Length > 2 && Tokens.IsAlphabetic(next) &&
            ((lexicon.IsNoun(next) && !lexicon.IsVerb(next) && lexicon.VerbBase(next) is null) || lexicon.NounSingular(next) is { } one && one != next);
        if (swapped || lexicon.IsAdjective(singularWord) || nounFollows)
        {
            return false;
        }

        var plural = suggestions.FindIndex(c => c.Distance <= best.Distance && c.Text.EndsWith('s') &&
            lexicon.NounSingular(c.Text.ToLowerInvariant()) is { } singular && string.Equals(singular, best.Text, StringComparison.OrdinalIgnoreCase));
        if (plural < 0)
        {
            return false;
        }

        var promoted = suggestions[plural] with { Score = best.Score, Frequency = Math.Max(best.Frequency, suggestions[plural].Frequency) };
        suggestions = [promoted, best, .. suggestions.Where((_, k) => k != plural && k != 0)];
        return true;
    }

    private bool IsKnown(string word)
    {
        if (hunspell.Spell(word) || (british?.Spell(word) ?? false))
        {
            return true;
        }

        var lower = word.ToLowerInvariant();
        // WordNet reads "familys" as a plural of "family"; a consonant before the y makes it "families".
        var regularPlural = lexicon.NounSingular(lower) is { } singular &&
            !(lower.EndsWith("ys", StringComparison.Ordinal) && lower.Length > 3 && !IsVowel(lower[^3]) && singular == lower[..^1]);
        return char.IsLower(word[0]) && (lexicon.IsKnown(lower) || regularPlural);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    internal static bool ShouldCheck(string word)
    {
        if (word.Length < 2 || !Tokens.IsAlphabetic(word) || word[0] is '\'' or '’' ||
            word.Equals("n't", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var upper = 0;
        for (var k = 0; k < word.Length; k++)
        {
            if (char.IsUpper(word[k]))
            {
                upper++;
                if (k > 0 && char.IsLower(word[k - 1]))
                {
                    return false; // iPhone, McDonald, YouTube
                }
            }
        }

        return upper <= 1;
    }

    private static readonly string[] NegativePrefixes = ["un", "in", "im", "dis", "non", "ir", "il"];
    private const int MinFrequency = 2;
    private const int MinSkeletonFrequency = 20;
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    private static HashSet<string> EditsOne(string word)
    {
        var edits = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i <= word.Length; i++)
        {
            if (i < word.Length)
            {
                edits.Add(word.Remove(i, 1));
                if (i + 1 < word.Length)
                {
                    edits.Add(string.Concat(word.AsSpan(0, i), word[i + 1].ToString(), word[i].ToString(), word.AsSpan(i + 2)));
                }
            }

            foreach (var c in Letters)
            {
                edits.Add(word.Insert(i, c.ToString()));
                if (i < word.Length && word[i] != c)
                {
                    edits.Add(string.Concat(word.AsSpan(0, i), c.ToString(), word.AsSpan(i + 1)));
                }
            }
        }

        edits.Remove(word);
        edits.Remove("");
        return edits;
    }
    private const double MinMargin = 0.2;
    private const double DistanceWeight = 5;
    private const double SplitCost = 1;

    internal sealed record Candidate(string Text, int Distance, int Frequency, double Score);

    /// <summary>
    /// Suggestions, best first by closeness and frequency in essays; implausible ones dropped. Words students use are
    /// found in the essay word table first (fast); hunspell's own, much slower suggestion search runs only when that
    /// finds nothing, so rarer words still get suggestions.
    /// </summary>
    private List<Candidate> Candidates(string word, bool allowSlowSearch = true)
    {
        if (_cache.TryGetValue((word, allowSlowSearch), out var cached))
        {
            return cached;
        }

        var result = FindCandidates(word, allowSlowSearch);
        if (_cache.Count < 100_000)
        {
            _cache[(word, allowSlowSearch)] = result;
        }

        return result;
    }

    private List<Candidate> FindCandidates(string word, bool allowSlowSearch)
    {
        var lower = word.ToLowerInvariant();
        var ranked = new List<Candidate>();
        foreach (var (text, distance) in _fast.Lookup(lower))
        {
            var parts = Tokens.Tokenize(text).Select(t => t.Text.ToLowerInvariant()).Where(t => t[0] != '\'' && t != "n't").ToList();
            var frequency = parts.Count == 0 ? 0 : parts.Min(frequencies.Count);
            // A split that keeps every letter ("alot" → "a lot") costs less than a changed letter.
            var score = Math.Log(frequency + 1) - (text.Contains(' ') ? SplitCost : DistanceWeight * distance);
            ranked.Add(new Candidate(Casing.Match(word, text), distance, frequency, score));
        }

        if (ranked.Count == 0)
        {
            // Rarer words one edit away, checked against the full dictionary (a few hundred fast lookups).
            foreach (var candidate in EditsOne(lower))
            {
                if (hunspell.Spell(candidate))
                {
                    ranked.Add(new Candidate(Casing.Match(word, candidate), 1, 0, -DistanceWeight));
                }
            }
        }

        // Hunspell's own search takes 20–80 ms a word, and what it finds beyond two edits is rarely the word meant:
        // only when configured (EssayCheckerOptions.HunspellSuggestions), and never for names.
        if (ranked.Count == 0 && slowSearch && allowSlowSearch && word.Length <= 20)
        {
            var raw = hunspell.Suggest(word);
            for (var r = 0; r < raw.Count; r++)
            {
                var s = raw[r];
                if (s.Length == 0 || (s.Contains('-') && !word.Contains('-')) || s.Contains(' '))
                {
                    continue;
                }

                var distance = Distance.DamerauLevenshtein(lower, s.ToLowerInvariant());
                ranked.Add(new Candidate(s, distance, frequencies.Count(s.ToLowerInvariant()), -DistanceWeight * distance - 0.1 * r));
            }
        }

        return [.. ranked.OrderByDescending(c => c.Score).ThenBy(c => c.Text, StringComparer.Ordinal)];
    }
}

internal static class Distance
{
    /// <summary>Optimal-string-alignment Damerau–Levenshtein distance (a swap of neighbours costs one).</summary>
    public static int DamerauLevenshtein(string a, string b)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

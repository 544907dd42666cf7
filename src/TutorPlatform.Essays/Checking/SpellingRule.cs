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
internal sealed class SpellingRule(Hunspell hunspell, Hunspell? british, WordNetLexicon lexicon, WordFrequencies frequencies)
{
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
        // At a sentence start, "Becuase" is judged as "becuase"; a correct lower-case word needs no fix.
        if (capitalised && sentenceStart && IsKnown(lower))
        {
            return null;
        }

        // A capitalised first word is corrected to a common word, never to a name ("Misha" is not "Tisha").
        var suggestions = capitalised && sentenceStart
            ? Candidates(lower).Where(c => !char.IsUpper(c.Text[0])).Select(c => c with { Text = Casing.Capitalise(c.Text) }).ToList()
            : Candidates(word);
        if (suggestions.Count == 0)
        {
            return new TokenEdit(i, 1, [], EssayIssueCategory.Spelling, RuleId,
                $"“{word}” is not in the dictionary.", Confident: false);
        }

        var best = suggestions[0].Text;
        var distance = suggestions[0].Distance;
        var margin = suggestions.Count > 1 ? suggestions[0].Score - suggestions[1].Score : double.MaxValue;
        var confident = distance <= (word.Length >= 6 ? 2 : 1) && best.Length > 1 && word.Length >= 3 &&
            suggestions[0].Frequency >= MinFrequency && margin >= MinMargin &&
            // Mid-sentence capitals are mostly names the dictionary lacks; a capitalised first word is fixed only to a common word.
            !(capitalised && !sentenceStart) && !(capitalised && suggestions[0].Frequency < 50) &&
            // Short words need a clear winner ("bao" is not "bad").
            !(word.Length == 3 && (distance > 1 || margin < 2)) &&
            // "iphone": the dictionary knows it with other capitals; a brand name, not a misspelling.
            !suggestions.Any(c => c.Distance == 0) &&
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

    private bool IsKnown(string word)
    {
        if (hunspell.Spell(word) || (british?.Spell(word) ?? false))
        {
            return true;
        }

        var lower = word.ToLowerInvariant();
        return char.IsLower(word[0]) && (lexicon.IsKnown(lower) || lexicon.NounSingular(lower) is not null);
    }

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
    private const double MinMargin = 0.5;
    private const double DistanceWeight = 5;

    internal sealed record Candidate(string Text, int Distance, int Frequency, double Score);

    /// <summary>Hunspell's suggestions, best first by closeness and frequency in essays; implausible ones dropped.</summary>
    private List<Candidate> Candidates(string word)
    {
        var lower = word.ToLowerInvariant();
        var ranked = new List<Candidate>();
        var raw = hunspell.Suggest(word);
        for (var r = 0; r < raw.Count; r++)
        {
            var s = raw[r];
            if (s.Length == 0 || (s.Contains('-') && !word.Contains('-')))
            {
                continue;
            }

            // A split is plausible only as hunspell's first idea and when it keeps every letter ("alot" → "a lot").
            if (s.Contains(' ') && (r > 0 || !string.Equals(s.Replace(" ", "", StringComparison.Ordinal), word, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var distance = Distance.DamerauLevenshtein(lower, s.ToLowerInvariant());
            // "doesn't" counts as often as "does"; a split as often as its rarer half.
            var parts = Tokens.Tokenize(s).Select(t => t.Text.ToLowerInvariant()).Where(t => t[0] != '\'' && t != "n't").ToList();
            var frequency = parts.Count == 0 ? 0 : parts.Min(frequencies.Count);
            if (parts.Count > 1 && parts.Any(p => frequencies.Count(p) < 50))
            {
                continue; // "don not", "cigar rets"
            }

            // A split that keeps every letter ("alot" → "a lot") costs less than a changed letter.
            var score = Math.Log(frequency + 1) - (parts.Count > 1 ? 1 : DistanceWeight * distance) - 0.1 * r;
            ranked.Add(new Candidate(s, distance, frequency, score));
        }

        return [.. ranked.OrderByDescending(c => c.Score)];
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

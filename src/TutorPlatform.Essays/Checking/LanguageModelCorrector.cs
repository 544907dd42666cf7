using System.Collections.Concurrent;
using System.Collections.Frozen;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// Corrections chosen by a language model of native English (Bryant and Briscoe 2018, "Language model based
/// grammatical error correction without annotated training data"): for each word, the forms a learner confuses
/// (noun number; verb form and agreement; a missing article; another preposition; commonly confused words; a word
/// split in two; the spelling suggestions of a misspelt word) are tried, the sentence is scored by the n-gram model,
/// and the change that raises the log-probability most is kept when it beats the original by a margin for its kind.
/// This repeats until nothing clears its margin. Words other rules already changed are left alone, and each kind has
/// guards where a trigram model cannot see far enough (a subject before a prepositional phrase, tense, compounds).
/// Changing or deleting an existing article, and deleting a preposition, were tried and dropped: on JFLEG dev they
/// did not raise GLEU, and on CoNLL-2013 most of them were wrong.
/// </summary>
internal sealed class LanguageModelCorrector(IWordLanguageModel model, WordNetLexicon lexicon, Hunspell hunspell)
{
    // Stable rule ids (stored with the issues); agreement and spelling share the rules' own ids.
    public const string ArticleRule = "ARTICLE_MISSING";
    public const string PrepositionRule = "PREPOSITION_CHOICE";
    public const string NounNumberRule = "NOUN_NUMBER";
    public const string VerbFormRule = "VERB_FORM";
    public const string ConfusedWordRule = "CONFUSED_WORDS";

    private const int MaxRounds = 6;
    private const double OverruleSpelling = 2.0;
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, double> _scores = new();
    private readonly ConcurrentDictionary<string, (string Form, Kind Kind)[]> _inflections = new(StringComparer.Ordinal);

    // A word the model does not know, in log10: rare enough that no edit is chosen for its sake.
    private const double UnknownWord = -7.0;

    internal enum Kind
    {
        NounNumber,
        Agreement,
        VerbForm,
        ArticleInsertion,
        PrepositionSubstitution,
        Confusion,
        Spelling,
        Merge,
    }

    /// <summary>
    /// How much (log10) a change must raise the sentence's probability, by kind. Chosen on JFLEG dev's even sentences
    /// for GLEU, with edit precision on CoNLL-2013 kept at 0.60 or more; the odd sentences are the held-out check
    /// (README). A misspelt word is unknown to the model, so any known suggestion the model prefers is taken.
    /// </summary>
    internal static double Margin(Kind kind) => kind switch
    {
        Kind.NounNumber => 2.5,
        Kind.Agreement => 0.5,
        Kind.VerbForm => 2.5,
        Kind.ArticleInsertion => 1.5,
        Kind.PrepositionSubstitution => 3.0,
        Kind.Confusion => 1.0,
        Kind.Spelling => -1.0,
        Kind.Merge => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly FrozenSet<string> Articles = FrozenSet.ToFrozenSet(["a", "an", "the"]);

    private static readonly FrozenSet<string> Prepositions = FrozenSet.ToFrozenSet(
        ["in", "on", "at", "to", "for", "of", "with", "from", "about", "by", "into"]);

    // The prepositions learners put for one another.
    private static readonly FrozenDictionary<string, string[]> PrepositionConfusions = new Dictionary<string, string[]>
    {
        ["in"] = ["on", "at", "of", "into"], ["on"] = ["in", "at", "about", "of"], ["at"] = ["in", "on"],
        ["to"] = ["for", "of", "in", "into", "with"], ["for"] = ["to", "of", "about"], ["of"] = ["for", "in", "on", "about"],
        ["with"] = ["by", "to", "of"], ["from"] = ["of", "by"], ["about"] = ["of", "on"], ["by"] = ["with", "from"],
        ["into"] = ["in", "to"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Words before which an article cannot be missing.
    private static readonly FrozenSet<string> NoArticleAfter = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their", "every",
        "each", "no", "any", "some", "many", "much", "few", "several", "all", "both", "either", "neither", "another",
        "other", "such", "what", "which", "whose", "more", "most", "less", "least", "one", "two", "three", "'s",
        "very", "so", "too", "quite", "own", "same",
    ]);

    // Words an article never stands before (pronouns, function words WordNet also lists as nouns).
    private static readonly FrozenSet<string> NoArticleBefore = FrozenSet.ToFrozenSet(
    [
        "i", "me", "you", "he", "him", "she", "it", "we", "us", "they", "them", "this", "that", "these", "those", "who",
        "what", "which", "there", "here", "then", "than", "also", "not", "so", "too", "very", "more", "most", "less",
        "many", "much", "some", "any", "all", "each", "every", "both", "other", "others", "one", "ones", "own", "will",
        "can", "may", "might", "must", "shall", "are", "is", "was", "be", "been", "do", "does", "did", "have", "has",
        "had", "people", "everyone", "someone", "anyone", "nobody", "everything", "something", "anything", "nothing",
        "today", "tomorrow", "yesterday", "now", "home", "just", "only", "even", "still", "always", "never", "often",
        "usually", "sometimes", "however", "because", "if", "when", "while", "as", "and", "or", "but", "of", "to",
        "in", "on", "at", "for", "with", "from", "by", "about", "into", "like", "such", "same", "way",
    ]);

    private static readonly FrozenDictionary<string, string[]> Confusions = new Dictionary<string, string[]>
    {
        ["their"] = ["there"], ["there"] = ["their"], ["than"] = ["then"], ["your"] = ["you're"],
        ["you're"] = ["your"], ["whose"] = ["who's"], ["who's"] = ["whose"], ["affect"] = ["effect"],
        ["effect"] = ["affect"], ["lose"] = ["loose"], ["loose"] = ["lose"], ["where"] = ["were"], ["were"] = ["where"],
        ["quite"] = ["quiet"], ["quiet"] = ["quite"], ["accept"] = ["except"], ["except"] = ["accept"],
        ["advice"] = ["advise"], ["advise"] = ["advice"], ["weather"] = ["whether"], ["whether"] = ["weather"],
        ["though"] = ["through", "thought"], ["through"] = ["though", "thought"], ["thought"] = ["though", "through"],
        ["chose"] = ["choose"], ["choose"] = ["chose"], ["now"] = ["know"],
        ["know"] = ["now"], ["of"] = ["off"], ["off"] = ["of"], ["want"] = ["went"],
        ["went"] = ["want"], ["form"] = ["from"], ["from"] = ["form"], ["fell"] = ["feel"],
        ["feel"] = ["fell"], ["felt"] = ["feel"], ["bad"] = ["bed"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The model's id of a lower-case word (-1 if unknown), remembered: the native lookup takes a lock.</summary>
    private int WordId(string word)
    {
        if (_ids.TryGetValue(word, out var id))
        {
            return id;
        }

        id = model.WordId(word);
        if (_ids.Count < 100_000)
        {
            _ids[word] = id;
        }

        return id;
    }

    /// <summary>
    /// Adds the model's corrections of one sentence to <paramref name="edits"/> (the other rules' edits, on the same
    /// tokens). Unconfident spelling edits the model resolves are replaced by confident ones.
    /// </summary>
    public void Correct(IReadOnlyList<string> words, List<TokenEdit> edits)
    {
        var sentence = new Sentence(words, edits, WordId);
        var scores = new ScoreCache(model, _scores);
        var firstWord = -1;
        for (var k = 0; k < sentence.Count; k++)
        {
            if (Tokens.IsWordlike(sentence.Lower[k]))
            {
                firstWord = k;
                break;
            }
        }

        var candidates = new List<Candidate>();
        for (var round = 0; round < MaxRounds; round++)
        {
            var ids = sentence.Ids(out var position);
            candidates.Clear();
            for (var k = 0; k < sentence.Count; k++)
            {
                if (sentence.Origin[k] >= 0 && !sentence.Changed[k])
                {
                    Generate(sentence, k, k == firstWord, candidates);
                }
            }

            Candidate? best = null;
            var bestGain = 0.0;
            foreach (var candidate in candidates)
            {
                var delta = Splice(candidate, position) is { } at && Replacement(candidate) is { } inserted
                    ? scores.Delta(ids, at, candidate.Count, inserted)
                    : scores.Delta(ids, sentence.IdsWith(candidate));
                var gain = delta - Margin(candidate.Kind);
                // Overruling the spelling rule's own confident choice takes a clear preference of the model.
                if (candidate.Kind == Kind.Spelling && sentence.Preferred[candidate.First] is { } preferred && preferred != candidate.Replacement[0])
                {
                    gain -= OverruleSpelling;
                }

                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = candidate;
                }
            }

            if (best is null)
            {
                break;
            }

            edits.RemoveAll(e => e.RuleId == SpellingRule.RuleId && e.Count == 1 && e.First == sentence.Origin[best.First]);
            edits.Add(ToEdit(sentence, best));
            sentence.Apply(best);
        }
    }

    /// <summary>Where the candidate's words are in the model's word sequence, when they are whole words there.</summary>
    private static int? Splice(Candidate c, int[] position)
    {
        var at = position[c.First];
        if (at < 0)
        {
            return null;
        }

        for (var i = 1; i < c.Count; i++)
        {
            if (position[c.First + i] != at + i)
            {
                return null;
            }
        }

        return at;
    }

    /// <summary>The model's ids of the replacement, or null when it holds punctuation or a clitic.</summary>
    private int[]? Replacement(Candidate c)
    {
        var ids = new int[c.Replacement.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var word = c.Replacement[i];
            if (!Tokens.IsWordlike(word) || word.Contains('\''))
            {
                return null;
            }

            ids[i] = WordId(word);
        }

        return ids;
    }

    /// <summary>The changes tried at token <paramref name="k"/>.</summary>
    private void Generate(Sentence s, int k, bool sentenceStart, List<Candidate> candidates)
    {
        var w = s.Lower[k];
        if (char.IsUpper(s.Words[k][0]) && !sentenceStart)
        {
            return; // mostly names
        }

        if (s.Spelling[k] is { } suggestions)
        {
            // Only a near miss of a lower-case word that keeps its first letter and any negative prefix ("unknow" is
            // not "know"); names and brands ("Iphones", "Valujet") are left alone.
            foreach (var suggestion in suggestions)
            {
                var lower = suggestion.Count == 1 ? suggestion[0].ToLowerInvariant() : "";
                if (lower.Length > 1 && w.Length > 2 && lower[0] == w[0] && char.IsLower(s.Words[k][0]) && WordId(lower) >= 0 &&
                    !s.Words[k].Skip(1).Any(char.IsUpper) && Distance.DamerauLevenshtein(w, lower) <= (w.Length >= 5 ? 2 : 1) &&
                    !(w.StartsWith("un", StringComparison.Ordinal) && !lower.StartsWith("un", StringComparison.Ordinal)))
                {
                    candidates.Add(new Candidate(Kind.Spelling, k, 1, [lower]));
                }
            }

            return;
        }

        if (!Tokens.IsAlphabetic(w) || WordId(w) < 0)
        {
            return;
        }

        var next = k + 1 < s.Count ? s.Lower[k + 1] : "";
        var nextIsFree = k + 1 < s.Count && s.Origin[k + 1] == s.Origin[k] + 1 && !s.Changed[k + 1] && s.Spelling[k + 1] is null && Tokens.IsAlphabetic(next);
        if (Articles.Contains(w))
        {
            return;
        }

        if (PrepositionConfusions.TryGetValue(w, out var prepositions))
        {
            foreach (var other in prepositions)
            {
                candidates.Add(new Candidate(Kind.PrepositionSubstitution, k, 1, [other]));
            }
        }

        // "understand well than a book" meant "better than": after a comparative, an adjective or an adverb, "than" stays.
        var comparison = w == "than" && k > 0 && (lexicon.IsAdjective(s.Lower[k - 1]) || lexicon.IsAdverb(s.Lower[k - 1]) ||
            s.Lower[k - 1] is "more" or "less" or "fewer" or "rather" or "other");
        if (!comparison && Confusions.TryGetValue(w, out var confused))
        {
            foreach (var other in confused)
            {
                // After a determiner the word is a noun or an adjective, never a verb ("some loose points").
                if (k > 0 && Determiners.Contains(s.Lower[k - 1]) && VerbConfusions.Contains(other))
                {
                    continue;
                }

                candidates.Add(new Candidate(Kind.Confusion, k, 1, Tokens.Tokenize(other).Select(t => t.Text).ToArray()));
            }
        }

        // "many of the things" reads as "many things", not as a missing article.
        // Nor does "the reading passage" lack one before "passage".
        var quantified = k > 1 && (s.Lower[k - 1] == "of" || Tokens.IsAlphabetic(s.Lower[k - 1])) && NoArticleAfter.Contains(s.Lower[k - 2]);
        if (!sentenceStart && k > 0 && !quantified && !NoArticleAfter.Contains(s.Lower[k - 1]) && !NoArticleBefore.Contains(w) &&
            (lexicon.IsNoun(w) || lexicon.IsAdjective(w) || lexicon.NounSingular(w) is not null) && !lexicon.IsAdverb(w) &&
            !(lexicon.IsAdjective(s.Lower[k - 1]) && !lexicon.IsNoun(s.Lower[k - 1])))
        {
            // A bare plural is usually generic ("learn facts"); "the" is wanted before one mainly with "of" after it.
            var plural = lexicon.NounSingular(w) is { } singular && singular != w && !lexicon.IsNoun(w);
            if (!plural || next == "of")
            {
                candidates.Add(new Candidate(Kind.ArticleInsertion, k, 0, ["the"]));
            }

            // "there are a point" never: "there are" is followed by a plural.
            var afterThereAre = k > 1 && s.Lower[k - 2] == "there" && s.Lower[k - 1] is "are" or "were";
            if (GrammarRules.VowelSound(w) is { } vowel && lexicon.NounSingular(w) is null && !afterThereAre)
            {
                candidates.Add(new Candidate(Kind.ArticleInsertion, k, 0, [vowel ? "an" : "a"]));
            }
        }

        if (k + 1 < s.Count && nextIsFree && Merges.Contains(w + next))
        {
            candidates.Add(new Candidate(Kind.Merge, k, 2, [w + next]));
        }

        foreach (var (form, kind) in Inflections(w))
        {
            // "two passes" is a noun's number; "this student passes" is agreement, which the guard may refuse.
            // A number change must not undo agreement with the noun just before ("this student passes" stays).
            var previous = k > 0 ? s.Lower[k - 1] : "";
            var singularBefore = lexicon.IsNoun(previous) && lexicon.NounSingular(previous) is null && !NoArticleAfter.Contains(previous);
            var pluralBefore = lexicon.NounSingular(previous) is { } one && one != previous;
            var nounUse = !SubjectPronouns.Contains(previous) && !(singularBefore && !form.EndsWith('s')) && !(pluralBefore && form.EndsWith('s'));
            var finalKind = kind == Kind.Agreement && nounUse && IsNumberPair(w, form) ? Kind.NounNumber : kind;
            var allowed = finalKind switch
            {
                Kind.Agreement => AgreesAfter(s, k, form),
                Kind.VerbForm => VerbFormAllowed(s, k, w, form),
                // "one of the (greatest) questions" keeps its plural (a rule of its own adds it).
                _ => !AfterOneOf(s, k) && NumberChangeAllowed(s, k, w, form),
            };
            if (allowed)
            {
                candidates.Add(new Candidate(finalKind, k, 1, [form]));
            }
        }
    }

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "some", "many", "few", "several", "these", "those", "this", "that", "my", "your", "his", "her",
        "its", "our", "their", "every", "each", "no", "any",
    ]);

    // The verbs of the confusion pairs, which a determiner cannot precede.
    private static readonly FrozenSet<string> VerbConfusions = FrozenSet.ToFrozenSet(
        ["lose", "advise", "affect", "accept", "choose", "chose", "want", "went", "know", "feel", "fell", "felt"]);

    /// <summary>Whether "one of" comes before the noun at <paramref name="k"/>, past its determiner and up to two modifiers.</summary>
    private static bool AfterOneOf(Sentence s, int k)
    {
        for (var j = k - 2; j >= 1 && j >= k - 4; j--)
        {
            if (s.Lower[j] == "of" && s.Lower[j - 1] == "one")
            {
                return true;
            }
        }

        return false;
    }

    private static readonly FrozenSet<string> Modals = FrozenSet.ToFrozenSet(
        ["can", "could", "will", "would", "shall", "should", "may", "might", "must", "ca", "wo"]);

    // Determiners and quantifiers that take a plural noun ("many science fictions", "these surveillance technologies").
    private static readonly FrozenSet<string> PluralDeterminers = FrozenSet.ToFrozenSet(
    [
        "these", "those", "many", "several", "few", "both", "various", "numerous", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten",
    ]);

    /// <summary>
    /// Where a noun's number is the writer's choice or fixed by its determiner, which the trigram model cannot weigh:
    /// a bare noun before a modal is a generic subject either way ("I think school should", "Surveillance technologies
    /// should"); a plural after a plural determiner one or two words back stays plural ("many science fictions"); and
    /// after an adverb a word that can be a verb is one ("one company really uses").
    /// </summary>
    private bool NumberChangeAllowed(Sentence s, int k, string word, string form)
    {
        var previous = k > 0 ? s.Lower[k - 1] : "";
        if (k + 1 < s.Count && Modals.Contains(s.Lower[k + 1]))
        {
            // The noun phrase's first word, back over up to three modifiers ("the rising average life expectancies").
            var start = k - 1;
            while (start >= 0 && start >= k - 3 && !NoArticleAfter.Contains(s.Lower[start]) &&
                   (lexicon.IsAdjective(s.Lower[start]) || (lexicon.IsNoun(s.Lower[start]) && !lexicon.IsVerb(s.Lower[start]))))
            {
                start--;
            }

            if (start < 0 || !NoArticleAfter.Contains(s.Lower[start]))
            {
                return false;
            }
        }

        var toSingular = lexicon.NounSingular(word) is { } singular && singular != word && singular == form && form != "people";
        if (toSingular && ((k > 0 && PluralDeterminers.Contains(previous)) || (k > 1 && PluralDeterminers.Contains(s.Lower[k - 2]))))
        {
            return false;
        }

        return !(lexicon.IsAdverb(previous) && !lexicon.IsNoun(previous) && !lexicon.IsAdjective(previous) &&
            (lexicon.IsVerb(word) || lexicon.VerbBase(word) is not null));
    }

    private static readonly FrozenSet<string> PersonalPronouns = FrozenSet.ToFrozenSet(["i", "you", "he", "she", "it", "we", "they"]);

    private static readonly FrozenSet<string> SubjectPronouns = FrozenSet.ToFrozenSet(["i", "you", "he", "she", "it", "we", "they", "who", "which", "that"]);

    private bool IsNumberPair(string word, string form) => lexicon.NounSingular(word) == form || lexicon.NounSingular(form) == word;

    // A trigram model does not see a subject further back than the word before the verb.
    private bool AgreesAfter(Sentence s, int k, string verb)
    {
        var subject = k > 0 ? s.Lower[k - 1] : "";
        var third = verb.EndsWith('s');
        // "can it bring": after an auxiliary, the verb takes its base form whatever the subject.
        if (k > 1 && Auxiliaries.Contains(s.Lower[k - 2]))
        {
            return false;
        }

        // "the percentage of old people grows": the noun before the verb may not be its subject (a personal pronoun is).
        for (var j = Math.Max(0, k - 4); j < k - 1 && !PersonalPronouns.Contains(subject); j++)
        {
            if (Prepositions.Contains(s.Lower[j]) || s.Lower[j] is "that" or "which" or "who")
            {
                return false;
            }
        }

        if (subject is "he" or "she" or "it")
        {
            return third;
        }

        if (subject is "i" or "you" or "we" or "they" or "people" or "children")
        {
            return !third;
        }

        if (!Tokens.IsAlphabetic(subject) || subject.Length < 3 || NoArticleBefore.Contains(subject) || Articles.Contains(subject) ||
            lexicon.IsAdjective(subject) || lexicon.IsAdverb(subject))
        {
            return false;
        }

        var singular = lexicon.NounSingular(subject);
        if (singular is not null && singular != subject && !lexicon.IsNoun(subject))
        {
            return !third;
        }

        return lexicon.IsNoun(subject) && !lexicon.IsVerb(subject) && third;
    }

    // Tense is the writer's choice: a past form and a present form are exchanged only where an auxiliary fixes the form.
    private bool VerbFormAllowed(Sentence s, int k, string word, string form)
    {
        // After a determiner, or an adjective in its own right ("an aged population", "a working force"), the word is
        // not a verb; "found" is also the past of "find".
        if ((k > 0 && NoArticleAfter.Contains(s.Lower[k - 1])) || lexicon.IsAdjective(word) ||
            (lexicon.IsIrregularVerbForm(form) && ((lexicon.VerbBase(form) != lexicon.VerbBase(word) && lexicon.VerbBase(form) != word) || lexicon.IsNoun(form))))
        {
            return false;
        }

        // "The dog wagged its tail" must keep its finite verb: an -ing form comes or goes only after an auxiliary, a
        // preposition or an adverb ("has never being" → "been", "for help" → "helping").
        var previous = k > 0 ? s.Lower[k - 1] : "";
        var afterAuxiliary = Auxiliaries.Contains(previous);
        // "are mainly consisting" → never "are mainly consists": after an auxiliary, and any adverbs after it, a verb
        // is never in its third-person form.
        var auxiliaryBefore = afterAuxiliary ||
            (k > 1 && lexicon.IsAdverb(previous) && !lexicon.IsNoun(previous) && Auxiliaries.Contains(s.Lower[k - 2]));
        if (auxiliaryBefore && lexicon.VerbBase(form) is { } formLemma && form == WordNetLexicon.ThirdPersonSingular(formLemma) && form != formLemma)
        {
            return false;
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) || form.EndsWith("ing", StringComparison.Ordinal))
        {
            return afterAuxiliary || Prepositions.Contains(previous) || (lexicon.IsAdverb(previous) && !lexicon.IsNoun(previous));
        }

        return IsPastForm(word) == IsPastForm(form) || afterAuxiliary;
    }

    private bool IsPastForm(string word) =>
        !word.EndsWith("ing", StringComparison.Ordinal) && lexicon.VerbBase(word) is { } lemma && lemma != word &&
        word != WordNetLexicon.ThirdPersonSingular(lemma);

    // Words learners split in two ("some thing", "can not", "my self").
    private static readonly FrozenSet<string> Merges = FrozenSet.ToFrozenSet(
    [
        "something", "anything", "nothing", "everything", "someone", "anyone", "everyone", "somebody", "anybody",
        "everybody", "myself", "yourself", "himself", "herself", "itself", "ourselves", "themselves",
        "yourselves", "somewhere", "anywhere", "everywhere", "nowadays", "sometimes", "although", "without", "within",
        "however", "whatever", "whenever", "wherever", "whoever", "therefore", "moreover", "furthermore",
        "nevertheless", "meanwhile", "otherwise", "because", "today", "tomorrow", "tonight", "forever",
        "another", "already", "altogether", "anyway", "overall", "throughout", "worldwide", "weekend",
        "homework", "classroom", "classmate", "classmates", "website", "online", "healthcare", "lifestyle", "teenager",
        "teenagers", "grandparents", "newspaper", "newspapers", "background", "downtown",
    ]);

    private static readonly FrozenSet<string> Auxiliaries = FrozenSet.ToFrozenSet(
    [
        "to", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "do", "does", "did", "n't", "not",
        "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "have", "has", "had", "'ve", "get", "got",
    ]);

    /// <summary>Other inflections of the word's lemmas: the other number of a noun, the other forms of a verb.</summary>
    internal IReadOnlyList<(string Form, Kind Kind)> Inflections(string word)
    {
        if (_inflections.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var found = FindInflections(word);
        if (_inflections.Count < 100_000)
        {
            _inflections[word] = found;
        }

        return found;
    }

    private (string Form, Kind Kind)[] FindInflections(string word)
    {
        var forms = new Dictionary<string, Kind>(StringComparer.Ordinal);
        if (ClosedClass(word))
        {
            return [];
        }

        var singular = lexicon.NounSingular(word);
        // "goods", "savings", "means": a plural with a meaning of its own.
        if (singular is not null && singular != word && !lexicon.IsNoun(word) && !lexicon.IsAdjective(singular))
        {
            forms[singular] = Kind.NounNumber;
        }
        else if (lexicon.IsNoun(word) && singular is null && !lexicon.IsAdjective(word))
        {
            forms[WordNetLexicon.RegularPlural(word)] = Kind.NounNumber;
            foreach (var plural in lexicon.IrregularPlurals(word))
            {
                forms[plural] = Kind.NounNumber;
            }
        }

        var lemma = lexicon.IsVerb(word) ? word : lexicon.VerbBase(word);
        if (lemma is not null && !ClosedClass(lemma))
        {
            var third = WordNetLexicon.ThirdPersonSingular(lemma);
            foreach (var form in VerbForms(lemma))
            {
                // "thinks" → "think" is agreement even though "thinks" is also a plural noun.
                var agreement = (word == lemma && form == third) || (word == third && form == lemma);
                if (agreement)
                {
                    forms[form] = Kind.Agreement;
                }
                else
                {
                    forms.TryAdd(form, Kind.VerbForm);
                }
            }
        }

        forms.Remove(word);
        return [.. forms.Where(f => f.Key.Length >= 3 && WordId(f.Key) >= 0 && hunspell.Spell(f.Key)).Select(f => (f.Key, f.Value))];
    }

    private static bool ClosedClass(string word) =>
        word.Length < 3 || Articles.Contains(word) || Prepositions.Contains(word) || NoArticleBefore.Contains(word) || Pronouns.Contains(word);

    private static readonly FrozenSet<string> Pronouns = FrozenSet.ToFrozenSet(
    [
        "its", "his", "hers", "ours", "yours", "theirs", "us", "as", "was", "has", "this", "thus", "yes", "less", "unless",
        "news", "whose", "does", "goes", "is", "bus", "plus", "thing", "things", "during", "nothing", "something", "anything",
        "everything", "morning", "evening", "ceiling", "building", "according", "being", "having", "doing", "going", "lot", "lots",
    ]);

    private IEnumerable<string> VerbForms(string lemma)
    {
        var forms = new List<string> { lemma, WordNetLexicon.ThirdPersonSingular(lemma) };
        var irregular = lexicon.IrregularVerbForms(lemma);
        forms.AddRange(irregular);
        if (irregular.Count == 0 || irregular.All(f => f.EndsWith('s')))
        {
            forms.AddRange(Regular(lemma, "ed"));
        }

        forms.AddRange(Regular(lemma, "ing"));
        return forms.Where(f => f == lemma || lexicon.VerbBase(f) == lemma);
    }

    private static IEnumerable<string> Regular(string lemma, string suffix)
    {
        var last = lemma[^1];
        if (suffix == "ed" && last == 'y' && lemma.Length > 1 && !"aeiou".Contains(lemma[^2], StringComparison.Ordinal))
        {
            yield return lemma[..^1] + "ied";
            yield break;
        }

        if (suffix == "ing" && lemma.EndsWith("ie", StringComparison.Ordinal))
        {
            yield return lemma[..^2] + "ying";
            yield break;
        }

        if (last == 'e' && !lemma.EndsWith("ee", StringComparison.Ordinal) && !(suffix == "ing" && lemma.EndsWith("ye", StringComparison.Ordinal)))
        {
            yield return lemma[..^1] + suffix;
            yield break;
        }

        yield return lemma + suffix;
        // stop → stopped, plan → planning (the dictionary and the model decide which spelling exists).
        if (lemma.Length >= 3 && !"aeiouwxy".Contains(last, StringComparison.Ordinal) && "aeiou".Contains(lemma[^2], StringComparison.Ordinal) &&
            !"aeiou".Contains(lemma[^3], StringComparison.Ordinal))
        {
            yield return lemma + last + suffix;
        }
    }

    private TokenEdit ToEdit(Sentence s, Candidate c)
    {
        var first = s.Origin[c.First];
        var original = s.Words[c.First];
        switch (c.Kind)
        {
            case Kind.ArticleInsertion:
                return new TokenEdit(first, 1, [c.Replacement[0], original], EssayIssueCategory.Grammar, ArticleRule,
                    $"An article seems to be missing here: “{c.Replacement[0]} {original}”.", Confident: true);
        }

        var replacement = c.Replacement.Select((r, i) => i == 0 ? Casing.Match(original, r) : r).ToArray();
        var shown = Tokens.Detokenize(replacement);
        return c.Kind switch
        {
            Kind.PrepositionSubstitution => new TokenEdit(first, 1, replacement, EssayIssueCategory.Grammar, PrepositionRule,
                $"The usual preposition here is “{shown}”, not “{original}”.", Confident: true),
            Kind.Confusion => new TokenEdit(first, 1, replacement, EssayIssueCategory.Grammar, ConfusedWordRule,
                $"“{original}” and “{shown}” are easily confused; here you mean “{shown}”.", Confident: true),
            Kind.Merge => new TokenEdit(first, 2, replacement, EssayIssueCategory.Spelling, SpellingRule.RuleId,
                $"“{shown}” is written as one word.", Confident: true),
            Kind.Spelling => new TokenEdit(first, 1, replacement, EssayIssueCategory.Spelling, SpellingRule.RuleId,
                $"“{original}” is not in the dictionary; in this sentence you probably mean “{shown}”.", Confident: true,
                s.Spelling[c.First]?.Where(a => !(a.Count == 1 && string.Equals(a[0], shown, StringComparison.OrdinalIgnoreCase))).ToList()),
            Kind.NounNumber => new TokenEdit(first, 1, replacement, EssayIssueCategory.Grammar, NounNumberRule,
                $"Check the number of the noun: the {(lexicon.NounSingular(c.Replacement[0]) is { } single && single != c.Replacement[0] ? "plural" : "singular")} “{shown}” fits here.", Confident: true),
            Kind.Agreement => new TokenEdit(first, 1, replacement, EssayIssueCategory.Grammar, GrammarRules.SubjectVerbAgreement,
                $"The verb must agree with its subject: “{Tokens.Detokenize([s.Words[c.First - 1], shown])}”.", Confident: true),
            _ => new TokenEdit(first, 1, replacement, EssayIssueCategory.Grammar, VerbFormRule,
                $"Check the form of the verb: “{shown}” fits here, not “{original}”.", Confident: true),
        };
    }

    /// <summary>A change at <see cref="First"/>: replace <see cref="Count"/> tokens (0: insert before it).</summary>
    internal sealed record Candidate(Kind Kind, int First, int Count, IReadOnlyList<string> Replacement);

    /// <summary>The sentence as the other rules left it, and which tokens are still the student's own.</summary>
    private sealed class Sentence
    {
        private readonly Func<string, int> _wordId;

        public Sentence(IReadOnlyList<string> words, List<TokenEdit> edits, Func<string, int> wordId)
        {
            _wordId = wordId;
            // A misspelling's suggestions are weighed by the model even when the spelling rule chose one: its choice
            // ranks by closeness and frequency alone.
            bool Respellable(TokenEdit e) => e.RuleId == SpellingRule.RuleId && e.Count == 1 && e.Replacement.Count == 1 && (!e.Confident || e.Alternatives is { Count: > 0 });
            var applied = edits.Where(e => e.Confident && e.RuleId != GrammarRules.RunOn && !Respellable(e)).OrderBy(e => e.First).ToList();
            var unsure = edits.Where(Respellable).ToDictionary(e => e.First);
            var next = 0;
            foreach (var edit in applied)
            {
                if (edit.First < next)
                {
                    continue;
                }

                for (; next < edit.First; next++)
                {
                    Add(words[next], next, unsure.GetValueOrDefault(next));
                }

                foreach (var r in edit.Replacement)
                {
                    Add(r, -1, null);
                }

                next = edit.End;
            }

            for (; next < words.Count; next++)
            {
                Add(words[next], next, unsure.GetValueOrDefault(next));
            }
        }

        public List<string> Words { get; } = [];

        public List<string> Lower { get; } = [];

        /// <summary>The index of the student's token, or -1 for a token another rule wrote.</summary>
        public List<int> Origin { get; } = [];

        public List<bool> Changed { get; } = [];

        /// <summary>The suggestions for a misspelt token no rule was sure of.</summary>
        public List<List<IReadOnlyList<string>>?> Spelling { get; } = [];

        /// <summary>The spelling rule's confident choice for a misspelt token (lower case), or null.</summary>
        public List<string?> Preferred { get; } = [];

        public int Count => Words.Count;

        private void Add(string word, int origin, TokenEdit? unsure)
        {
            Words.Add(word);
            Lower.Add(word.ToLowerInvariant().Replace('’', '\''));
            Origin.Add(origin);
            Changed.Add(false);
            Spelling.Add(unsure is null || unsure.Replacement.Count == 0 ? null : [unsure.Replacement, .. unsure.Alternatives ?? []]);
            Preferred.Add(unsure is { Confident: true } ? unsure.Replacement[0].ToLowerInvariant() : null);
        }

        public void Apply(Candidate c)
        {
            var original = Words[c.First];
            if (c.Kind == Kind.ArticleInsertion)
            {
                Insert(c.First, c.Replacement[0]);
                Changed[c.First + 1] = true;
                return;
            }

            for (var i = 0; i < c.Count; i++)
            {
                RemoveAt(c.First);
            }

            for (var i = c.Replacement.Count - 1; i >= 0; i--)
            {
                Insert(c.First, i == 0 ? Casing.Match(original, c.Replacement[i]) : c.Replacement[i]);
            }
        }

        private void Insert(int at, string word)
        {
            Words.Insert(at, word);
            Lower.Insert(at, word.ToLowerInvariant());
            Origin.Insert(at, -1);
            Changed.Insert(at, true);
            Spelling.Insert(at, null);
            Preferred.Insert(at, null);
        }

        private void RemoveAt(int at)
        {
            Words.RemoveAt(at);
            Lower.RemoveAt(at);
            Origin.RemoveAt(at);
            Changed.RemoveAt(at);
            Spelling.RemoveAt(at);
            Preferred.RemoveAt(at);
        }

        public int[] Ids(out int[] position)
        {
            position = new int[Lower.Count];
            return LanguageModelWords(Lower, _wordId, position);
        }

        public int[] IdsWith(Candidate c)
        {
            var lower = new List<string>(Lower.Count + 1);
            for (var i = 0; i < c.First; i++)
            {
                lower.Add(Lower[i]);
            }

            lower.AddRange(c.Replacement);
            for (var i = c.First + c.Count; i < Lower.Count; i++)
            {
                lower.Add(Lower[i]);
            }

            return LanguageModelWords(lower, _wordId);
        }
    }

    /// <summary>
    /// The model's word ids for lower-case tokens: punctuation dropped (the model has none), clitics joined to their word
    /// ("do n't" → "don't", "it 's" → "it's"), -1 for a word the model does not know.
    /// </summary>
    /// <param name="lower">The tokens.</param>
    /// <param name="wordId">The model's id of a word.</param>
    /// <param name="position">When given, receives each token's index among the model's words, or -1 for punctuation, a
    /// clitic, or a word a clitic was joined to.</param>
    internal static int[] LanguageModelWords(IReadOnlyList<string> lower, Func<string, int> wordId, int[]? position = null)
    {
        var ids = new List<int>(lower.Count);
        string? previous = null;
        for (var i = 0; i < lower.Count; i++)
        {
            var token = lower[i];
            var clitic = token == "n't" || (token.Length > 1 && token[0] == '\'' && char.IsLetter(token[1]));
            if (clitic && previous is not null)
            {
                var joined = (previous, token) switch
                {
                    ("ca", "n't") => "can't",
                    ("wo", "n't") => "won't",
                    ("sha", "n't") => "shan't",
                    _ => previous + token,
                };
                ids[^1] = wordId(joined);
                previous = null;
                if (position is not null)
                {
                    position[i - 1] = -1;
                    position[i] = -1;
                }

                continue;
            }

            if (!Tokens.IsWordlike(token))
            {
                previous = null;
                if (position is not null)
                {
                    position[i] = -1;
                }

                continue;
            }

            if (position is not null)
            {
                position[i] = ids.Count;
            }

            ids.Add(wordId(token));
            previous = token;
        }

        return [.. ids];
    }

    /// <summary>
    /// The model's scores, remembered across sentences and essays (common trigrams recur; the native lookup takes a
    /// lock), and the score difference a change makes.
    /// </summary>
    private sealed class ScoreCache(IWordLanguageModel model, ConcurrentDictionary<long, double> scores)
    {
        private const int MaxScores = 400_000;
        private static readonly double Ln10 = Math.Log(10);

        /// <summary>
        /// log10 P(after) − log10 P(before) when <paramref name="removed"/> words from <paramref name="at"/> of
        /// <paramref name="ids"/> become <paramref name="inserted"/>: only the changed words and the two after them
        /// (a trigram's reach) are scored.
        /// </summary>
        public double Delta(int[] ids, int at, int removed, ReadOnlySpan<int> inserted)
        {
            var from = Math.Max(0, at - 2);
            var to = Math.Min(ids.Length, at + removed + 2);
            var atEnd = to == ids.Length;
            Span<int> after = stackalloc int[(at - from) + inserted.Length + (to - at - removed)];
            ids.AsSpan(from, at - from).CopyTo(after);
            inserted.CopyTo(after[(at - from)..]);
            ids.AsSpan(at + removed, to - at - removed).CopyTo(after[(at - from + inserted.Length)..]);
            return Sum(after, at - from, from == 0, atEnd) - Sum(ids.AsSpan(from, to - from), at - from, from == 0, atEnd);
        }

        /// <summary>log10 P(after) − log10 P(before) for whole sentences, scoring from the first difference on.</summary>
        public double Delta(int[] before, int[] after)
        {
            var prefix = 0;
            while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
            {
                prefix++;
            }

            var suffix = 0;
            while (suffix < before.Length - prefix && suffix < after.Length - prefix &&
                   before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
            {
                suffix++;
            }

            return Delta(before, prefix, before.Length - prefix - suffix, after.AsSpan(prefix, after.Length - prefix - suffix));
        }

        /// <summary>
        /// The scores of <paramref name="words"/> from <paramref name="first"/> on (the words before are history only),
        /// with the sentence start before the span when <paramref name="atStart"/> and its end after it when
        /// <paramref name="atEnd"/>.
        /// </summary>
        private double Sum(ReadOnlySpan<int> words, int first, bool atStart, bool atEnd)
        {
            var total = 0.0;
            var last = atEnd ? words.Length : words.Length - 1;
            for (var p = first; p <= last; p++)
            {
                var word = p == words.Length ? model.SentenceEnd : words[p];
                if (word < 0)
                {
                    total += UnknownWord;
                    continue;
                }

                // History back to the last unknown word or the sentence start.
                var h1 = p >= 1 ? words[p - 1] : atStart ? model.SentenceStart : -1;
                var h2 = h1 < 0 || h1 == model.SentenceStart ? -1 : p >= 2 ? words[p - 2] : atStart ? model.SentenceStart : -1;
                total += Score(word, h1, h2);
            }

            return total;
        }

        private double Score(int word, int h1, int h2)
        {
            // Ids are below 2^20 (the model has 72,000 words); -1 (none) packs as 0.
            var key = ((long)(word + 1) << 42) | ((long)(h1 + 1) << 21) | (long)(h2 + 1);
            if (scores.TryGetValue(key, out var score))
            {
                return score;
            }

            Span<int> history = [h1, h2];
            var length = h1 < 0 ? 0 : h2 < 0 ? 1 : 2;
            score = model.LogProbability(word, history[..length], out _) / Ln10;
            if (scores.Count < MaxScores)
            {
                scores[key] = score;
            }

            return score;
        }
    }
}

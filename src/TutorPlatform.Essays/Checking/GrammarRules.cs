using System.Collections.Frozen;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// High-precision grammar rules for common learner errors. Each rule looks only at a short window of words and fires
/// only where the context leaves one reading; a near-miss (the same words used correctly) must stay silent.
/// The rule ids are stable: they are stored with the issues and shown to teachers.
/// </summary>
/// <param name="ruleRevision">
/// The rule revision (<see cref="EssayCheckerOptions.RuleRevision"/>). Revision 1 stays as it was (the features of
/// scorer artefacts trained with it depend on it); the changes of revision 2 are each marked <c>Revision2</c>.
/// </param>
internal sealed class GrammarRules(WordNetLexicon lexicon, Hunspell hunspell, WordFrequencies frequencies, int ruleRevision = EssayCheckerOptions.LatestRuleRevision)
{
    /// <summary>Whether the fixes of revision 2 apply (false: revision 1).</summary>
    private bool Revision2 => ruleRevision >= 2;

    public const string ArticleAAn = "ARTICLE_A_AN";
    public const string DoubledWord = "DOUBLED_WORD";
    public const string CapitalI = "CAPITALIZATION_I";
    public const string CapitalSentenceStart = "CAPITALIZATION_SENTENCE_START";
    public const string VerbFormAfterModal = "VERB_FORM_AFTER_MODAL";
    public const string VerbFormAfterTo = "VERB_FORM_AFTER_TO";
    public const string SubjectVerbAgreement = "AGREEMENT_SUBJECT_VERB";
    public const string ThereIsPlural = "AGREEMENT_THERE_IS";
    public const string ThanThen = "CONFUSION_THAN_THEN";
    public const string ItsItIs = "CONFUSION_ITS_ITS";
    public const string TheirThere = "CONFUSION_THEIR_THERE";
    public const string CouldOf = "CONFUSION_COULD_OF";
    public const string DoubleComparative = "DOUBLE_COMPARATIVE";
    public const string UncountableNoun = "NOUN_UNCOUNTABLE_PLURAL";
    public const string NounNumber = "NOUN_NUMBER_AFTER_QUANTIFIER";
    public const string CommaSplice = "COMMA_SPLICE";
    public const string RunOn = "RUN_ON_SENTENCE";
    public const string IntroductoryComma = "COMMA_AFTER_INTRODUCTORY_PHRASE";
    public const string ToToo = "CONFUSION_TO_TOO";
    public const string OneOfThePlural = "NOUN_NUMBER_ONE_OF_THE";
    public const string DeterminerNumber = "DETERMINER_NUMBER";
    public const string IntroductoryClauseComma = "COMMA_AFTER_INTRODUCTORY_CLAUSE";

    // Sentence openers that take a comma after them ("For example, ...").
    private static readonly string[][] IntroductoryPhrases =
    [
        .. new[]
        {
            "for example", "for instance", "in my opinion", "in addition", "however", "thus", "moreover", "furthermore",
            "therefore", "in conclusion", "in this case", "unfortunately", "fortunately", "finally", "firstly",
            "secondly", "thirdly", "lastly", "first of all", "on the other hand", "in other words", "as a result",
            "consequently", "additionally", "of course", "in fact", "in summary", "to sum up", "in short",
            "personally", "nevertheless", "nowadays", "generally speaking", "in my view", "to conclude",
            "on the contrary", "in the end", "meanwhile", "similarly", "likewise", "hence", "also",
        }.Select(p => p.Split(' ')),
    ];

    // Revision 2: more openers that take a comma ("Second, the amount", "From my point of view, ...").
    private static readonly string[][] RevisedIntroductoryPhrases =
    [
        .. new[]
        {
            "first", "second", "third", "yes", "as far as i am concerned", "in my point of view", "from my point of view",
            "as a matter of fact", "in general", "to be honest", "in reality", "above all", "for this reason",
            "because of this", "because of that", "on top of that", "in brief",
        }.Select(p => p.Split(' ')),
    ];

    private static readonly FrozenSet<string> Modals =
        FrozenSet.ToFrozenSet(["can", "could", "will", "would", "shall", "should", "may", "might", "must", "ca", "wo"]);

    private static readonly FrozenSet<string> DoForms = FrozenSet.ToFrozenSet(["do", "does", "did"]);

    private static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(["not", "n't", "never"]);

    // Adverbs that may stand between an auxiliary or a subject and its verb.
    private static readonly FrozenSet<string> MidAdverbs = FrozenSet.ToFrozenSet(
    [
        "not", "n't", "never", "also", "always", "only", "still", "just", "really", "even", "often", "usually",
        "sometimes", "probably", "certainly", "definitely", "already", "easily", "generally", "actually",
    ]);

    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
        ["a", "an", "the", "this", "that", "my", "your", "his", "her", "its", "our", "their", "every", "each", "no", "any", "some"]);

    // Words after which a pronoun is the subject of a new clause.
    private static readonly FrozenSet<string> ClauseOpeners = FrozenSet.ToFrozenSet(
    [
        ",", ";", ":", "and", "but", "so", "because", "if", "when", "while", "although", "though", "since", "or",
        "where", "before", "after", "until", "unless", "whether", "as", "once", "\"", "(", "-", "then", "now",
        "yesterday", "today", "sometimes", "usually", "perhaps", "maybe", "also", "nowadays", "finally",
    ]);

    private static readonly FrozenSet<string> ThirdPersonPronouns = FrozenSet.ToFrozenSet(
        ["he", "she", "it", "everyone", "everybody", "someone", "somebody", "nobody", "anyone", "anybody", "everything"]);

    private static readonly FrozenSet<string> Prepositions = FrozenSet.ToFrozenSet(
        ["of", "for", "to", "with", "by", "among", "about", "from", "in", "on", "at", "between", "like", "than"]);

    private static readonly FrozenSet<string> PluralPronouns = FrozenSet.ToFrozenSet(["i", "you", "we", "they"]);

    // Determiners before a plural subject noun ("the students", "many scientists").
    private static readonly FrozenSet<string> PluralDeterminers = FrozenSet.ToFrozenSet(
        ["the", "these", "those", "many", "most", "some", "all", "both", "few", "several", "my", "your", "our", "their", "his", "her", "other"]);

    // Nouns in -s that are singular or whose "singular" is another word ("news", "physics", "means", "series").
    private static readonly FrozenSet<string> SingularInS = FrozenSet.ToFrozenSet(
    [
        "news", "physics", "mathematics", "economics", "politics", "ethics", "athletics", "gymnastics", "statistics",
        "linguistics", "electronics", "genetics", "logistics", "measles", "diabetes", "series", "species", "means",
        "lens", "bus", "gas", "bias", "crisis", "basis", "analysis", "thesis", "emphasis", "status", "campus", "virus",
        "bonus", "census", "chaos", "corps", "headquarters", "whereabouts", "savings", "earnings", "goods", "clothes",
        "glasses", "thanks", "wages", "arms", "customs", "premises", "outskirts", "surroundings", "lyrics", "sales",
    ]);

    // Frequent verbs whose base form after "he"/"she" can only be an agreement error. Verbs whose past equals the base
    // (let, put, cut, set, hit, read, hurt, cost, quit, shut, spread) are left out.
    private static readonly FrozenSet<string> CommonVerbs = FrozenSet.ToFrozenSet(
    [
        "like", "want", "go", "think", "know", "make", "take", "see", "come", "get", "give", "need", "feel", "say",
        "work", "live", "play", "study", "use", "help", "love", "believe", "try", "learn", "write", "eat", "watch",
        "seem", "become", "mean", "keep", "find", "tell", "ask", "show", "leave", "call", "start", "spend", "prefer",
        "enjoy", "hate", "hope", "agree", "understand", "teach", "buy", "pay", "allow", "bring", "look", "talk", "run",
        "walk", "speak", "travel", "decide", "depend", "affect", "cause", "change", "create", "provide", "include",
        "improve", "increase", "reduce", "support", "remember", "forget", "wish", "expect", "lose", "win", "stay",
        "wait", "move", "sleep", "drink", "drive", "listen", "send", "sell", "begin", "choose", "grow", "happen",
        "matter", "lead", "meet", "mean", "need", "offer", "own", "prove", "realize", "receive", "remain", "require",
        "spend", "suggest", "thank", "visit", "worry",
    ]);

    private static readonly FrozenSet<string> Comparatives = FrozenSet.ToFrozenSet(
    [
        "more", "less", "better", "worse", "rather", "other", "fewer", "greater", "larger", "bigger", "smaller",
        "higher", "lower", "longer", "shorter", "easier", "harder", "faster", "slower", "older", "younger", "cheaper",
        "richer", "poorer", "stronger", "weaker", "happier", "healthier", "safer", "wider", "deeper", "cleverer",
        "smarter", "nicer", "simpler", "busier", "heavier", "lighter", "quicker", "warmer", "colder", "hotter",
    ]);

    private static readonly FrozenSet<string> Superlatives = FrozenSet.ToFrozenSet(
    [
        "best", "worst", "biggest", "largest", "smallest", "highest", "lowest", "easiest", "hardest", "fastest",
        "oldest", "youngest", "greatest", "strongest", "happiest", "richest", "cheapest", "longest", "shortest",
    ]);

    private static readonly FrozenDictionary<string, string> Uncountables = new Dictionary<string, string>
    {
        ["informations"] = "information", ["furnitures"] = "furniture", ["equipments"] = "equipment",
        ["knowledges"] = "knowledge", ["homeworks"] = "homework", ["luggages"] = "luggage",
        ["baggages"] = "baggage", ["softwares"] = "software", ["feedbacks"] = "feedback",
        ["advices"] = "advice", ["vocabularies"] = "vocabulary", ["sceneries"] = "scenery",
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> MassNouns = FrozenSet.ToFrozenSet(
    [
        "information", "advice", "equipment", "knowledge", "homework", "furniture", "money", "time", "water", "work",
        "research", "traffic", "news", "evidence", "software", "music", "food", "pollution", "stuff", "fun",
    ]);

    private static readonly FrozenSet<string> PluralQuantifiers = FrozenSet.ToFrozenSet(
    [
        "many", "several", "various", "numerous", "these", "those", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "twelve", "twenty", "hundreds", "thousands", "millions",
    ]);

    // Function words WordNet also lists as nouns ("are", a unit of area; "will"; "may").
    private static readonly FrozenSet<string> ClosedClass = FrozenSet.ToFrozenSet(
    [
        "are", "will", "may", "might", "must", "can", "shall", "does", "have", "here", "there", "then", "than", "that",
        "this", "what", "which", "when", "with", "from", "into", "onto", "over", "upon", "also", "only", "even", "much",
        "more", "most", "less", "same", "such", "other", "others", "ones", "each", "both", "many", "some", "none",
    ]);

    private static readonly FrozenSet<string> Subordinators = FrozenSet.ToFrozenSet(
    [
        "because", "although", "though", "if", "when", "while", "since", "as", "after", "before", "unless", "whereas",
        "which", "who", "whom", "whose", "where", "that", "until", "so", "and", "but", "or", "however", "than",
    ]);

    private static readonly FrozenSet<string> FiniteVerbs = FrozenSet.ToFrozenSet(
    [
        "is", "are", "was", "were", "am", "has", "have", "had", "will", "can", "could", "would", "should", "must",
        "do", "does", "did", "may", "might", "'s", "'re", "'m", "'ve", "'ll",
    ]);

    /// <summary>Finds the rule edits of one sentence (<paramref name="sentence"/> already spell-corrected).</summary>
    public void Check(SentenceView sentence, List<TokenEdit> edits, bool includeFlags)
    {
        var w = sentence.Lower;
        for (var i = 0; i < w.Length; i++)
        {
            var edit = AAn(sentence, i) ?? Doubled(sentence, i) ?? CapitalisedI(sentence, i) ?? VerbAfterModal(sentence, i)
                ?? VerbAfterTo(sentence, i) ?? Agreement(sentence, i) ?? ThereIs(sentence, i) ?? Than(sentence, i)
                ?? Its(sentence, i) ?? Their(sentence, i) ?? CouldHave(sentence, i) ?? MoreComparative(sentence, i)
                ?? Uncountable(sentence, i) ?? PluralAfterQuantifier(sentence, i) ?? TooBeforeAdjective(sentence, i)
                ?? OneOfThe(sentence, i) ?? ThisPlural(sentence, i) ?? SingularNounAgreement(sentence, i)
                ?? SubordinateClauseAgreement(sentence, i) ?? RelativeClauseAgreement(sentence, i) ?? HumanBeings(sentence, i);
            if (edit is not null)
            {
                edits.Add(edit);
            }
        }

        if (IntroComma(sentence) is { } comma && !edits.Any(e => e.First <= comma.First && comma.First < e.End))
        {
            edits.Add(comma);
        }

        if (ClauseComma(sentence) is { } clauseComma && !edits.Any(e => e.First <= clauseComma.First && clauseComma.First < e.End))
        {
            edits.Add(clauseComma);
        }

        if (includeFlags)
        {
            Splices(sentence, edits);
        }
    }

    private static TokenEdit? AAn(SentenceView s, int i)
    {
        var article = s.At(i);
        if (article is not ("a" or "an") || i + 1 >= s.Count)
        {
            return null;
        }

        var next = s.Words[i + 1];
        if (!Tokens.IsAlphabetic(next) || next.Length < 2 || next.All(char.IsUpper) || (i > 0 && s.At(i - 1) is "(" or "."))
        {
            return null;
        }

        // "a" used as a letter: "a )", "part a and b"
        if (i + 2 < s.Count && s.At(i + 1) is "and" or "or")
        {
            return null;
        }

        bool? vowelSound = VowelSound(s.Lower[i + 1]);
        if (vowelSound is null)
        {
            return null;
        }

        var wanted = vowelSound.Value ? "an" : "a";
        if (wanted == article)
        {
            return null;
        }

        return Replace(i, 1, Casing.Match(s.Words[i], wanted), ArticleAAn,
            vowelSound.Value
                ? $"Use “an” before a vowel sound: “an {next}”."
                : $"Use “a” before a consonant sound: “a {next}”.");
    }

    private static readonly string[] ConsonantSoundPrefixes =
        ["uni", "use", "usu", "uti", "ura", "ure", "uro", "eu", "ewe", "one", "once", "ubi", "uto", "uga", "uk"];

    private static readonly string[] SilentH = ["hour", "honest", "honor", "honour", "heir"];

    /// <summary>Whether a word starts with a vowel sound; null where its spelling does not tell reliably.</summary>
    internal static bool? VowelSound(string word)
    {
        if (word.Length < 2 || !char.IsLetter(word[0]))
        {
            return null;
        }

        var c = word[0];
        if (c is 'a' or 'e' or 'i' or 'o' or 'u')
        {
            if (word.StartsWith("unin", StringComparison.Ordinal) || word.StartsWith("unim", StringComparison.Ordinal) ||
                word.StartsWith("unid", StringComparison.Ordinal))
            {
                return true;
            }

            if (ConsonantSoundPrefixes.Any(p => word.StartsWith(p, StringComparison.Ordinal)))
            {
                return false;
            }

            if (c != 'u')
            {
                return true;
            }

            // under, umbrella, ugly: a vowel sound; unit, unanimous, unable: not told by spelling.
            return word.Length > 2 && !IsVowelLetter(word[1]) && !IsVowelLetter(word[2]) ? true : null;
        }

        if (c == 'h')
        {
            return SilentH.Any(p => word.StartsWith(p, StringComparison.Ordinal));
        }

        return c == 'x' ? null : false;
    }

    private static bool IsVowelLetter(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private TokenEdit? IntroComma(SentenceView s)
    {
        var first = Array.FindIndex(s.Lower, Tokens.IsWordlike);
        if (first < 0)
        {
            return null;
        }

        foreach (var phrase in Revision2 ? [.. IntroductoryPhrases, .. RevisedIntroductoryPhrases] : IntroductoryPhrases)
        {
            var last = first + phrase.Length - 1;
            if (last + 2 >= s.Count || !phrase.Select((w, k) => s.Lower[first + k] == w).All(x => x))
            {
                continue;
            }

            var next = s.Lower[last + 1];
            // Already punctuated, or the phrase is part of the clause ("However much...", "Also known as", "Thus far").
            if (!Tokens.IsWordlike(next) || next is "much" or "many" or "far" or "known" or "if" or "to" or "that" or "the" && phrase[0] is "also" or "however" or "thus" or "hence" ||
                (phrase.Length == 1 && next is "of" or "is" or "was" or "are" or "and" or "or"))
            {
                return null;
            }

            // "Also" links only before a new subject ("Also, I think"), not "Also tracking people is"; so do the short
            // openers of revision 2 ("Second, the amount", not "First time I"; not "In general trend").
            if (phrase is ["also"] or ["first"] or ["second"] or ["third"] or ["in", "general"] or ["in", "reality"] or ["above", "all"] or ["in", "brief"] && next is not ("i" or "we" or "you" or "he" or "she" or "they" or "it" or "the" or "this" or "there" or "if" or "when" or "in" or "many" or "some" or "most"))
            {
                return null;
            }

            // "However developed it is": an adverb of degree, not a linking word.
            if (phrase is ["however"] && (lexicon.IsAdjective(next) || lexicon.IsAdverb(next)) && !lexicon.IsNoun(next))
            {
                return null;
            }

            var words = s.Words[last];
            return new TokenEdit(last, 1, [words, ","], EssayIssueCategory.Punctuation, IntroductoryComma,
                $"Put a comma after an introductory “{string.Join(' ', s.Words[first..(last + 1)])}”.", Confident: true);
        }

        return null;
    }

    private static readonly FrozenSet<string> IntroSubordinators = FrozenSet.ToFrozenSet(
        ["if", "when", "although", "though", "because", "since", "while", "once", "unless", "whenever", "after", "before", "even"]);

    private static readonly FrozenSet<string> SubjectPronouns = FrozenSet.ToFrozenSet(["i", "we", "you", "he", "she", "they"]);

    private static readonly FrozenSet<string> Auxiliaries = FrozenSet.ToFrozenSet(
    [
        "will", "would", "can", "could", "should", "must", "may", "might", "ca", "wo", "is", "are", "am", "was", "were",
        "have", "has", "had", "do", "does", "did",
    ]);

    // Words after which a pronoun and auxiliary go on the same clause ("If you think you can", "that they will").
    private static readonly FrozenSet<string> ClauseContinues = FrozenSet.ToFrozenSet(
    [
        "that", "and", "or", "but", "because", "if", "when", "what", "which", "who", "where", "as", "than", "so", "how",
        "why", "whether", "since", "before", "after", "until", "while", "unless", "whatever", "whenever", "think",
        "thinks", "thought", "know", "knows", "knew", "believe", "believes", "say", "says", "said", "feel", "feels",
        "felt", "hope", "guess", "mean", "suppose", "realize", "realise", "realized", "see", "saw", "find", "found",
        "understand", "wish", "expect", "decide", "agree", "imagine", "notice", "show", "prove", "remember", "forget",
        "sure", "afraid", "glad", "worried", "sorry", "told", "tell", "ask", "asked", "is", "are", "was", "were",
    ]);

    /// <summary>
    /// "If you want a product you can sell it": after an opening subordinate clause, a comma before the main clause,
    /// found where a subject pronoun and an auxiliary start it ("… product , you can").
    /// </summary>
    private static TokenEdit? ClauseComma(SentenceView s)
    {
        var first = Array.FindIndex(s.Lower, Tokens.IsWordlike);
        if (first < 0 || !IntroSubordinators.Contains(s.Lower[first]) ||
            (s.Lower[first] == "even" && s.At(first + 1) is not ("though" or "if" or "after" or "when")))
        {
            return null;
        }

        for (var j = first + 3; j + 1 < s.Count; j++)
        {
            var previous = s.Lower[j - 1];
            if (!Tokens.IsWordlike(previous))
            {
                return null; // the clause is already closed by punctuation
            }

            if (SubjectPronouns.Contains(s.Lower[j]) && Auxiliaries.Contains(s.Lower[j + 1]))
            {
                return ClauseContinues.Contains(previous) || SubjectPronouns.Contains(previous)
                    ? null
                    : new TokenEdit(j - 1, 1, [s.Words[j - 1], ","], EssayIssueCategory.Punctuation, IntroductoryClauseComma,
                        $"Put a comma after the opening “{s.Words[first]} …” clause, before the main clause.", Confident: true);
            }
        }

        return null;
    }

    private TokenEdit? Doubled(SentenceView s, int i)
    {
        if (i + 1 >= s.Count || s.Lower[i] != s.Lower[i + 1] || !Tokens.IsAlphabetic(s.Words[i]) ||
            s.Lower[i] is "had" or "that" or "is" or "was" or "do" or "so" or "bye" or "no" or "ha" or "well" or "blah" or "very" or "many" or "long")
        {
            return null;
        }

        // Revision2: "if they fire you you will": an object, then the subject of the next clause.
        if (Revision2 && s.Lower[i] is "you" or "it" or "her" && Auxiliaries.Contains(s.At(i + 2)))
        {
            return null;
        }

        return new TokenEdit(i, 2, [s.Words[i]], EssayIssueCategory.Grammar, DoubledWord,
            $"The word “{s.Words[i]}” is repeated.", Confident: true);
    }

    private static TokenEdit? CapitalisedI(SentenceView s, int i)
    {
        if (s.Words[i] != "i" || (i > 0 && s.At(i - 1) == "(") || s.At(i + 1) is ")" or "." or "-" or "/")
        {
            return null;
        }

        return Replace(i, 1, "I", CapitalI, "The pronoun “I” is always written as a capital letter.");
    }

    private TokenEdit? VerbAfterModal(SentenceView s, int i)
    {
        var aux = s.At(i);
        var isModal = Modals.Contains(aux);
        if (!isModal && !DoForms.Contains(aux))
        {
            return null;
        }

        if (i > 0 && (Determiners.Contains(s.Lower[i - 1]) || s.Lower[i - 1] is "free" or "good"))
        {
            return null;
        }

        // Revision2: after a preposition the word is no modal ("knowledge on may subjects" is a misspelt "many").
        if (Revision2 && i > 0 && Prepositions.Contains(s.Lower[i - 1]) && s.Lower[i - 1] != "to")
        {
            return null;
        }

        var j = i + 1;
        var negated = false;
        while (j < s.Count && j <= i + 2 && MidAdverbs.Contains(s.Lower[j]))
        {
            negated |= Negations.Contains(s.Lower[j]);
            j++;
        }

        // "do" is also a main verb ("I do exercises"): only its negation surely needs a bare verb.
        if (j >= s.Count || (!isModal && !negated))
        {
            return null;
        }

        var verb = s.Lower[j];
        var fixedVerb = verb switch
        {
            "is" or "are" or "was" or "were" or "am" when isModal => "be",
            "has" or "had" when isModal => "have",
            "has" when !isModal => "have",
            _ => InflectedVerbBase(verb),
        };
        if (fixedVerb is null || fixedVerb == verb)
        {
            return null;
        }

        return Replace(j, 1, Casing.Match(s.Words[j], fixedVerb), VerbFormAfterModal,
            $"After “{s.Words[i]}{(negated ? " " + s.Words[j - 1] : "")}”, use the base form of the verb: “{fixedVerb}”.");
    }

    /// <summary>The base of a past or third-person form that is not itself a base form ("went" → "go"), else null.</summary>
    private string? InflectedVerbBase(string verb)
    {
        if (verb.Length < 3 || !Tokens.IsAlphabetic(verb) || verb.EndsWith("ing", StringComparison.Ordinal) || lexicon.IsVerb(verb))
        {
            return null;
        }

        var isPast = lexicon.IsIrregularVerbForm(verb) || verb.EndsWith("ed", StringComparison.Ordinal);
        var isThirdPerson = verb.EndsWith('s');
        if (!isPast && !isThirdPerson)
        {
            return null;
        }

        var verbBase = lexicon.VerbBase(verb);
        return verbBase is null || verbBase == verb ? null : verbBase;
    }

    private TokenEdit? VerbAfterTo(SentenceView s, int i)
    {
        if (s.At(i) != "to" || i == 0 || i + 1 >= s.Count)
        {
            return null;
        }

        // Only after verbs that take an infinitive: "want to went", "used to lived".
        var head = s.Lower[i - 1];
        if (head is not ("want" or "wants" or "wanted" or "need" or "needs" or "needed" or "have" or "has" or "had" or
            "try" or "tries" or "tried" or "decide" or "decided" or "used" or "going" or "able" or "like" or "likes" or
            "liked" or "hope" or "hoped" or "plan" or "planned" or "would" or "order" or "started" or "began"))
        {
            return null;
        }

        var verb = s.Lower[i + 1];
        if (lexicon.IsNoun(verb) || lexicon.IsAdjective(verb))
        {
            return null;
        }

        var verbBase = InflectedVerbBase(verb);
        if (verbBase is null || lexicon.NounSingular(verb) is not null)
        {
            return null;
        }

        return Replace(i + 1, 1, Casing.Match(s.Words[i + 1], verbBase), VerbFormAfterTo,
            $"After “to”, use the base form of the verb: “to {verbBase}”.");
    }

    private TokenEdit? Agreement(SentenceView s, int i)
    {
        var subject = s.At(i);
        var thirdPerson = ThirdPersonPronouns.Contains(subject);
        var pluralNoun = !thirdPerson && !PluralPronouns.Contains(subject) && subject is not ("people" or "children") && IsPluralNounOnly(s, i);
        var plural = PluralPronouns.Contains(subject) || subject is "people" or "children" || pluralNoun;
        if (!thirdPerson && !plural)
        {
            return null;
        }

        var opener = i == 0 ? "" : s.Lower[i - 1];
        var clauseStart = i == 0 || ClauseOpeners.Contains(opener) || (i == 1 && !char.IsLetterOrDigit(opener[0]));
        if (pluralNoun)
        {
            // "Students goes", "The students goes", "because many scientists says": the noun (or its determiner) must
            // open the clause, so "the boy who likes the dogs is" or "the book on the tables is" are left alone.
            // Not after "and", "or" or a comma: "cancer and diseases is" may have a longer subject.
            static bool Opens(string word) => word == "that" || (ClauseOpeners.Contains(word) && Tokens.IsAlphabetic(word) && word is not ("and" or "or"));
            var determinerStart = PluralDeterminers.Contains(opener) && (i == 1 || (i > 1 && Opens(s.Lower[i - 2])));
            clauseStart = i == 0 || Opens(opener) || determinerStart;
        }
        else if (subject is "people" or "children")
        {
            // "the number of old people is": the subject is the head before the preposition.
            var beforeOpener = i > 1 ? s.Lower[i - 2] : "";
            clauseStart = (i == 0 || !Tokens.IsAlphabetic(opener) || ClauseOpeners.Contains(opener) ||
                opener is "the" or "most" or "many" or "some" or "these" or "those" or "young" or "old" or "other") &&
                !Prepositions.Contains(opener) && !Prepositions.Contains(beforeOpener);
        }
        else if (!clauseStart && opener == "that")
        {
            clauseStart = true;
        }

        if (!clauseStart)
        {
            return null;
        }

        var j = i + 1;
        while (j < s.Count && j <= i + 2 && MidAdverbs.Contains(s.Lower[j]) && !Negations.Contains(s.Lower[j]))
        {
            j++;
        }

        if (j >= s.Count)
        {
            return null;
        }

        var verb = s.Lower[j];
        string? wanted = null;
        if (thirdPerson)
        {
            wanted = verb switch
            {
                "have" => "has",
                "do" when s.At(j + 1) is "n't" or "not" => "does",
                "are" => "is",
                _ => opener != "that" && CommonVerbs.Contains(verb) && !Negations.Contains(s.At(j + 1))
                    ? WordNetLexicon.ThirdPersonSingular(verb)
                    : null,
            };
            // "it" is an object as often as a subject: only its auxiliaries are safe at a clause start after a word.
            if (subject == "it" && wanted is not null && verb is not ("have" or "do" or "are") && i > 0 && opener is not ("," or ";" or "and" or "but" or "because" or "so"))
            {
                wanted = null;
            }
        }
        else
        {
            // Revision2: "He and I are": "I" ends a compound subject.
            if (Revision2 && subject == "i" && opener is "and" or "or" or "nor")
            {
                return null;
            }

            wanted = (subject, verb) switch
            {
                (_, "has") => "have",
                (_, "does") when s.At(j + 1) is "n't" or "not" => "do",
                ("i", "is") or ("i", "are") => "am",
                (not "i", "is") => "are",
                (not "i", "was") => "were",
                (not "i", "am") => "are",
                (_, var v) when !Negations.Contains(s.At(j + 1)) && lexicon.VerbBase(v) is { } verbBase && CommonVerbs.Contains(verbBase)
                                && v == WordNetLexicon.ThirdPersonSingular(verbBase) => verbBase,
                _ => null,
            };
        }

        if (wanted is null || wanted == verb)
        {
            return null;
        }

        return Replace(j, 1, Casing.Match(s.Words[j], wanted), SubjectVerbAgreement,
            $"The verb must agree with its subject: “{s.Words[i]} {wanted}”.");
    }

    // Nouns that take a plural verb after a singular-looking determiner ("a lot have", "a number of", "a couple").
    private static readonly FrozenSet<string> PluralSenseNouns = FrozenSet.ToFrozenSet(
    [
        "lot", "number", "couple", "majority", "minority", "half", "third", "quarter", "percent", "bit", "few", "variety",
        "group", "pair", "series", "species", "people", "police", "staff", "team", "family", "government", "public", "data",
    ]);

    /// <summary>
    /// "This point affect the environment", "Every student have", "Each country do n't": a clause that opens with a
    /// determiner only a singular noun takes, then a singular noun, then a base-form verb.
    /// </summary>
    private TokenEdit? SingularNounAgreement(SentenceView s, int i)
    {
        if (s.At(i) is not ("this" or "every" or "each") || i + 2 >= s.Count)
        {
            return null;
        }

        var opener = i == 0 ? "" : s.Lower[i - 1];
        if (i > 0 && Tokens.IsAlphabetic(opener) && !ClauseOpeners.Contains(opener))
        {
            return null;
        }

        var noun = s.Lower[i + 1];
        if (!Tokens.IsAlphabetic(noun) || !lexicon.IsNoun(noun) || lexicon.NounSingular(noun) is not null || PluralSenseNouns.Contains(noun) ||
            ClosedClass.Contains(noun) || s.At(i + 2) is "'s" or "'")
        {
            return null;
        }

        var verb = s.Lower[i + 2];
        var wanted = verb switch
        {
            "have" => "has",
            "do" when s.At(i + 3) is "n't" or "not" => "does",
            "are" => "is",
            "were" => "was",
            _ => CommonVerbs.Contains(verb) && !lexicon.IsNoun(verb) && !Negations.Contains(s.At(i + 3)) ? WordNetLexicon.ThirdPersonSingular(verb) : null,
        };
        return wanted is null || wanted == verb
            ? null
            : Replace(i + 2, 1, Casing.Match(s.Words[i + 2], wanted), SubjectVerbAgreement,
                $"The verb must agree with its subject: “{s.Words[i]} {s.Words[i + 1]} {wanted}”.");
    }

    // "this students" → "these students" (only before a noun that cannot be a verb: "this costs" may be a clause).
    private TokenEdit? ThisPlural(SentenceView s, int i) =>
        s.At(i) == "this" && i + 1 < s.Count && IsPluralNounOnly(s, i + 1)
            ? Replace(i, 1, Casing.Match(s.Words[i], "these"), DeterminerNumber, $"Use “these” before a plural noun: “these {s.Words[i + 1]}”.")
            : null;

    /// <summary>A plural noun ("rights", "students"), whatever else the word may be.</summary>
    private bool IsPluralNoun(string word) =>
        word.Length > 3 && !SingularInS.Contains(word) && lexicon.NounSingular(word) is { } singular && singular != word;

    /// <summary>A regular plural of a noun that cannot also be read as a verb, adjective or name ("students", not "needs", "costs" or "James").</summary>
    private bool IsPluralNounOnly(SentenceView s, int i)
    {
        var word = s.Lower[i];
        return word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !SingularInS.Contains(word)
               && (i == 0 || !char.IsUpper(s.Words[i][0]))
               && lexicon.NounSingular(word) is { } singular && singular != word
               && lexicon.VerbBase(word) is null && !lexicon.IsAdjective(word) && !lexicon.IsAdverb(word)
               && s.At(i + 1) is not ("'s" or "'");
    }

    private TokenEdit? ThereIs(SentenceView s, int i)
    {
        if (s.At(i) != "there" || s.At(i + 1) is not ("is" or "was") || i + 2 >= s.Count)
        {
            return null;
        }

        var next = s.Lower[i + 2];
        var pluralFollows = PluralQuantifiers.Contains(next) && next is not ("these" or "those" or "both") ||
            (next.Length > 3 && next.EndsWith('s') && !lexicon.IsNoun(next) && !lexicon.IsAdjective(next) &&
             !lexicon.IsAdverb(next) && lexicon.NounSingular(next) is not null && s.At(i + 3) is not "'s");
        if (!pluralFollows)
        {
            return null;
        }

        var wanted = s.Lower[i + 1] == "is" ? "are" : "were";
        return Replace(i + 1, 1, Casing.Match(s.Words[i + 1], wanted), ThereIsPlural,
            $"With a plural noun, write “there {wanted}”.");
    }

    private TokenEdit? Than(SentenceView s, int i)
    {
        if (s.At(i) != "then" || i == 0)
        {
            return null;
        }

        var previous = s.Lower[i - 1];
        var comparative = i - 1;
        if (!Comparatives.Contains(previous) && !IsComparative(previous))
        {
            // "more homework then us", "fewer cars then ever": a comparison object right after "then", with "more",
            // "less" or "fewer" at most two plain words before.
            comparative = -1;
            if (ComparisonObjects.Contains(s.At(i + 1)))
            {
                for (var k = i - 2; k >= Math.Max(0, i - 3); k--)
                {
                    if (s.Lower[k] is "more" or "less" or "fewer")
                    {
                        comparative = k;
                        break;
                    }

                    if (!Tokens.IsAlphabetic(s.Lower[k]) || lexicon.VerbBase(s.Lower[k]) is not null || lexicon.IsVerb(s.Lower[k]) && !lexicon.IsNoun(s.Lower[k]))
                    {
                        break;
                    }
                }
            }

            if (comparative < 0 || !Tokens.IsAlphabetic(previous))
            {
                return null;
            }
        }

        return Replace(i, 1, Casing.Match(s.Words[i], "than"), ThanThen,
            $"Comparisons use “than” (“{s.Words[comparative]}{(comparative == i - 1 ? "" : " …")} than”); “then” is about time.");
    }

    // Words that follow "than" in a comparison but hardly ever follow "then".
    private static readonly FrozenSet<string> ComparisonObjects = FrozenSet.ToFrozenSet(
        ["us", "me", "him", "them", "ever", "anyone", "anybody", "anything", "everyone", "everybody", "everything", "others", "usual", "expected"]);

    private bool IsComparative(string word)
    {
        if (word.Length < 5 || !word.EndsWith("er", StringComparison.Ordinal) || lexicon.IsNoun(word) || lexicon.IsVerb(word))
        {
            return false;
        }

        var stem = word[..^2];
        return lexicon.IsAdjective(stem) || lexicon.IsAdjective(stem + "e") ||
            (stem.EndsWith('i') && lexicon.IsAdjective(stem[..^1] + "y")) ||
            (stem.Length > 2 && stem[^1] == stem[^2] && lexicon.IsAdjective(stem[..^1]));
    }

    private static TokenEdit? Its(SentenceView s, int i)
    {
        if (s.At(i) == "its" && s.At(i + 1) is "a" or "an" or "the" or "not" or "very" or "so" or "too" or "really" or "always" or "also" or "because")
        {
            return new TokenEdit(i, 1, [Casing.Match(s.Words[i], "it"), "'s"], EssayIssueCategory.Grammar, ItsItIs,
                "“its” is possessive; here you mean “it's” (it is).", Confident: true);
        }

        if (s.At(i) == "it" && s.At(i + 1) == "'s" && s.At(i + 2) == "own")
        {
            return new TokenEdit(i, 2, [Casing.Match(s.Words[i], "its")], EssayIssueCategory.Grammar, ItsItIs,
                "“it's” means “it is”; the possessive is “its own”.", Confident: true);
        }

        return null;
    }

    private static TokenEdit? Their(SentenceView s, int i)
    {
        if (s.At(i) == "their" && s.At(i + 1) is "is" or "are" or "was" or "were")
        {
            return Replace(i, 1, Casing.Match(s.Words[i], "there"), TheirThere,
                "“their” is possessive; to say something exists, write “there is/are”.");
        }

        if (s.At(i) == "there" && s.At(i + 1) == "own")
        {
            return Replace(i, 1, Casing.Match(s.Words[i], "their"), TheirThere,
                "The possessive is “their own”; “there” is about place or existence.");
        }

        return null;
    }

    private static TokenEdit? CouldHave(SentenceView s, int i)
    {
        if (s.At(i) == "of" && i > 0 && s.Lower[i - 1] is "could" or "would" or "should" or "must" or "might" &&
            Tokens.IsAlphabetic(s.At(i + 1)))
        {
            return Replace(i, 1, Casing.Match(s.Words[i], "have"), CouldOf,
                $"Write “{s.Words[i - 1]} have”, not “{s.Words[i - 1]} of”.");
        }

        return null;
    }

    private TokenEdit? MoreComparative(SentenceView s, int i)
    {
        var first = s.At(i);
        var next = s.At(i + 1);
        var doubled = (first == "more" && next is not ("more" or "less" or "other" or "rather" or "fewer") &&
                       (Comparatives.Contains(next) || IsComparative(next))) ||
                      (first == "most" && Superlatives.Contains(next));
        if (!doubled)
        {
            return null;
        }

        return new TokenEdit(i, 2, [Casing.Match(s.Words[i], s.Words[i + 1])], EssayIssueCategory.Grammar, DoubleComparative,
            $"“{s.Words[i + 1]}” is already {(first == "more" ? "a comparative" : "a superlative")}; drop “{s.Words[i]}”.",
            Confident: true);
    }

    private TokenEdit? TooBeforeAdjective(SentenceView s, int i)
    {
        if (s.At(i) != "to" || i == 0 || i + 1 >= s.Count)
        {
            return null;
        }

        var next = s.Lower[i + 1];
        var after = s.At(i + 2);
        // "to much" (not "amount to much"), or "is to expensive": "to" before an adjective that ends the phrase.
        var tooMuch = next == "much" && s.Lower[i - 1] is not ("amount" or "amounts" or "amounted" or "add" or "adds" or "added") &&
            // Revision2: "lead to much purer water": "much" modifies a comparative, and "to" is the preposition.
            !(Revision2 && (Comparatives.Contains(after) || IsComparative(after)));
        var tooAdjective = s.Lower[i - 1] is "is" or "are" or "was" or "were" or "be" or "'s" or "'re" or "been" or "seems" or "seem" or "feel" or "feels" &&
            Tokens.IsAlphabetic(next) && lexicon.IsAdjective(next) && !lexicon.IsVerb(next) && !lexicon.IsNoun(next) &&
            !ClosedClass.Contains(next) && (after.Length == 0 || !Tokens.IsAlphabetic(after) || after is "for" or "to" or "and" or "that" or "because");
        if (!tooMuch && !tooAdjective)
        {
            return null;
        }

        return Replace(i, 1, Casing.Match(s.Words[i], "too"), ToToo,
            $"“too” means “more than enough”: “too {s.Words[i + 1]}”.");
    }

    private TokenEdit? OneOfThe(SentenceView s, int i)
    {
        if (s.At(i) != "one" || s.At(i + 1) != "of" || s.At(i + 2) is not ("the" or "my" or "his" or "her" or "our" or "their" or "your" or "its"))
        {
            return null;
        }

        var j = i + 3;
        while (j < s.Count && j < i + 6 && (s.Lower[j] is "most" or "more" or "best" or "biggest" or "greatest" or "main" or "important" ||
               (lexicon.IsAdjective(s.Lower[j]) && !lexicon.IsNoun(s.Lower[j]))))
        {
            j++;
        }

        if (j >= s.Count)
        {
            return null;
        }

        var noun = s.Lower[j];
        var after = s.At(j + 1);
        if (noun.Length < 3 || ClosedClass.Contains(noun) || !Tokens.IsAlphabetic(noun) || !lexicon.IsNoun(noun) || MassNouns.Contains(noun) ||
            noun.EndsWith('s') || (Tokens.IsAlphabetic(after) && lexicon.IsNoun(after) && !(after is "is" or "was" or "that" or "which" or "who" or "in" or "of" or "for" or "to")))
        {
            return null;
        }

        // Revision2: "one of the basic rights": the word is a modifier of the plural noun after it (WordNet lists
        // plurals such as "rights" under their singular only).
        if (Revision2 && Tokens.IsAlphabetic(after) && IsPluralNoun(after))
        {
            return null;
        }

        var plural = WordNetLexicon.RegularPlural(noun);
        if (!hunspell.Spell(plural) || lexicon.NounSingular(plural) != noun || frequencies.Count(plural) < 5)
        {
            return null;
        }

        return Replace(j, 1, Casing.Match(s.Words[j], plural), OneOfThePlural,
            $"“one of the …” is followed by a plural noun: “{plural}”.");
    }

    // Revision 2: more nouns learners pluralise that have no plural (none of them a verb's -s form).
    private static readonly FrozenDictionary<string, string> MoreUncountables = new Dictionary<string, string>
    {
        ["surveillances"] = "surveillance", ["evidences"] = "evidence", ["pollutions"] = "pollution",
        ["infrastructures"] = "infrastructure", ["healthcares"] = "healthcare", ["machineries"] = "machinery",
        ["garbages"] = "garbage", ["jewelries"] = "jewelry", ["wildlifes"] = "wildlife",
    }.ToFrozenDictionary();

    private TokenEdit? Uncountable(SentenceView s, int i) =>
        (Uncountables.TryGetValue(s.Lower[i], out var singular) || (Revision2 && MoreUncountables.TryGetValue(s.Lower[i], out singular))) &&
        !(s.Lower[i] == "advices" && i > 0 && PluralPronouns.Contains(s.Lower[i - 1]))
            ? Replace(i, 1, Casing.Match(s.Words[i], singular), UncountableNoun,
                $"“{singular}” is uncountable in English and has no plural.")
            : null;

    private TokenEdit? PluralAfterQuantifier(SentenceView s, int i)
    {
        var quantifier = s.At(i);
        if (i + 2 > s.Count)
        {
            return null;
        }

        if (quantifier is "every" or "each")
        {
            var noun = s.At(i + 1);
            if (noun == "one" || s.At(i + 2) is "of" or "other" || lexicon.IsNoun(noun) || lexicon.IsAdjective(noun) || lexicon.IsVerb(noun))
            {
                return null;
            }

            var singular = lexicon.NounSingular(noun);
            if (singular is null || singular == noun || !hunspell.Spell(singular))
            {
                return null;
            }

            return Replace(i + 1, 1, Casing.Match(s.Words[i + 1], singular), NounNumber,
                $"After “{s.Words[i]}”, use a singular noun: “{singular}”.");
        }

        var isMuch = quantifier == "much" && (i == 0 || s.Lower[i - 1] is not ("very" or "so" or "too" or "how" or "as"));
        // Revision2: also "few" ("a few" too) and "both" (not "both society and the environment").
        var revisedQuantifier = Revision2 && (quantifier == "few" ||
            (quantifier == "both" && !s.Lower.Skip(i + 2).Take(3).Any(w => w is "and" or "or")));
        if (!PluralQuantifiers.Contains(quantifier) && !isMuch && !revisedQuantifier)
        {
            return null;
        }

        if (i > 0 && s.Lower[i - 1] is "of" or "the" or "a" or "these" or "those" && !(quantifier == "few" && s.Lower[i - 1] == "a"))
        {
            return null;
        }

        var word = s.At(i + 1);
        if (isMuch)
        {
            var isPlural = word is "people" or "children" ||
                (word.EndsWith('s') && !lexicon.IsNoun(word) && !lexicon.IsAdjective(word) && !lexicon.IsAdverb(word) && lexicon.NounSingular(word) is not null);
            return isPlural && !MassNouns.Contains(lexicon.NounSingular(word) ?? word)
                ? Replace(i, 1, Casing.Match(s.Words[i], "many"), NounNumber, $"With a plural noun, use “many”: “many {s.Words[i + 1]}”.")
                : null;
        }

        var after = s.At(i + 2);
        // Revision2: a finite verb after the noun shows it is the subject ("Many teenager do", "These book are"), even
        // where the word can also be a verb ("these book", "both parent"); "These cost money" stays. So does a frequent
        // verb in its base form before what cannot continue a compound noun ("Few student finish the", not "two student
        // work samples").
        var verbFollows = Revision2 && FiniteAfterNoun.Contains(after);
        var baseVerbFollows = Revision2 && CommonVerbs.Contains(after) && EndsNounPhrase(s.At(i + 3));
        // A singular noun that cannot be anything else, not the first half of a compound ("two student loans").
        if (word.Length < 4 || ClosedClass.Contains(word) || !Tokens.IsAlphabetic(word) || !lexicon.IsNoun(word) || lexicon.IsAdjective(word) ||
            (lexicon.IsVerb(word) && !verbFollows) || lexicon.IsAdverb(word) || MassNouns.Contains(word) || word.EndsWith('s') ||
            (Revision2 && (PluralSenseNouns.Contains(word) || word is "cattle" or "livestock" or "clergy")) ||
            lexicon.NounSingular(word) is { } already && already != word)
        {
            return null;
        }

        if (after.Length == 0 || (Tokens.IsAlphabetic(after) && (lexicon.IsNoun(after) || lexicon.NounSingular(after) is not null) && !verbFollows && !baseVerbFollows &&
            !(after is "of" or "in" or "and" or "are" or "were" or "have" or "that" or "which" or "who" or "to" or "for" or "with" or "from" or "on" or "at" or "can" or "will")))
        {
            return null;
        }

        var plural = WordNetLexicon.RegularPlural(word);
        // A plural students actually write: mass nouns ("fiction") have none.
        if (!hunspell.Spell(plural) || lexicon.NounSingular(plural) != word || frequencies.Count(plural) < 5)
        {
            return null;
        }

        return Replace(i + 1, 1, Casing.Match(s.Words[i + 1], plural), NounNumber,
            $"After “{s.Words[i]}”, use the plural: “{plural}”.");
    }

    // Subordinators after which a bare singular noun is the clause's subject ("If school start"); "before", "after",
    // "until" and "since" are also prepositions ("after school go home"), so they need a determiner ("after the bell ring").
    private static readonly FrozenSet<string> BareSubjectSubordinators = FrozenSet.ToFrozenSet(
        ["if", "when", "whenever", "because", "although", "though", "unless", "while", "once"]);

    private static readonly FrozenSet<string> TimeSubordinators = FrozenSet.ToFrozenSet(["before", "after", "until", "since"]);

    private static readonly FrozenSet<string> SubjectDeterminers = FrozenSet.ToFrozenSet(
        ["the", "my", "your", "his", "her", "its", "our", "their", "a", "an"]);

    private static readonly FrozenSet<string> ObjectPronouns = FrozenSet.ToFrozenSet(["me", "you", "him", "her", "it", "us", "them"]);

    /// <summary>
    /// Revision 2: "If school start later", "When the teacher come in", "because my brother want to": a subordinator,
    /// a singular noun (bare, or after "the" or a possessive) and a base-form verb. A verb that is also a noun
    /// ("start", "work") counts only before what cannot continue a compound noun ("later", "in", "to", "the", "me"):
    /// "If school start times change" stays.
    /// </summary>
    private TokenEdit? SubordinateClauseAgreement(SentenceView s, int i)
    {
        if (!Revision2 || !(BareSubjectSubordinators.Contains(s.At(i)) || TimeSubordinators.Contains(s.At(i))))
        {
            return null;
        }

        var n = i + 1;
        if (SubjectDeterminers.Contains(s.At(n)))
        {
            n++;
        }
        else if (!BareSubjectSubordinators.Contains(s.At(i)) || CommonVerbs.Contains(s.At(n)))
        {
            return null; // a bare noun, not after "after"/"before"/..., and no frequent verb ("while take like")
        }

        var noun = s.At(n);
        if (n + 1 >= s.Count || !MaySingularSubject(noun, s.Words[n]) ||
            (noun.EndsWith('s') ? !SingularInS.Contains(noun) || noun is "news" or "series" or "species" or "means" or "goods" or "clothes" or "glasses" or "thanks" or "wages" or "arms" or "customs" or "premises" or "outskirts" or "surroundings" or "lyrics" or "sales" or "savings" or "earnings" or "headquarters" or "whereabouts"
                : lexicon.NounSingular(noun) is not null) ||
            noun is "one" || s.At(n + 1) is "'s" or "'")
        {
            return null;
        }

        var j = n + 1;
        var verb = s.Lower[j];
        var wanted = SingularVerb(verb, s.At(j + 1));
        return wanted is null || wanted == verb
            ? null
            : Replace(j, 1, Casing.Match(s.Words[j], wanted), SubjectVerbAgreement,
                $"The verb must agree with its subject: “{string.Join(' ', s.Words[(i + 1)..j])} {wanted}”.");
    }

    /// <summary>
    /// The third-person singular of a base-form verb after a singular subject ("have" → "has", "are" → "is", "do" before a
    /// negation → "does"), or null where the word may not be that verb: a negation follows, or it is also a noun and what
    /// follows could continue a compound.
    /// </summary>
    private string? SingularVerb(string verb, string next) => verb switch
    {
        "have" => "has",
        "do" when next is "n't" or "not" => "does",
        "are" => "is",
        _ => CommonVerbs.Contains(verb) && !Negations.Contains(next) && (!lexicon.IsNoun(verb) || EndsNounPhrase(next))
            ? WordNetLexicon.ThirdPersonSingular(verb)
            : null,
    };

    private static readonly FrozenSet<string> SingularDeterminers = FrozenSet.ToFrozenSet(
        ["a", "an", "the", "this", "that", "every", "each", "another", "my", "your", "his", "her", "its", "our", "their", "one"]);

    /// <summary>
    /// Revision 2: "a device that need to be recharged", "the one who carry it": a determiner, a singular noun, then
    /// "who"/"which"/"that" and a base-form verb. Not after "of" ("the parents of the child who need help" may mean the
    /// parents; nor "the rocks near the coast which are"), and a verb that is also a noun only before what cannot continue
    /// a compound.
    /// </summary>
    private TokenEdit? RelativeClauseAgreement(SentenceView s, int i)
    {
        if (!Revision2 || s.At(i) is not ("who" or "which" or "that") || i < 2 || i + 1 >= s.Count)
        {
            return null;
        }

        var noun = s.Lower[i - 1];
        if (!SingularDeterminers.Contains(s.Lower[i - 2]) ||
            (i > 2 && (Prepositions.Contains(s.Lower[i - 3]) || s.Lower[i - 3] is "and" or "or" or "near" or "under" or "behind" or "across" or "around" or "inside" or "outside" or "into")) ||
            !MaySingularSubject(noun, s.Words[i - 1]) || noun.EndsWith('s') || lexicon.NounSingular(noun) is not null ||
            noun is "kind" or "sort" or "type")
        {
            return null;
        }

        var verb = s.Lower[i + 1];
        var wanted = SingularVerb(verb, s.At(i + 2));
        return wanted is null || wanted == verb
            ? null
            : Replace(i + 1, 1, Casing.Match(s.Words[i + 1], wanted), SubjectVerbAgreement,
                $"The verb must agree with “{s.Words[i - 1]}”: “{s.Words[i]} {wanted}”.");
    }

    /// <summary>
    /// Revision 2: "as human being , we" → "human beings": without a determiner the phrase is plural (and a singular verb
    /// after it is left to the writer: "Human being is" is not changed).
    /// </summary>
    private TokenEdit? HumanBeings(SentenceView s, int i)
    {
        // The phrase's first word, back over adjectives ("a normal human being").
        var start = i - 1;
        while (start >= 0 && start >= i - 3 && lexicon.IsAdjective(s.Lower[start]) && !SingularDeterminers.Contains(s.Lower[start]))
        {
            start--;
        }

        if (!Revision2 || s.At(i) != "human" || s.At(i + 1) != "being" ||
            (start >= 0 && (SingularDeterminers.Contains(s.Lower[start]) || s.Lower[start] is "any" or "no" or "every" or "single" or "fellow" or "whole" or "complete" or "real")) ||
            s.At(i + 2) is "is" or "was" or "has" or "does" or "'s" or "can" or "will" or "should" or "must" or "may" or "might" or "could" or "would")
        {
            return null;
        }

        return Replace(i + 1, 1, Casing.Match(s.Words[i + 1], "beings"), NounNumber,
            "Without “a” or “the”, write the plural: “human beings”.");
    }

    /// <summary>
    /// Whether a word (lower case; <paramref name="written"/> as written) may be a singular common noun heading a
    /// subject, as the agreement rules of revision 2 ask before changing the verb after it: a lower-case noun of three
    /// letters or more that is no adjective, no closed-class word, and not a noun that is plural in sense or has its
    /// plural in the same form ("people", "police", "fish").
    /// </summary>
    private bool MaySingularSubject(string noun, string written) =>
        noun.Length >= 3 && Tokens.IsAlphabetic(noun) && !char.IsUpper(written[0]) && !ClosedClass.Contains(noun) &&
        lexicon.IsNoun(noun) && !lexicon.IsAdjective(noun) && !PluralSenseNouns.Contains(noun) &&
        noun is not ("people" or "children" or "police") && !SamePlural(noun);

    /// <summary>A noun whose plural is the same word ("If the fish are" may be plural).</summary>
    private bool SamePlural(string noun) =>
        noun is "fish" or "sheep" or "deer" or "aircraft" or "offspring" or "salmon" or "trout" or "moose" or "swine" or "cod" or "bison" ||
        lexicon.IrregularPlurals(noun).Contains(noun);

    /// <summary>Whether a word cannot continue a compound noun, so the word before it is a verb ("start later", "come in").</summary>
    private bool EndsNounPhrase(string next) =>
        next.Length == 0 || !Tokens.IsWordlike(next) || next == "to" || Prepositions.Contains(next) || SubjectDeterminers.Contains(next) ||
        ObjectPronouns.Contains(next) || (lexicon.IsAdverb(next) && !lexicon.IsNoun(next));

    // Finite verbs that show the word before them is a subject noun (revision 2 of the quantifier rule).
    private static readonly FrozenSet<string> FiniteAfterNoun = FrozenSet.ToFrozenSet(
    [
        "are", "were", "have", "do", "did", "can", "could", "will", "would", "should", "must", "may", "might", "ca", "wo",
    ]);

    private static void Splices(SentenceView s, List<TokenEdit> edits)
    {
        var w = s.Lower;
        var clauseStart = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] is ";" or ":")
            {
                clauseStart = i + 1;
                continue;
            }

            if (w[i] != "," || i + 2 >= w.Length)
            {
                continue;
            }

            var subject = w[i + 1];
            var verb = w[i + 2];
            var before = w[clauseStart..i];
            var startsIndependent = subject is "i" or "he" or "she" or "it" or "we" or "they" or "you" or "this" or "there" &&
                FiniteVerbs.Contains(verb);
            var previousIsClause = before.Length >= 3 && !before.Any(Subordinators.Contains) &&
                (before[0] is "i" or "he" or "she" or "it" or "we" or "they" or "you" ||
                 (before.Any(FiniteVerbs.Contains) && before.Any(t => t is "i" or "he" or "she" or "it" or "we" or "they" or "you" or "this" or "there")));
            if (startsIndependent && previousIsClause)
            {
                edits.Add(new TokenEdit(i, 1, [";"], EssayIssueCategory.Punctuation, CommaSplice,
                    "Two complete sentences are joined by a comma (a comma splice): use a full stop, a semicolon or a linking word.",
                    Confident: false));
            }

            clauseStart = i + 1;
        }

        var words = w.Count(Tokens.IsWordlike);
        var breaks = w.Count(t => t is "," or ";" or ":" or "-" or "(");
        if (words > 40 && breaks * 20 < words)
        {
            edits.Add(new TokenEdit(0, s.Count, [], EssayIssueCategory.Punctuation, RunOn,
                $"This sentence runs on for {words} words with little punctuation: split it into shorter sentences.",
                Confident: false));
        }
    }

    private static TokenEdit Replace(int index, int count, string replacement, string ruleId, string message) =>
        new(index, count, [replacement], EssayIssueCategory.Grammar, ruleId, message, Confident: true);
}

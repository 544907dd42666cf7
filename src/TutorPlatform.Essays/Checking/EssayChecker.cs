using Microsoft.Extensions.Options;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Checking;

/// <summary>
/// The on-device checker: hunspell spelling with suggestions, high-precision grammar rules, vocabulary upgrades and
/// topic relevance. The language data (hunspell, WordNet, MyThes, Snowball) loads on first use, so a missing package
/// surfaces as a <see cref="HunspellUnavailableException"/> from the first check, not at start-up. Thread-safe.
/// </summary>
public sealed class EssayChecker : IEssayChecker, IDisposable
{
    private readonly DataFiles _files;
    private readonly Lazy<LanguageData> _data;
    private readonly Lazy<Engine> _engine;
    private readonly bool _ownsData;

    public EssayChecker(IOptions<EssayCheckerOptions> options)
        : this(options.Value)
    {
    }

    public EssayChecker(EssayCheckerOptions options)
        : this(null, options)
    {
    }

    /// <summary>Over <paramref name="shared"/> (another checker's language data, not disposed here) or over its own.</summary>
    private EssayChecker(Lazy<LanguageData>? shared, EssayCheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _files = DataFiles.Of(options);
        var files = _files;
        _ownsData = shared is null;
        _data = shared ?? new Lazy<LanguageData>(() => new LanguageData(files), LazyThreadSafetyMode.ExecutionAndPublication);
        if (options.RuleRevision is < 1 or > EssayCheckerOptions.LatestRuleRevision)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RuleRevision,
                $"{EssayCheckerOptions.Section}:RuleRevision must be between 1 and {EssayCheckerOptions.LatestRuleRevision}.");
        }

        var suggestions = options.HunspellSuggestions;
        var languageModelPath = options.LanguageModelPath;
        var revision = options.RuleRevision;
        _engine = new Lazy<Engine>(() => new Engine(_data.Value, suggestions, languageModelPath, revision), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// A checker with the rule settings of <paramref name="options"/> (language-model corrections, hunspell's slow
    /// suggestions, the rule revision) over this checker's language data, loaded once for both, when <paramref name="options"/> names the
    /// same data files (<see cref="UsesSameDataAs"/>); otherwise one that loads its own. A shared view stays usable as long
    /// as this checker is not disposed; disposing the view leaves the data to this checker.
    /// </summary>
    public EssayChecker WithRules(EssayCheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EssayChecker(UsesSameDataAs(options) ? _data : null, options);
    }

    /// <summary>Whether <paramref name="options"/> name the same dictionaries, WordNet and thesaurus as this checker reads.</summary>
    public bool UsesSameDataAs(EssayCheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DataFiles.Of(options) == _files;
    }

    /// <summary>Whether the two checkers read one loaded copy of the language data (for tests).</summary>
    internal bool SharesLanguageDataWith(EssayChecker other) => ReferenceEquals(_data, other._data);

    /// <summary>Loads the language data now (otherwise the first check does).</summary>
    public void Warm() => _ = _engine.Value;

    /// <inheritdoc />
    public EssayCheck Check(string text, string? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var engine = _engine.Value;
        var tokens = Tokens.Tokenize(text);
        var starts = Tokens.SentenceStarts(text, tokens);
        var sentences = new List<SentenceView>();
        var offsets = new List<int>();
        var edits = new List<TokenEdit>();
        foreach (var (first, count) in SentenceRanges(starts))
        {
            var words = new string[count];
            for (var k = 0; k < count; k++)
            {
                words[k] = tokens[first + k].Text;
            }

            var (view, sentenceEdits) = engine.FindEdits(words, includeFlags: true);
            sentences.Add(view);
            offsets.Add(first);
            edits.AddRange(sentenceEdits.Select(e => e with { First = e.First + first }));
        }

        var vocabulary = new List<TokenEdit>();
        engine.Vocabulary.Check(sentences, offsets, vocabulary);
        edits.AddRange(vocabulary.Where(v => !edits.Any(e => Overlaps(e, v))));

        var issues = edits
            .Select(e => ToIssue(e, tokens))
            .OrderBy(i => i.Start).ThenBy(i => i.Length)
            .ToList();
        var relevance = string.IsNullOrWhiteSpace(prompt)
            ? null
            : engine.Relevance.Score(tokens.Select(t => t.Text).ToList(), prompt);
        return new EssayCheck(issues, relevance);
    }

    /// <inheritdoc />
    public string CorrectTokenizedSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var tokens = Tokens.SplitTokenized(sentence);
        if (tokens.Count == 0)
        {
            return "";
        }

        var engine = _engine.Value;
        var starts = Tokens.SentenceStarts(sentence, tokens);
        var output = new List<string>(tokens.Count + 4);
        foreach (var (first, count) in SentenceRanges(starts))
        {
            var words = new string[count];
            for (var k = 0; k < count; k++)
            {
                words[k] = tokens[first + k].Text;
            }

            var (_, edits) = engine.FindEdits(words, includeFlags: false);
            output.AddRange(Apply(words, edits.Where(e => e.Confident)));
        }

        // One sentence per line: a line that ends in a word lacks its full stop (not a title: short, Title Case, or a
        // short "Topic : subtitle" line).
        var alphabetic = output.Where(Tokens.IsAlphabetic).ToList();
        var subtitled = output.Contains(":") && alphabetic.Count <= 10;
        if (Tokens.IsAlphabetic(output[^1]) && alphabetic.Count >= 4 && alphabetic.Count(w => char.IsUpper(w[0])) * 2 < alphabetic.Count && !subtitled)
        {
            output.Add(".");
        }

        return string.Join(' ', output);
    }

    /// <summary>The confident edits of one space-tokenized sentence (for evaluation and tests).</summary>
    internal IReadOnlyList<TokenEdit> ConfidentEdits(string sentence)
    {
        var tokens = Tokens.SplitTokenized(sentence).Select(t => t.Text).ToArray();
        return _engine.Value.FindEdits(tokens, includeFlags: false).Edits.Where(e => e.Confident).ToList();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsData && _data.IsValueCreated)
        {
            _data.Value.Dispose();
        }
    }

    internal static List<string> Apply(IReadOnlyList<string> words, IEnumerable<TokenEdit> edits)
    {
        var result = new List<string>(words.Count + 4);
        var next = 0;
        foreach (var edit in edits.OrderBy(e => e.First))
        {
            if (edit.First < next)
            {
                continue;
            }

            for (; next < edit.First; next++)
            {
                result.Add(words[next]);
            }

            result.AddRange(edit.Replacement);
            next = edit.End;
        }

        for (; next < words.Count; next++)
        {
            result.Add(words[next]);
        }

        return result;
    }

    private static IEnumerable<(int First, int Count)> SentenceRanges(bool[] starts)
    {
        var first = 0;
        for (var i = 1; i <= starts.Length; i++)
        {
            if (i == starts.Length || starts[i])
            {
                if (i > first)
                {
                    yield return (first, i - first);
                }

                first = i;
            }
        }
    }

    private static bool Overlaps(TokenEdit a, TokenEdit b) => a.First < b.End && b.First < a.End;

    private static EssayIssue ToIssue(TokenEdit edit, List<Token> tokens)
    {
        var start = tokens[edit.First].Start;
        var end = tokens[Math.Max(edit.First, edit.End - 1)].End;
        var replacements = new List<string>();
        if (edit.Replacement.Count > 0 || edit.RuleId == GrammarRules.DoubledWord)
        {
            replacements.Add(Tokens.Detokenize(edit.Replacement));
        }

        if (edit.Alternatives is not null)
        {
            replacements.AddRange(edit.Alternatives.Select(Tokens.Detokenize));
        }

        return new EssayIssue(start, end - start, edit.Category, edit.RuleId, edit.Message, replacements.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The language data files a checker reads: checkers with equal files can share one loaded copy.</summary>
    private sealed record DataFiles(string HunspellDirectory, string HunspellDictionary, string BritishDictionary, string ThesaurusPath, string WordNetDirectory)
    {
        public static DataFiles Of(EssayCheckerOptions options) =>
            new(options.HunspellDirectory, options.HunspellDictionary, options.BritishDictionary ?? "", options.ThesaurusPath, options.WordNetDirectory);
    }

    /// <summary>
    /// The loaded language data (hunspell en_US and en_GB, WordNet, MyThes, the stemmer, the spelling candidate index)
    /// and the checks that depend on nothing else; immutable after loading, so checkers with other rule settings share it.
    /// </summary>
    private sealed class LanguageData : IDisposable
    {
        public LanguageData(DataFiles files)
        {
            Hunspell = Language.Hunspell.OpenInstalled(files.HunspellDictionary, files.HunspellDirectory);
            Lexicon = WordNetLexicon.Open(files.WordNetDirectory);
            var thesaurus = Thesaurus.Open(files.ThesaurusPath);
            Stemmer = SnowballStemmer.OpenEnglish();
            British = files.BritishDictionary is { Length: > 0 } gb && File.Exists(Path.Combine(files.HunspellDirectory, gb + ".dic"))
                ? Language.Hunspell.OpenInstalled(gb, files.HunspellDirectory)
                : null;
            Frequencies = WordFrequencies.LoadEmbedded();
            Candidates = new SpellingCandidates(Frequencies, Lexicon);
            Vocabulary = new VocabularyUpgrades(thesaurus, Hunspell);
            Relevance = new TopicRelevanceScorer(Stemmer, thesaurus);
        }

        public Hunspell Hunspell { get; }

        public Hunspell? British { get; }

        public WordNetLexicon Lexicon { get; }

        public SnowballStemmer Stemmer { get; }

        public WordFrequencies Frequencies { get; }

        public SpellingCandidates Candidates { get; }

        public VocabularyUpgrades Vocabulary { get; }

        public TopicRelevanceScorer Relevance { get; }

        public void Dispose()
        {
            Hunspell.Dispose();
            British?.Dispose();
            Stemmer.Dispose();
        }
    }

    /// <summary>The rules over loaded language data, with one checker's settings.</summary>
    private sealed class Engine
    {
        private readonly SpellingRule _spelling;
        private readonly GrammarRules _grammar;
        private readonly LanguageModelCorrector? _corrector;

        public Engine(LanguageData data, bool hunspellSuggestions, string languageModelPath, int ruleRevision)
        {
            _spelling = new SpellingRule(data.Hunspell, data.British, data.Lexicon, data.Frequencies, data.Candidates, hunspellSuggestions, ruleRevision);
            _grammar = new GrammarRules(data.Lexicon, data.Hunspell, data.Frequencies, ruleRevision);
            // Shared with the essay scorer (one loaded copy per process); absent, these corrections are off.
            var languageModel = string.IsNullOrWhiteSpace(languageModelPath) ? null : SphinxLanguageModel.OpenShared(languageModelPath);
            _corrector = languageModel is null ? null : new LanguageModelCorrector(languageModel, data.Lexicon, data.Hunspell);
            Vocabulary = data.Vocabulary;
            Relevance = data.Relevance;
        }

        public VocabularyUpgrades Vocabulary { get; }

        public TopicRelevanceScorer Relevance { get; }

        /// <summary>Spelling, then the grammar rules on the spell-corrected words; one edit per token at most.</summary>
        public (SentenceView View, List<TokenEdit> Edits) FindEdits(string[] words, bool includeFlags)
        {
            var firstWord = Array.FindIndex(words, Tokens.IsWordlike);
            var spelling = new List<TokenEdit>();
            var corrected = (string[])words.Clone();
            for (var i = 0; i < words.Length; i++)
            {
                if (_spelling.Check(words, i, i == firstWord) is { } edit)
                {
                    spelling.Add(edit);
                    if (edit.Confident && edit.Replacement.Count == 1)
                    {
                        corrected[i] = Casing.Match(words[i], edit.Replacement[0]);
                    }
                }
            }

            var view = new SentenceView(corrected);
            var grammar = new List<TokenEdit>();
            _grammar.Check(view, grammar, includeFlags);

            var edits = new List<TokenEdit>(spelling.Count + grammar.Count + 1);
            foreach (var edit in grammar.Where(g => g.RuleId != GrammarRules.RunOn).OrderBy(g => g.First))
            {
                if (!edits.Any(e => Overlaps(e, edit)))
                {
                    edits.Add(edit);
                }
            }

            edits.AddRange(grammar.Where(g => g.RuleId == GrammarRules.RunOn));
            foreach (var edit in spelling)
            {
                if (!edits.Any(e => e.RuleId != GrammarRules.RunOn && Overlaps(e, edit)))
                {
                    edits.Add(edit with { Replacement = [.. edit.Replacement.Select((r, k) => k == 0 ? Casing.Match(words[edit.First], r) : r)] });
                }
            }

            _corrector?.Correct(words, edits);
            CapitaliseStart(words, firstWord, edits);
            edits.Sort((a, b) => a.First.CompareTo(b.First));
            return (view, edits);
        }

        private static void CapitaliseStart(string[] words, int firstWord, List<TokenEdit> edits)
        {
            if (firstWord < 0 || !Tokens.IsAlphabetic(words[firstWord]) || !SpellingRule.ShouldCheck(words[firstWord]))
            {
                return;
            }

            var index = edits.FindIndex(e => e.First == firstWord && e.RuleId != GrammarRules.RunOn);
            if (index >= 0)
            {
                var edit = edits[index];
                if (edit.Replacement.Count > 0 && char.IsLower(edit.Replacement[0][0]))
                {
                    edits[index] = edit with
                    {
                        Replacement = [Casing.Capitalise(edit.Replacement[0]), .. edit.Replacement.Skip(1)],
                        Alternatives = edit.Alternatives?.Select(a => (IReadOnlyList<string>)[.. a.Select((r, k) => k == 0 ? Casing.Capitalise(r) : r)]).ToList(),
                    };
                }

                return;
            }

            if (char.IsLower(words[firstWord][0]))
            {
                edits.Add(new TokenEdit(firstWord, 1, [Casing.Capitalise(words[firstWord])], EssayIssueCategory.Grammar,
                    GrammarRules.CapitalSentenceStart, "A sentence starts with a capital letter.", Confident: true));
            }
        }

    }
}

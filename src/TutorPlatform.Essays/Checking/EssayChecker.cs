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
    private readonly Lazy<Engine> _engine;

    public EssayChecker(IOptions<EssayCheckerOptions> options)
        : this(options.Value)
    {
    }

    public EssayChecker(EssayCheckerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _engine = new Lazy<Engine>(() => new Engine(options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

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

        // One sentence per line: a line that ends in a word lacks its full stop (not a title: short, or Title Case).
        var alphabetic = output.Where(Tokens.IsAlphabetic).ToList();
        if (Tokens.IsAlphabetic(output[^1]) && alphabetic.Count >= 4 && alphabetic.Count(w => char.IsUpper(w[0])) * 2 < alphabetic.Count)
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
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
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

    /// <summary>The loaded language data and the rules over it.</summary>
    private sealed class Engine : IDisposable
    {
        private readonly Hunspell _hunspell;
        private readonly Hunspell? _british;
        private readonly SnowballStemmer _stemmer;
        private readonly SpellingRule _spelling;
        private readonly GrammarRules _grammar;
        private readonly LanguageModelCorrector? _corrector;

        public Engine(EssayCheckerOptions options)
        {
            _hunspell = Hunspell.OpenInstalled(options.HunspellDictionary, options.HunspellDirectory);
            var lexicon = WordNetLexicon.Open(options.WordNetDirectory);
            var thesaurus = Thesaurus.Open(options.ThesaurusPath);
            _stemmer = SnowballStemmer.OpenEnglish();
            _british = options.BritishDictionary is { Length: > 0 } gb && File.Exists(Path.Combine(options.HunspellDirectory, gb + ".dic"))
                ? Hunspell.OpenInstalled(gb, options.HunspellDirectory)
                : null;
            var frequencies = WordFrequencies.LoadEmbedded();
            _spelling = new SpellingRule(_hunspell, _british, lexicon, frequencies, options.HunspellSuggestions);
            _grammar = new GrammarRules(lexicon, _hunspell, frequencies);
            // Shared with the essay scorer (one loaded copy per process); absent, these corrections are off.
            var languageModel = string.IsNullOrWhiteSpace(options.LanguageModelPath) ? null : SphinxLanguageModel.OpenShared(options.LanguageModelPath);
            _corrector = languageModel is null ? null : new LanguageModelCorrector(languageModel, lexicon, _hunspell);
            Vocabulary = new VocabularyUpgrades(thesaurus, _hunspell);
            Relevance = new TopicRelevanceScorer(_stemmer, thesaurus);
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

        public void Dispose()
        {
            _hunspell.Dispose();
            _british?.Dispose();
            _stemmer.Dispose();
        }
    }
}

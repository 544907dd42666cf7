namespace TutorPlatform.Essays.Scoring;

/// <summary>A sparse vector of hashed features: bucket indices with their values, sorted by index, no duplicates.</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values);

/// <summary>
/// The features of an essay. Dense: about 80 linguistic measures (length, sentences, lexical diversity and
/// sophistication, frequency bands and n-gram statistics from the reference corpus, spelling, punctuation,
/// capitalisation, connectives, clause markers, readability). Sparse: hashed word 1–2-grams, word-shape 3-grams
/// (a syntax proxy) and character 3–4-grams of words, for the n-gram ridge.
/// </summary>
internal static class EssayFeatures
{
    public const int SparseBits = 16;
    private const int SparseMask = (1 << SparseBits) - 1;

    private static readonly List<string> NameList = [];

    public static IReadOnlyList<string> Names
    {
        get
        {
            if (NameList.Count == 0)
            {
                lock (NameList)
                {
                    if (NameList.Count == 0)
                    {
                        var probe = new Collector(null);
                        Fill(EssayText.Parse("A probe."), null, null, false, probe);
                        NameList.AddRange(probe.Names!);
                        NameList.AddRange(ExternalNames);
                    }
                }
            }

            return NameList;
        }
    }

    /// <summary>Features from outside the essay's own text statistics: the native language model's, then the checker's.</summary>
    public static IReadOnlyList<string> ExternalNames { get; } = [.. NativeLanguageFeatures.Names, .. CheckerFeatures.Names];

    /// <summary>
    /// The dense features: the essay's own measures and corpus statistics, then <paramref name="external"/>, the
    /// <see cref="NativeLanguageFeatures"/> and <see cref="CheckerFeatures"/> (computed once per essay by the caller,
    /// or their stand-ins).
    /// </summary>
    public static double[] Dense(EssayText essay, SpellingDictionary dictionary, CorpusStatistics corpus, bool excludeSelf, IReadOnlyList<double> external)
    {
        if (external.Count != ExternalNames.Count)
        {
            throw new ArgumentException($"{external.Count} external features where {ExternalNames.Count} are expected.", nameof(external));
        }

        var collector = new Collector(new List<double>(128));
        Fill(essay, dictionary, corpus, excludeSelf, collector);
        foreach (var value in external)
        {
            collector.Values!.Add(double.IsFinite(value) ? value : 0);
        }

        return [.. collector.Values!];
    }

    private sealed class Collector(List<double>? values)
    {
        public List<double>? Values { get; } = values;

        public List<string>? Names { get; } = values is null ? [] : null;

        public void Add(string name, double value)
        {
            Values?.Add(double.IsFinite(value) ? value : 0);
            Names?.Add(name);
        }
    }

    private static void Fill(EssayText essay, SpellingDictionary? dictionary, CorpusStatistics? corpus, bool excludeSelf, Collector f)
    {
        var tokens = essay.Tokens;
        var words = essay.LowerWords();
        var nWords = Math.Max(1, words.Count);
        var nSentences = Math.Max(1, essay.Sentences.Count);
        var chars = essay.Raw.Trim().Length;

        // Length and layout.
        f.Add("log_chars", Math.Log(1 + chars));
        f.Add("log_words", Math.Log(1 + words.Count));
        f.Add("log_sentences", Math.Log(1 + essay.Sentences.Count));
        f.Add("paragraphs", Math.Log(1 + essay.Paragraphs));
        f.Add("words_per_paragraph", Math.Log(1 + (words.Count / (double)Math.Max(1, essay.Paragraphs))));
        f.Add("single_paragraph", essay.Paragraphs <= 1 ? 1 : 0);

        // Sentences.
        var lengths = new List<int>(essay.Sentences.Count);
        var lowerStarts = 0;
        var unterminated = 0;
        foreach (var (start, end) in essay.Sentences)
        {
            var count = 0;
            for (var t = start; t < end; t++)
            {
                if (tokens[t].Kind is TokenKind.Word or TokenKind.Placeholder or TokenKind.Number)
                {
                    count++;
                }
            }

            lengths.Add(count);
            var first = FirstWord(tokens, start, end);
            if (first >= 0 && char.IsLower(tokens[first].Text[0]))
            {
                lowerStarts++;
            }

            if (tokens[end - 1].Text is not ("." or "!" or "?" or "\"" or "'" or ")"))
            {
                unterminated++;
            }
        }

        var meanLength = lengths.Count == 0 ? 0 : lengths.Average();
        f.Add("sentence_len_mean", meanLength);
        f.Add("sentence_len_sd", StdDev(lengths.Select(l => (double)l).ToList()));
        f.Add("sentence_len_max", Math.Log(1 + (lengths.Count == 0 ? 0 : lengths.Max())));
        f.Add("sentences_long", lengths.Count(l => l > 35) / (double)nSentences);
        f.Add("sentences_short", lengths.Count(l => l < 6) / (double)nSentences);
        f.Add("sentence_lower_start", lowerStarts / (double)nSentences);
        f.Add("sentence_unterminated", unterminated / (double)nSentences);

        // Words: length, diversity, readability.
        var wordLengths = words.Select(w => (double)w.Length).ToList();
        f.Add("word_len_mean", wordLengths.Count == 0 ? 0 : wordLengths.Average());
        f.Add("word_len_sd", StdDev(wordLengths));
        f.Add("words_7plus", words.Count(w => w.Length >= 7) / (double)nWords);
        f.Add("words_10plus", words.Count(w => w.Length >= 10) / (double)nWords);
        var syllables = words.Sum(EssayText.Syllables);
        f.Add("syllables_per_word", syllables / (double)nWords);
        f.Add("polysyllabic", words.Count(w => EssayText.Syllables(w) >= 3) / (double)nWords);
        f.Add("flesch", 206.835 - (1.015 * (nWords / (double)nSentences)) - (84.6 * (syllables / (double)nWords)));
        var types = new HashSet<string>(words, StringComparer.Ordinal);
        f.Add("types_log", Math.Log(1 + types.Count));
        f.Add("root_ttr", types.Count / Math.Sqrt(nWords));
        f.Add("mattr50", Mattr(words, 50));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            counts[w] = counts.GetValueOrDefault(w) + 1;
        }

        f.Add("hapax", counts.Count(c => c.Value == 1) / (double)nWords);
        var content = words.Where(w => !Lexicon.FunctionWords.Contains(w) && w != "<name>").ToList();
        f.Add("content_ratio", content.Count / (double)nWords);
        f.Add("content_types_ratio", content.Distinct().Count() / (double)Math.Max(1, content.Count));

        // Spelling, against the dictionary.
        var misspelled = 0;
        var misspelledTypes = new HashSet<string>(StringComparer.Ordinal);
        var lowerI = 0;
        var missingApostrophe = 0;
        var capsMid = 0;
        var allCaps = 0;
        var informal = 0;
        foreach (var token in tokens)
        {
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            if (dictionary is not null && !dictionary.Contains(token.Lower) && !(token.Lower.EndsWith("'s", StringComparison.Ordinal) && dictionary.Contains(token.Lower[..^2])))
            {
                misspelled++;
                misspelledTypes.Add(token.Lower);
            }

            if (token.Text == "i")
            {
                lowerI++;
            }

            if (Lexicon.MissingApostrophe.Contains(token.Text))
            {
                missingApostrophe++;
            }

            if (token.Text.Length > 1 && token.Text.All(char.IsUpper))
            {
                allCaps++;
            }

            if (Lexicon.Informal.Contains(token.Lower))
            {
                informal++;
            }
        }

        for (var s = 0; s < essay.Sentences.Count; s++)
        {
            var (start, end) = essay.Sentences[s];
            var first = FirstWord(tokens, start, end);
            for (var t = first + 1; first >= 0 && t < end; t++)
            {
                if (tokens[t].Kind == TokenKind.Word && char.IsUpper(tokens[t].Text[0]) && tokens[t].Text != "I" && tokens[t - 1].Text is not (":" or "\"" or "("))
                {
                    capsMid++;
                }
            }
        }

        f.Add("misspelled", misspelled / (double)nWords);
        f.Add("misspelled_log", Math.Log(1 + misspelled));
        f.Add("misspelled_types", misspelledTypes.Count / (double)nWords);
        f.Add("lower_i", lowerI / (double)nWords * 100);
        f.Add("missing_apostrophe", missingApostrophe / (double)nWords * 100);
        f.Add("caps_mid_sentence", capsMid / (double)nWords);
        f.Add("all_caps", allCaps / (double)nWords);
        f.Add("informal", informal / (double)nWords);

        // Punctuation and spacing.
        int commas = 0, apostrophes = 0, questions = 0, exclamations = 0, quotes = 0, semicolons = 0, colons = 0, parens = 0, dashes = 0;
        int spaceBefore = 0, noSpaceAfter = 0, repeated = 0, other = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Punctuation)
            {
                if (token.Text.Contains('\'', StringComparison.Ordinal))
                {
                    apostrophes++;
                }

                continue;
            }

            switch (token.Text)
            {
                case ",": commas++; break;
                case "?": questions++; break;
                case "!": exclamations++; break;
                case "\"": quotes++; break;
                case ";": semicolons++; break;
                case ":": colons++; break;
                case "(" or ")": parens++; break;
                case "-": dashes++; break;
                case ".": break;
                default: other++; break;
            }

            if (token.Text is "," or "." or "!" or "?" or ";" or ":" && token.SpaceBefore)
            {
                spaceBefore++;
            }

            if (token.Text is "," or "." or ";" && t + 1 < tokens.Count && tokens[t + 1].Kind == TokenKind.Word && !tokens[t + 1].SpaceBefore)
            {
                noSpaceAfter++;
            }

            if (t > 0 && tokens[t - 1].Text == token.Text && !token.SpaceBefore && token.Text is "!" or "?" or ",")
            {
                repeated++;
            }
        }

        f.Add("commas_per_sentence", commas / (double)nSentences);
        f.Add("commas_per_word", commas / (double)nWords * 100);
        f.Add("apostrophes", apostrophes / (double)nWords * 100);
        f.Add("questions", questions / (double)nSentences);
        f.Add("exclamations", exclamations / (double)nSentences);
        f.Add("quotes", quotes / (double)nWords * 100);
        f.Add("semicolons_colons", (semicolons + colons) / (double)nWords * 100);
        f.Add("parens_dashes", (parens + dashes) / (double)nWords * 100);
        f.Add("other_punct", other / (double)nWords * 100);
        f.Add("space_before_punct", spaceBefore / (double)nWords * 100);
        f.Add("no_space_after_punct", noSpaceAfter / (double)nWords * 100);
        f.Add("repeated_punct", repeated / (double)nWords * 100);

        // Connectives and clause markers.
        var joined = " " + string.Join(' ', words) + " ";
        for (var k = 0; k < Lexicon.ConnectiveKinds.Length; k++)
        {
            var hits = 0;
            foreach (var phrase in Lexicon.ConnectiveKinds[k])
            {
                hits += CountOccurrences(joined, " " + phrase + " ");
            }

            f.Add($"connectives_{k}", hits / (double)nSentences);
        }

        var subordinators = words.Count(Lexicon.Subordinators.Contains);
        var relatives = words.Count(Lexicon.RelativePronouns.Contains);
        var coordinators = words.Count(Lexicon.Coordinators.Contains);
        f.Add("subordinators", subordinators / (double)nSentences);
        f.Add("relatives", relatives / (double)nSentences);
        f.Add("coordinators", coordinators / (double)nSentences);
        f.Add("modals", words.Count(Lexicon.Modals.Contains) / (double)nWords);
        f.Add("be_forms", words.Count(Lexicon.BeForms.Contains) / (double)nWords);
        f.Add("first_person", words.Count(Lexicon.Pronouns1.Contains) / (double)nWords);
        f.Add("second_person", words.Count(Lexicon.Pronouns2.Contains) / (double)nWords);
        f.Add("determiners", words.Count(Lexicon.Determiners.Contains) / (double)nWords);
        f.Add("sentence_initial_and_but", essay.Sentences.Count(s => FirstWord(tokens, s.Start, s.End) is var w && w >= 0 && tokens[w].Lower is "and" or "but" or "so" or "because") / (double)nSentences);
        var ing = words.Count(w => w.Length > 4 && w.EndsWith("ing", StringComparison.Ordinal));
        var ed = words.Count(w => w.Length > 3 && w.EndsWith("ed", StringComparison.Ordinal));
        var ly = words.Count(w => w.Length > 3 && w.EndsWith("ly", StringComparison.Ordinal));
        var nominal = words.Count(w => w.Length > 5 && (w.EndsWith("tion", StringComparison.Ordinal) || w.EndsWith("ment", StringComparison.Ordinal) || w.EndsWith("ness", StringComparison.Ordinal) || w.EndsWith("ity", StringComparison.Ordinal)));
        f.Add("ing_forms", ing / (double)nWords);
        f.Add("ed_forms", ed / (double)nWords);
        f.Add("ly_adverbs", ly / (double)nWords);
        f.Add("nominalisations", nominal / (double)nWords);

        // Learner error patterns (cheap, high-precision).
        var errors = 0;
        var articleErrors = 0;
        var doubled = 0;
        for (var i = 1; i < words.Count; i++)
        {
            var prev = words[i - 1];
            var w = words[i];
            if (prev == w && w != "<name>" && w != "had" && w != "that")
            {
                doubled++;
            }

            if ((prev == "a" && w.Length > 0 && "aeio".Contains(w[0], StringComparison.Ordinal) && !w.StartsWith("one", StringComparison.Ordinal) && !w.StartsWith("eu", StringComparison.Ordinal))
                || (prev == "an" && w.Length > 0 && !"aeiouh".Contains(w[0], StringComparison.Ordinal)))
            {
                articleErrors++;
            }

            if ((prev is "could" or "would" or "should" or "must" or "might" && w == "of")
                || (prev is "more" && w.EndsWith("er", StringComparison.Ordinal) && w.Length > 4)
                || (prev is "he" or "she" or "it" && w is "have" or "are" or "were" or "dont")
                || (prev is "they" or "we" or "you" or "i" && w is "has" or "is" or "was" && prev != "i")
                || (prev is "to" && w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
                || (prev is "can" or "will" or "should" or "could" or "would" or "must" or "to" && w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5 && w != "bring" && w != "sing" && w != "thing")
                || (prev is "a" or "an" && (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 4 && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))))
            {
                errors++;
            }
        }

        f.Add("article_errors", articleErrors / (double)nWords * 100);
        f.Add("doubled_words", doubled / (double)nWords * 100);
        f.Add("grammar_patterns", errors / (double)nWords * 100);
        f.Add("alot_etc", (CountOccurrences(joined, " alot ") + CountOccurrences(joined, " becuase ") + CountOccurrences(joined, " thier ") + CountOccurrences(joined, " u ")) / (double)nWords * 100);

        // Frequency bands and phraseology, from the reference corpus.
        Dictionary<string, int>? ownWords = excludeSelf ? counts : null;
        Dictionary<int, int>? ownBigrams = null;
        Dictionary<int, int>? ownTrigrams = null;
        if (excludeSelf)
        {
            ownBigrams = [];
            ownTrigrams = [];
            for (var i = 1; i < words.Count; i++)
            {
                var b = CorpusStatistics.BigramBucket(words[i - 1], words[i]);
                ownBigrams[b] = ownBigrams.GetValueOrDefault(b) + 1;
                if (i > 1)
                {
                    var tri = CorpusStatistics.TrigramBucket(words[i - 2], words[i - 1], words[i]);
                    ownTrigrams[tri] = ownTrigrams.GetValueOrDefault(tri) + 1;
                }
            }
        }

        var bands = new double[6];
        var logFreqSum = 0.0;
        var logFreqs = new List<double>(content.Count);
        var unseenInDictionary = 0;
        var total = corpus is null ? 1 : Math.Max(1, corpus.TotalWords);
        foreach (var w in words)
        {
            var c = corpus?.WordCount(w, ownWords?.GetValueOrDefault(w) ?? 0) ?? 0;
            var band = c switch
            {
                >= 20000 => 0,
                >= 2000 => 1,
                >= 200 => 2,
                >= 20 => 3,
                >= 1 => 4,
                _ => 5,
            };
            bands[band]++;
            if (c == 0 && dictionary is not null && dictionary.Contains(w))
            {
                unseenInDictionary++;
            }
        }

        foreach (var w in content)
        {
            var c = corpus?.WordCount(w, ownWords?.GetValueOrDefault(w) ?? 0) ?? 0;
            var lf = Math.Log10((c + 1) / (double)total * 1e6);
            logFreqSum += lf;
            logFreqs.Add(lf);
        }

        for (var b = 0; b < bands.Length; b++)
        {
            f.Add($"band_{b}", bands[b] / nWords);
        }

        f.Add("rare_dictionary_words", unseenInDictionary / (double)nWords);
        f.Add("content_log_freq", content.Count == 0 ? 0 : logFreqSum / content.Count);
        f.Add("content_log_freq_sd", StdDev(logFreqs));
        logFreqs.Sort();
        f.Add("content_log_freq_p10", logFreqs.Count == 0 ? 0 : logFreqs[logFreqs.Count / 10]);

        int seen2 = 0, seen20 = 0, bigramTotal = 0, strong = 0;
        double logSum = 0.0, pmiSum = 0;
        var pmiCount = 0;
        for (var i = 1; i < words.Count; i++)
        {
            var bucket = CorpusStatistics.BigramBucket(words[i - 1], words[i]);
            var c = corpus?.BigramCount(bucket, ownBigrams?.GetValueOrDefault(bucket) ?? 0) ?? 0;
            bigramTotal++;
            logSum += Math.Log(1 + c);
            if (c >= 2)
            {
                seen2++;
                var ca = corpus!.WordCount(words[i - 1], ownWords?.GetValueOrDefault(words[i - 1]) ?? 0);
                var cb = corpus.WordCount(words[i], ownWords?.GetValueOrDefault(words[i]) ?? 0);
                if (ca > 0 && cb > 0)
                {
                    var pmi = Math.Log(c * (double)total / ((double)ca * cb));
                    pmiSum += pmi;
                    pmiCount++;
                    if (pmi > 4 && !Lexicon.FunctionWords.Contains(words[i - 1]) || pmi > 4 && !Lexicon.FunctionWords.Contains(words[i]))
                    {
                        strong++;
                    }
                }
            }

            if (c >= 20)
            {
                seen20++;
            }
        }

        var nb = Math.Max(1, bigramTotal);
        f.Add("bigrams_seen2", seen2 / (double)nb);
        f.Add("bigrams_seen20", seen20 / (double)nb);
        f.Add("bigrams_log_count", logSum / nb);
        f.Add("bigrams_pmi", pmiCount == 0 ? 0 : pmiSum / pmiCount);
        f.Add("bigrams_strong", strong / (double)nb);

        int tSeen = 0, tTotal = 0;
        double tLog = 0;
        for (var i = 2; i < words.Count; i++)
        {
            var bucket = CorpusStatistics.TrigramBucket(words[i - 2], words[i - 1], words[i]);
            var c = corpus?.TrigramCount(bucket, ownTrigrams?.GetValueOrDefault(bucket) ?? 0) ?? 0;
            tTotal++;
            tLog += Math.Log(1 + c);
            if (c >= 2)
            {
                tSeen++;
            }
        }

        var nt = Math.Max(1, tTotal);
        f.Add("trigrams_seen2", tSeen / (double)nt);
        f.Add("trigrams_log_count", tLog / nt);

        // A word trigram language model of the reference corpus (stupid backoff): how expected each word is.
        var logProbs = new List<double>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            double p = 0;
            if (i >= 2 && corpus is not null)
            {
                var tri = CorpusStatistics.TrigramBucket(words[i - 2], words[i - 1], words[i]);
                var ctx = CorpusStatistics.BigramBucket(words[i - 2], words[i - 1]);
                var c3 = corpus.TrigramCount(tri, ownTrigrams?.GetValueOrDefault(tri) ?? 0);
                var c2 = corpus.BigramCount(ctx, ownBigrams?.GetValueOrDefault(ctx) ?? 0);
                if (c3 > 0 && c2 > 0)
                {
                    p = Math.Min(1, c3 / c2);
                }
            }

            if (p == 0 && i >= 1 && corpus is not null)
            {
                var bi = CorpusStatistics.BigramBucket(words[i - 1], words[i]);
                var c2 = corpus.BigramCount(bi, ownBigrams?.GetValueOrDefault(bi) ?? 0);
                var c1 = corpus.WordCount(words[i - 1], ownWords?.GetValueOrDefault(words[i - 1]) ?? 0);
                if (c2 > 0 && c1 > 0)
                {
                    p = 0.4 * Math.Min(1, c2 / c1);
                }
            }

            if (p == 0)
            {
                p = 0.16 * ((corpus?.WordCount(words[i], ownWords?.GetValueOrDefault(words[i]) ?? 0) ?? 0) + 0.5) / total;
            }

            logProbs.Add(Math.Log(p));
        }

        f.Add("lm_mean", logProbs.Count == 0 ? 0 : logProbs.Average());
        f.Add("lm_sd", StdDev(logProbs));
        f.Add("lm_surprising", logProbs.Count(l => l < -11.5) / (double)nWords);
        logProbs.Sort();
        f.Add("lm_p10", logProbs.Count == 0 ? 0 : logProbs[logProbs.Count / 10]);
        f.Add("lm_p25", logProbs.Count == 0 ? 0 : logProbs[logProbs.Count / 4]);

        Cohesion(essay, f);
    }

    /// <summary>
    /// Cohesion and organisation: content-word overlap between neighbouring sentences (Coh-Metrix style, on crude
    /// five-letter stems), variety of sentence openings, anaphoric pronouns, and the shape of the paragraphs.
    /// </summary>
    private static void Cohesion(EssayText essay, Collector f)
    {
        var tokens = essay.Tokens;
        var nSentences = Math.Max(1, essay.Sentences.Count);
        var previous = new HashSet<string>(StringComparer.Ordinal);
        var current = new HashSet<string>(StringComparer.Ordinal);
        double overlapSum = 0, anyOverlap = 0;
        var pairs = 0;
        var openers = new HashSet<string>(StringComparer.Ordinal);
        int pronounOpeners = 0, connectiveOpeners = 0, anaphora = 0, words = 0;
        var paragraphSentences = new List<int>();
        var inParagraph = 0;
        for (var s = 0; s < essay.Sentences.Count; s++)
        {
            var (start, end) = essay.Sentences[s];
            if (tokens[start].NewlineBefore && inParagraph > 0)
            {
                paragraphSentences.Add(inParagraph);
                inParagraph = 0;
            }

            inParagraph++;
            current.Clear();
            var first = true;
            for (var t = start; t < end; t++)
            {
                if (tokens[t].Kind is not (TokenKind.Word or TokenKind.Placeholder))
                {
                    continue;
                }

                var w = tokens[t].Lower;
                words++;
                if (first)
                {
                    openers.Add(w);
                    pronounOpeners += w is "i" or "it" or "they" or "this" or "that" or "these" or "he" or "she" or "we" or "you" ? 1 : 0;
                    connectiveOpeners += w is "however" or "also" or "furthermore" or "moreover" or "therefore" or "additionally" or "finally" or "first" or "second" or "for" or "in" or "another" or "lastly" or "overall" ? 1 : 0;
                    first = false;
                }

                anaphora += w is "it" or "they" or "this" or "these" or "those" or "them" or "their" or "its" or "such" ? 1 : 0;
                if (w.Length > 3 && !Lexicon.FunctionWords.Contains(w))
                {
                    current.Add(w.Length > 5 ? w[..5] : w);
                }
            }

            if (s > 0 && previous.Count > 0 && current.Count > 0)
            {
                var shared = current.Count(previous.Contains);
                overlapSum += shared / (double)Math.Min(previous.Count, current.Count);
                anyOverlap += shared > 0 ? 1 : 0;
                pairs++;
            }

            (previous, current) = (current, previous);
        }

        if (inParagraph > 0)
        {
            paragraphSentences.Add(inParagraph);
        }

        f.Add("coh_adjacent_overlap", pairs == 0 ? 0 : overlapSum / pairs);
        f.Add("coh_adjacent_any", pairs == 0 ? 0 : anyOverlap / pairs);
        f.Add("coh_opener_variety", openers.Count / (double)nSentences);
        f.Add("coh_pronoun_openers", pronounOpeners / (double)nSentences);
        f.Add("coh_connective_openers", connectiveOpeners / (double)nSentences);
        f.Add("coh_anaphora", anaphora / (double)Math.Max(1, words));
        var meanParagraph = paragraphSentences.Count == 0 ? 0 : paragraphSentences.Average();
        f.Add("coh_paragraph_sentences", meanParagraph);
        f.Add("coh_paragraph_sentences_sd", StdDev(paragraphSentences.Select(p => (double)p).ToList()));
        f.Add("coh_short_paragraphs", paragraphSentences.Count == 0 ? 0 : paragraphSentences.Count(p => p == 1) / (double)paragraphSentences.Count);
    }

    /// <summary>Hashed n-gram features, each group L2-normalised (sublinear term frequency).</summary>
    public static SparseVector Sparse(EssayText essay)
    {
        var tokens = essay.Tokens;
        var words = essay.LowerWords();
        var groups = new Dictionary<int, float>[4];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = [];
        }

        void Add(int group, ulong hash) => groups[group][(int)(hash & SparseMask)] = groups[group].GetValueOrDefault((int)(hash & SparseMask)) + 1;

        for (var i = 0; i < words.Count; i++)
        {
            Add(0, StableHash.Of("u", words[i]));
            if (i > 0)
            {
                Add(1, StableHash.Of("b", words[i - 1], words[i]));
            }
        }

        foreach (var (start, end) in essay.Sentences)
        {
            var previous2 = "<s>";
            var previous = "<s>";
            for (var t = start; t < end; t++)
            {
                var shape = EssayText.Shape(tokens[t], t == start);
                Add(2, StableHash.Of(previous2, previous, shape));
                previous2 = previous;
                previous = shape;
            }

            Add(2, StableHash.Of(previous2, previous, "</s>"));
        }

        foreach (var token in tokens)
        {
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            var padded = " " + token.Lower + " ";
            for (var n = 3; n <= 4; n++)
            {
                for (var i = 0; i + n <= padded.Length; i++)
                {
                    Add(3, StableHash.Mix(StableHash.Add(StableHash.Offset + (ulong)n, padded.AsSpan(i, n))));
                }
            }
        }

        var merged = new Dictionary<int, float>();
        float[] weights = [1f, 1f, 1f, 1f];
        for (var g = 0; g < groups.Length; g++)
        {
            var norm = 0.0;
            foreach (var v in groups[g].Values)
            {
                var s = 1 + Math.Log(v);
                norm += s * s;
            }

            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                continue;
            }

            foreach (var (index, v) in groups[g])
            {
                merged[index] = merged.GetValueOrDefault(index) + (float)((1 + Math.Log(v)) / norm * weights[g]);
            }
        }

        var indices = merged.Keys.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = merged[indices[i]];
        }

        return new SparseVector(indices, values);
    }

    private static int FirstWord(IReadOnlyList<Token> tokens, int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (tokens[t].Kind is TokenKind.Word)
            {
                return t;
            }

            if (tokens[t].Kind is TokenKind.Placeholder or TokenKind.Number)
            {
                return -1;
            }
        }

        return -1;
    }

    private static double StdDev(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    private static double Mattr(List<string> words, int window)
    {
        if (words.Count <= window)
        {
            return words.Count == 0 ? 0 : words.Distinct().Count() / (double)words.Count;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < window; i++)
        {
            counts[words[i]] = counts.GetValueOrDefault(words[i]) + 1;
        }

        var sum = (double)counts.Count;
        for (var i = window; i < words.Count; i++)
        {
            counts[words[i]] = counts.GetValueOrDefault(words[i]) + 1;
            var old = words[i - window];
            if (--counts[old] == 0)
            {
                counts.Remove(old);
            }

            sum += counts.Count;
        }

        return sum / (words.Count - window + 1) / window;
    }

    private static int CountOccurrences(string text, string phrase)
    {
        var count = 0;
        var index = text.IndexOf(phrase, StringComparison.Ordinal);
        while (index >= 0)
        {
            count++;
            index = text.IndexOf(phrase, index + phrase.Length - 1, StringComparison.Ordinal);
        }

        return count;
    }
}

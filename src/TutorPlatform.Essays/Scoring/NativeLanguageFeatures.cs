using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Scoring;

/// <summary>
/// Features of an essay against a language model of native English (<see cref="IWordLanguageModel"/>): how probable
/// each word is after the two before it, how much its context raises or lowers that over the word alone (a learner's
/// wrong word order, agreement or collocation lowers it), how often the model knows the word pair and triple, and how
/// rare the words are in native use. Fold-free: the model was trained on other text than any essay.
/// When no model is installed the features are missing (<see cref="Compute"/> returns null) and the scorer uses the
/// training means in their place.
/// </summary>
internal static class NativeLanguageFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "nlm_mean", "nlm_sd", "nlm_p05", "nlm_p10", "nlm_p25", "nlm_p50",
        "nlm_gain_mean", "nlm_gain_p10", "nlm_gain_negative", "nlm_gain_low",
        "nlm_oov", "nlm_trigram_known", "nlm_bigram_unknown", "nlm_sentence_end",
        "nlm_sentence_mean_p10", "nlm_sentence_mean_min", "nlm_unigram_mean", "nlm_unigram_p10",
        "nlm_gain_p25", "nlm_gain_p50", "nlm_end_low", "nlm_start_mean", "nlm_window_min", "nlm_window_p10",
        "nlm_sentence_low", "nlm_bigram_gain", "nlm_oov_lower",
    ];

    public static int Count => Names.Count;

    /// <summary>The features, or null without a model.</summary>
    public static double[]? Compute(EssayText essay, IWordLanguageModel? model)
    {
        if (model is null)
        {
            return null;
        }

        var tokens = essay.Tokens;
        var logProbs = new List<double>(tokens.Count);
        var gains = new List<double>(tokens.Count);
        var unigrams = new List<double>(tokens.Count);
        var sentenceMeans = new List<double>(essay.Sentences.Count);
        var ends = new List<double>(essay.Sentences.Count);
        var starts = new List<double>(essay.Sentences.Count);
        var bigramGains = new List<double>(tokens.Count);
        int words = 0, oov = 0, oovLower = 0, withTwo = 0, trigramKnown = 0, withOne = 0, bigramUnknown = 0;
        Span<int> history = stackalloc int[2];
        var name = model.WordId("john");
        var number = model.WordId("ten");
        foreach (var (start, end) in essay.Sentences)
        {
            history[0] = model.SentenceStart;
            history[1] = -1;
            var known = 1;
            var sentenceSum = 0.0;
            var sentenceCount = 0;
            for (var t = start; t < end; t++)
            {
                var token = tokens[t];
                int id;
                switch (token.Kind)
                {
                    case TokenKind.Word:
                        words++;
                        id = WordId(model, token.Lower);
                        break;
                    case TokenKind.Placeholder:
                        words++;
                        id = name;
                        break;
                    case TokenKind.Number:
                        id = number;
                        break;
                    default:
                        continue;
                }

                if (id < 0)
                {
                    if (token.Kind == TokenKind.Word)
                    {
                        oov++;
                        oovLower += char.IsLower(token.Text[0]) ? 1 : 0;
                    }

                    known = 0;
                    history[0] = -1;
                    history[1] = -1;
                    continue;
                }

                var unigram = model.LogProbability(id, [], out _);
                unigrams.Add(unigram);
                if (known > 0)
                {
                    var lp = model.LogProbability(id, history[..known], out var order);
                    if (known >= 2)
                    {
                        // What the second word of context adds over the first.
                        bigramGains.Add(lp - model.LogProbability(id, history[..1], out _));
                    }

                    if (history[0] == model.SentenceStart)
                    {
                        starts.Add(lp);
                    }

                    logProbs.Add(lp);
                    gains.Add(lp - unigram);
                    sentenceSum += lp;
                    sentenceCount++;
                    if (known >= 2)
                    {
                        withTwo++;
                        trigramKnown += order >= 3 ? 1 : 0;
                    }

                    withOne++;
                    bigramUnknown += order <= 1 ? 1 : 0;
                }

                history[1] = history[0];
                history[0] = id;
                known = Math.Min(2, known + 1);
            }

            if (known > 0 && sentenceCount > 0)
            {
                var lp = model.LogProbability(model.SentenceEnd, history[..known], out _);
                ends.Add(lp);
                sentenceSum += lp;
                sentenceCount++;
            }

            if (sentenceCount >= 3)
            {
                sentenceMeans.Add(sentenceSum / sentenceCount);
            }
        }

        var nWords = Math.Max(1, words);

        // The least probable run of five words: one garbled stretch, wherever it is.
        var windows = new List<double>(Math.Max(0, logProbs.Count - 4));
        for (var i = 0; i + 5 <= logProbs.Count; i++)
        {
            var sum = 0.0;
            for (var k = i; k < i + 5; k++)
            {
                sum += logProbs[k];
            }

            windows.Add(sum / 5);
        }

        windows.Sort();
        var lowSentences = sentenceMeans.Count == 0 ? 0 : sentenceMeans.Count(m => m < -7.5) / (double)sentenceMeans.Count;
        var sortedLp = logProbs.Order().ToList();
        var sortedGain = gains.Order().ToList();
        var sortedUnigram = unigrams.Order().ToList();
        sentenceMeans.Sort();
        double[] values =
        [
            Mean(logProbs), StdDev(logProbs), Quantile(sortedLp, 0.05), Quantile(sortedLp, 0.10), Quantile(sortedLp, 0.25), Quantile(sortedLp, 0.5),
            Mean(gains), Quantile(sortedGain, 0.10), gains.Count == 0 ? 0 : gains.Count(g => g < 0) / (double)gains.Count, gains.Count == 0 ? 0 : gains.Count(g => g < -2) / (double)gains.Count,
            oov / (double)nWords, withTwo == 0 ? 0 : trigramKnown / (double)withTwo, withOne == 0 ? 0 : bigramUnknown / (double)withOne, Mean(ends),
            Quantile(sentenceMeans, 0.10), sentenceMeans.Count == 0 ? 0 : sentenceMeans[0], Mean(unigrams), Quantile(sortedUnigram, 0.10),
            Quantile(sortedGain, 0.25), Quantile(sortedGain, 0.5), ends.Count == 0 ? 0 : ends.Count(e => e < -6) / (double)ends.Count, Mean(starts),
            windows.Count == 0 ? 0 : windows[0], Quantile(windows, 0.10), lowSentences, Mean(bigramGains), oovLower / (double)nWords,
        ];
        return values;
    }

    /// <summary>The model's id of a lower-case word; a possessive falls back to its stem.</summary>
    private static int WordId(IWordLanguageModel model, string lower)
    {
        var id = model.WordId(lower);
        if (id < 0 && lower.Length > 2 && lower.EndsWith("'s", StringComparison.Ordinal))
        {
            id = model.WordId(lower[..^2]);
        }

        return id;
    }

    private static double Mean(List<double> values) => values.Count == 0 ? 0 : values.Average();

    private static double StdDev(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}

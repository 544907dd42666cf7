namespace TutorPlatform.Speech.Assessment;

/// <summary>Typical duration (log frames) and goodness of pronunciation of one phone, learnt from the training data.</summary>
/// <param name="WordAccuracy">Mean expert accuracy (0–10) of the training words that contain the phone: how hard learners find it.</param>
/// <param name="RatioMean">Mean of the phone classifier's <see cref="PhoneEvidence.PosteriorRatio"/> for the phone.</param>
/// <param name="RatioSd">Its standard deviation.</param>
public sealed record PhoneNorm(double LogFramesMean, double LogFramesSd, double GopMean, double GopSd, double WordAccuracy = 9, double RatioMean = -1, double RatioSd = 1);

/// <summary>How learners did on one word in the training data: the experts' mean accuracy (0–10, shrunk towards the overall mean) and how often it was read.</summary>
public sealed record WordPrior(double Accuracy, int Count);

/// <summary>What the word model knows beyond the evidence: the sentence model's scores of the utterance and the training data's word priors.</summary>
/// <param name="Sentence">The sentence model's accuracy, fluency, prosody and total (0–10) for this utterance and, where the model has it, the utterance's mean word accuracy.</param>
/// <param name="Priors">Per token, the word's prior (null where unseen); null: none.</param>
/// <param name="Confusions">The phone confusion table (see <see cref="AssessmentFeatures.Confusions"/>); null: none.</param>
public sealed record WordContext(double[] Sentence, IReadOnlyList<WordPrior?>? Priors, IReadOnlyDictionary<string, double>? Confusions = null);

/// <summary>
/// Turns <see cref="AssessmentEvidence"/> into the feature vectors of the sentence and word models. Phone durations and
/// goodness of pronunciation are normalised per phone with the training data's statistics (<see cref="PhoneNorm"/>).
/// </summary>
public static class AssessmentFeatures
{
    public static readonly string[] SentenceNames =
    [
        "gop_mean", "gop_z_mean", "gop_z_p10", "gop_z_low_share", "phone_score_per_frame", "word_score_per_frame",
        "loop_match_share", "loop_phone_error_rate", "duration_z_abs_mean", "duration_z_mean", "worst_word_gop_z",
        "heard_share", "aligned_share", "insertions_per_word", "repeats_per_word",
        "speech_rate", "articulation_rate", "pauses_per_word", "pause_share", "long_pauses", "leading_silence", "trailing_silence",
        "word_duration_cv", "voiced_share", "pitch_spread", "pitch_range", "pitch_slope", "energy_spread", "energy_range",
        "speech_to_silence_db", "word_pitch_spread", "word_energy_spread", "log_words", "log_audio_seconds", "unheard_bad_words",
        "gop_z_mean_sq", "loop_match_share_sq", "articulation_rate_sq",
        "posterior_mean", "posterior_ratio_mean", "posterior_share_mean", "posterior_ratio_low_share", "posterior_ratio_z_mean",
    ];

    public static readonly string[] WordNames =
    [
        "gop_mean", "gop_z_mean", "gop_z_min", "phone_score_per_frame", "word_score_per_frame", "loop_match_share",
        "duration_z_mean", "duration_z_abs_max", "heard", "repeated", "aligned", "phones", "pause_before", "in_dictionary",
        "sentence_gop_z_mean", "sentence_loop_phone_error_rate", "sentence_loop_match_share", "gop_z_mean_sq", "word_seconds_per_phone",
        "low_phones", "first_word", "last_word", "letters", "previous_gop_z", "next_gop_z", "duration_vs_expected",
        "phone_difficulty_min", "phone_difficulty_mean", "last_phone_gop_z", "last_phone_duration_z", "min_duration_z",
        "second_worst_gop_z", "last_phone_loop_match", "worst_phone_difficulty",
        "phone_wrong_max", "phone_wrong_mean", "phone_wrong_count",
        "gop_z_vs_sentence", "gop_z_min_vs_sentence", "gop_z_within_utterance", "gop_rank_in_utterance", "phone_wrong_max_vs_utterance",
        "worst_phone_id",
        "posterior_mean", "posterior_min", "posterior_ratio_mean", "posterior_ratio_min", "posterior_share_mean", "posterior_ratio_vs_utterance",
        "posterior_ratio_z_mean", "posterior_ratio_z_min", "posterior_ratio_z_low", "posterior_share_min",
        "posterior_confusion_max", "posterior_confusion_mean",
        "word_prior", "word_prior_log_count", "predicted_accuracy", "predicted_total", "phone_wrong_max_x_predicted_accuracy",
        "confusion_max", "confusion_mean", "predicted_word_mean",
        .. SentenceNames.Select(n => "sentence_" + n),
    ];

    public static readonly string[] PhoneNames =
    [
        "gop", "gop_z", "duration_z", "loop_match", "score_per_frame", "loop_score_per_frame", "first_in_word", "last_in_word",
        "difficulty", "phone_id", "frames", "word_heard", "word_gop_z_mean", "loop_phone_id", "sentence_gop_z_mean", "word_phones",
        "previous_gop_z", "next_gop_z", "confusion_wrong", "phone_wrong_rate",
        "loop_word_matched", "loop_phones_inside", "loop_word_error_rate",
        "posterior", "posterior_ratio", "posterior_share", "word_posterior_ratio_min",
        "posterior_ratio_z", "previous_posterior_ratio_z", "next_posterior_ratio_z", "word_posterior_ratio_z_min",
        "posterior_confusion_wrong", "posterior_best_id",
    ];

    /// <summary>The CMU phones without stress, silence first (the phone classifier's classes; ids in the features).</summary>
    public static readonly IReadOnlyList<string> PhoneList =
        ["SIL", "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
         "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH"];

    /// <summary>Each phone's position in <see cref="PhoneList"/>: its id in the features and its class in the phone classifier.</summary>
    internal static readonly Dictionary<string, int> PhoneIds = PhoneList
        .Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);

    /// <summary>Phone feature vectors: per reference token, one per aligned phone (empty where the word was not aligned).</summary>
    /// <param name="confusions">How often the experts marked an expected phone wrong where the free phone loop heard
    /// another (<c>DH>D</c>), and the expected phone overall (<c>DH>*</c>); null: none.</param>
    public static List<List<double[]>> Phones(AssessmentEvidence e, IReadOnlyDictionary<string, PhoneNorm> norms, IReadOnlyDictionary<string, double>? confusions = null)
    {
        var spokenPhones = e.Words.Where(w => w.Aligned).SelectMany(w => w.Phones).ToList();
        var shift = RateShift(norms, spokenPhones);
        var sentenceGopZ = spokenPhones.Select(p => GopZ(norms, p)).DefaultIfEmpty(-6).Average();
        var result = new List<List<double[]>>(e.Words.Count);
        foreach (var w in e.Words)
        {
            var rows = new List<double[]>(w.Phones.Count);
            var gopZ = w.Phones.Select(p => GopZ(norms, p)).ToList();
            var wordGopZ = gopZ.DefaultIfEmpty(-6).Average();
            var ratioZ = w.Phones.Select(p => RatioZ(norms, p)).ToList();
            // The free loop's phones whose middle falls within the word, aligned to the word's phones: whether the
            // loop heard this phone in its place, how many loop phones fall within it, the word's phone error rate.
            var matched = new bool[w.Phones.Count];
            var insideCounts = new int[w.Phones.Count];
            var wordError = 2.0;
            if (e.Loop is { Count: > 0 } loop && w.Phones.Count > 0)
            {
                var inside = loop.Where(p => p.Phone != "SIL" && (p.Start + p.End) / 2 >= w.Start && (p.Start + p.End) / 2 < w.End).ToList();
                var canonical = w.Phones.Select(p => p.Phone).ToList();
                var heard = inside.Select(p => p.Phone).ToList();
                foreach (var m in SequenceAlignment.Match(canonical, heard).Where(m => m >= 0))
                {
                    matched[m] = true;
                }

                for (var i = 0; i < w.Phones.Count; i++)
                {
                    var phone = w.Phones[i];
                    insideCounts[i] = inside.Count(p => (p.Start + p.End) / 2 >= phone.Start && (p.Start + p.End) / 2 < phone.End);
                }

                wordError = Math.Min(2, SequenceAlignment.Distance(canonical, heard) / (double)canonical.Count);
            }

            for (var i = 0; i < w.Phones.Count; i++)
            {
                var p = w.Phones[i];
                rows.Add(
                [
                    p.Gop, gopZ[i], DurationZ(norms, p, shift), p.LoopMatch ? 1 : 0, p.Score / p.Frames, p.LoopScore / p.Frames,
                    i == 0 ? 1 : 0, i == w.Phones.Count - 1 ? 1 : 0, Norm(norms, p.Phone).WordAccuracy, PhoneIds.GetValueOrDefault(p.Phone, -1),
                    Math.Min(50, p.Frames), Math.Min(2, w.Heard), wordGopZ, p.LoopPhone is null ? -1 : PhoneIds.GetValueOrDefault(p.LoopPhone, -1),
                    sentenceGopZ, w.Phones.Count, i > 0 ? gopZ[i - 1] : 0, i < gopZ.Count - 1 ? gopZ[i + 1] : 0,
                    Confusion(confusions, p.Phone, p.LoopPhone), Confusion(confusions, p.Phone, null),
                    matched[i] ? 1 : 0, Math.Min(4, insideCounts[i]), wordError,
                    Posterior(p), Ratio(p), p.PosteriorShare ?? 0, w.Phones.Min(Ratio),
                    ratioZ[i], i > 0 ? ratioZ[i - 1] : 0, i < ratioZ.Count - 1 ? ratioZ[i + 1] : 0, ratioZ.Min(),
                    Confusion(confusions, p.Phone, p.PosteriorBest, ClassifierConfusion), p.PosteriorBest is null ? -1 : PhoneIds.GetValueOrDefault(p.PosteriorBest, -1),
                ]);
            }

            result.Add(rows);
        }

        return result;
    }

    // The phone classifier's figures (see PhoneEvidence), clamped; without a classifier, those of a phone it cannot place.
    private static double Posterior(PhoneEvidence p) => Math.Max(-12, p.Posterior ?? -6);

    private static double Ratio(PhoneEvidence p) => Math.Max(-12, p.PosteriorRatio ?? -6);

    // The posterior ratio against the phone's training statistics.
    private static double RatioZ(IReadOnlyDictionary<string, PhoneNorm> norms, PhoneEvidence p)
    {
        var n = Norm(norms, p.Phone);
        return Math.Clamp((Ratio(p) - n.RatioMean) / n.RatioSd, -6, 6);
    }

    // Keys of the confusion table by the phone classifier's best class start with this (the loop's have no prefix).
    private const string ClassifierConfusion = "~";

    private static double Confusion(IReadOnlyDictionary<string, double>? confusions, string phone, string? heard, string prefix = "") =>
        confusions is null ? 0.1
        : heard is not null && confusions.TryGetValue($"{prefix}{phone}>{heard}", out var pair) ? pair
        : confusions.GetValueOrDefault($"{phone}>*", confusions.GetValueOrDefault("*", 0.1));

    /// <summary>
    /// From phones and the share of experts who marked each wrong: the mean per expected phone (<c>DH>*</c>), per
    /// expected phone and the free phone loop's phone over it (<c>DH>D</c>, shrunk towards the phone's mean) and
    /// overall (<c>*</c>).
    /// </summary>
    public static Dictionary<string, double> Confusions(IReadOnlyList<(PhoneEvidence Phone, double Wrong)> phones)
    {
        const double Shrink = 20;
        var overall = phones.Count > 0 ? phones.Average(p => p.Wrong) : 0.1;
        var result = new Dictionary<string, double>(StringComparer.Ordinal) { ["*"] = overall };
        foreach (var byPhone in phones.GroupBy(p => p.Phone.Phone))
        {
            var mean = (byPhone.Sum(p => p.Wrong) + Shrink * overall) / (byPhone.Count() + Shrink);
            result[$"{byPhone.Key}>*"] = mean;
            foreach (var pair in byPhone.Where(p => p.Phone.LoopPhone is not null).GroupBy(p => p.Phone.LoopPhone))
            {
                result[$"{byPhone.Key}>{pair.Key}"] = (pair.Sum(p => p.Wrong) + Shrink * mean) / (pair.Count() + Shrink);
            }

            foreach (var pair in byPhone.Where(p => p.Phone.PosteriorBest is not null).GroupBy(p => p.Phone.PosteriorBest))
            {
                result[$"{ClassifierConfusion}{byPhone.Key}>{pair.Key}"] = (pair.Sum(p => p.Wrong) + Shrink * mean) / (pair.Count() + Shrink);
            }
        }

        return result;
    }

    /// <summary>Per-phone statistics over the evidence of many utterances and, where given, the experts' word accuracy.</summary>
    public static Dictionary<string, PhoneNorm> PhoneNorms(IEnumerable<(AssessmentEvidence Evidence, IReadOnlyList<double>? WordAccuracy)> utterances)
    {
        var phones = new List<(PhoneEvidence Phone, double? Accuracy)>();
        foreach (var (evidence, accuracy) in utterances)
        {
            for (var i = 0; i < evidence.Words.Count; i++)
            {
                double? label = accuracy is not null && i < accuracy.Count ? accuracy[i] : null;
                phones.AddRange(evidence.Words[i].Phones.Select(p => (p, label)));
            }
        }

        var labelled = phones.Where(p => p.Accuracy is not null).Select(p => p.Accuracy!.Value).ToList();
        var overall = labelled.Count > 0 ? labelled.Average() : 9;
        return phones
            .GroupBy(p => p.Phone.Phone)
            .ToDictionary(g => g.Key, g =>
            {
                var durations = g.Select(p => Math.Log(p.Phone.Frames)).ToList();
                var gops = g.Select(p => p.Phone.Gop).ToList();
                var accuracies = g.Where(p => p.Accuracy is not null).Select(p => p.Accuracy!.Value).ToList();
                // Shrunk towards the overall mean so that rare phones are not judged on a few words.
                var accuracy = (accuracies.Sum() + 20 * overall) / (accuracies.Count + 20);
                var ratios = g.Where(p => p.Phone.PosteriorRatio is not null).Select(p => Ratio(p.Phone)).ToList();
                return new PhoneNorm(
                    durations.Average(), Math.Max(0.1, Statistics.StandardDeviation(durations)), gops.Average(), Math.Max(1e-4, Statistics.StandardDeviation(gops)), accuracy,
                    ratios.Count > 1 ? ratios.Average() : -1, ratios.Count > 1 ? Math.Max(0.05, Statistics.StandardDeviation(ratios)) : 1);
            });
    }

    private static readonly PhoneNorm Fallback = new(Math.Log(8), 0.5, 0, 0.01);

    private static PhoneNorm Norm(IReadOnlyDictionary<string, PhoneNorm> norms, string phone) => norms.GetValueOrDefault(phone, Fallback);

    private static double GopZ(IReadOnlyDictionary<string, PhoneNorm> norms, PhoneEvidence p)
    {
        var n = Norm(norms, p.Phone);
        return Math.Clamp((p.Gop - n.GopMean) / n.GopSd, -6, 6);
    }

    private static double DurationZ(IReadOnlyDictionary<string, PhoneNorm> norms, PhoneEvidence p, double rateShift)
    {
        var n = Norm(norms, p.Phone);
        return Math.Clamp((Math.Log(p.Frames) - rateShift - n.LogFramesMean) / n.LogFramesSd, -5, 5);
    }

    // How much longer than typical this speaker's phones are overall (log), so that duration features measure
    // rhythm within the utterance rather than tempo.
    private static double RateShift(IReadOnlyDictionary<string, PhoneNorm> norms, List<PhoneEvidence> phones) =>
        phones.Count == 0 ? 0 : phones.Average(p => Math.Log(p.Frames) - Norm(norms, p.Phone).LogFramesMean);

    public static double[] Sentence(AssessmentEvidence e, IReadOnlyDictionary<string, PhoneNorm> norms)
    {
        var spoken = e.Words.Where(w => w.Aligned).ToList();
        var phones = spoken.SelectMany(w => w.Phones).ToList();
        var tokens = Math.Max(1, e.Words.Count);
        var shift = RateShift(norms, phones);
        var gopZ = phones.Select(p => GopZ(norms, p)).ToList();
        var durationZ = phones.Select(p => DurationZ(norms, p, shift)).ToList();
        var span = spoken.Count > 0 ? Math.Max(0.1, spoken[^1].End - spoken[0].Start) : 0.1;
        var wordSeconds = spoken.Select(w => w.End - w.Start).ToList();
        var articulation = wordSeconds.Sum();
        var unexpected = e.Pauses.Where(p => !p.AtPunctuation).ToList();
        var wordGopZ = spoken.Where(w => w.Phones.Count > 0).Select(w => w.Phones.Average(p => GopZ(norms, p))).ToList();
        var pitches = spoken.Select(w => w.Pitch).Where(p => !double.IsNaN(p)).ToList();
        var gopZMean = gopZ.DefaultIfEmpty(-6).Average();
        var loopMatch = phones.Count > 0 ? phones.Count(p => p.LoopMatch) / (double)phones.Count : 0;
        var articulationRate = phones.Count / Math.Max(0.1, articulation);
        return
        [
            phones.Count > 0 ? phones.Average(p => p.Gop) : -0.05,
            gopZMean,
            gopZ.Count > 0 ? Statistics.Percentile(gopZ, 0.1) : -6,
            gopZ.Count > 0 ? gopZ.Count(z => z < -1.5) / (double)gopZ.Count : 1,
            phones.Count > 0 ? phones.Sum(p => p.Score) / phones.Sum(p => p.Frames) : -0.01,
            e.ScorePerFrame,
            loopMatch,
            phones.Count > 0 ? Math.Min(2, e.LoopEditDistance / (double)phones.Count) : 2,
            durationZ.Count > 0 ? durationZ.Average(Math.Abs) : 3,
            durationZ.DefaultIfEmpty(0).Average(),
            wordGopZ.DefaultIfEmpty(-6).Min(),
            e.Words.Count(w => w.Heard > 0) / (double)tokens,
            spoken.Count / (double)tokens,
            Math.Min(3, e.Insertions / (double)tokens),
            e.Words.Count(w => w.Heard > 1) / (double)tokens,
            Math.Min(20, phones.Count / span),
            Math.Min(25, articulationRate),
            unexpected.Count(p => p.Seconds >= 0.2) / (double)tokens,
            Math.Min(1, unexpected.Sum(p => p.Seconds) / span),
            e.Pauses.Count(p => p.Seconds >= 0.5),
            Math.Min(3, e.LeadingSilence),
            Math.Min(3, e.TrailingSilence),
            wordSeconds.Count > 1 ? Statistics.StandardDeviation(wordSeconds) / wordSeconds.Average() : 0,
            e.Prosody.VoicedFraction,
            Math.Min(12, e.Prosody.PitchSpread),
            Math.Min(30, e.Prosody.PitchRange),
            Math.Min(6, e.Prosody.PitchSlope),
            e.Prosody.EnergySpread,
            e.Prosody.EnergyRange,
            e.Prosody.SpeechToSilenceDb,
            pitches.Count > 1 ? Math.Min(12, Statistics.StandardDeviation(pitches)) : 0,
            spoken.Count > 1 ? Statistics.StandardDeviation(spoken.Select(w => w.Energy).ToList()) : 0,
            Math.Log(tokens),
            Math.Log(Math.Max(0.5, e.AudioSeconds)),
            e.Words.Count(w => w.Heard == 0 && (!w.Aligned || WordGopZ(norms, w) < -1.5)) / (double)tokens,
            gopZMean * gopZMean,
            loopMatch * loopMatch,
            articulationRate * articulationRate / 100,
            phones.Select(Posterior).DefaultIfEmpty(-6).Average(),
            phones.Select(Ratio).DefaultIfEmpty(-6).Average(),
            phones.Select(p => p.PosteriorShare ?? 0).DefaultIfEmpty(0).Average(),
            phones.Count > 0 ? phones.Count(p => Ratio(p) < -2) / (double)phones.Count : 1,
            phones.Select(p => RatioZ(norms, p)).DefaultIfEmpty(-6).Average(),
        ];
    }

    private static double WordGopZ(IReadOnlyDictionary<string, PhoneNorm> norms, WordEvidence w) =>
        w.Phones.Count > 0 ? w.Phones.Average(p => GopZ(norms, p)) : -6;

    /// <summary>Word feature vectors, one per reference token of the evidence.</summary>
    /// <param name="e">The evidence.</param>
    /// <param name="norms">Per-phone norms.</param>
    /// <param name="phoneWrong">Per token, the phone model's probability that each phone is wrong (null: no phone model).</param>
    /// <param name="context">The sentence model's scores and the word priors (null: neutral values).</param>
    public static List<double[]> Words(AssessmentEvidence e, IReadOnlyDictionary<string, PhoneNorm> norms, IReadOnlyList<IReadOnlyList<double>>? phoneWrong, WordContext? context = null)
    {
        var spokenPhones = e.Words.Where(w => w.Aligned).SelectMany(w => w.Phones).ToList();
        var shift = RateShift(norms, spokenPhones);
        var sentenceGopZ = spokenPhones.Select(p => GopZ(norms, p)).DefaultIfEmpty(-6).Average();
        var sentenceLoopPer = spokenPhones.Count > 0 ? Math.Min(2, e.LoopEditDistance / (double)spokenPhones.Count) : 2;
        var sentenceLoopMatch = spokenPhones.Count > 0 ? spokenPhones.Count(p => p.LoopMatch) / (double)spokenPhones.Count : 0;
        var sentence = Sentence(e, norms);
        var wordGopZ = e.Words.Select(w => w.Aligned && w.Phones.Count > 0 ? w.Phones.Average(p => GopZ(norms, p)) : -6).ToList();
        var alignedGopZ = e.Words.Select((w, i) => (w, i)).Where(x => x.w.Aligned && x.w.Phones.Count > 0).Select(x => wordGopZ[x.i]).ToList();
        var utteranceGopZ = alignedGopZ.DefaultIfEmpty(-6).Average();
        var utteranceGopSd = Math.Max(0.25, alignedGopZ.Count > 1 ? Statistics.StandardDeviation(alignedGopZ) : 1);
        var wrongMax = e.Words.Select((_, i) => phoneWrong is not null && phoneWrong[i].Count > 0 ? phoneWrong[i].Max() : double.NaN).ToList();
        var utteranceWrongMax = wrongMax.Where(double.IsFinite).DefaultIfEmpty(1).Average();
        var utteranceRatio = spokenPhones.Select(Ratio).DefaultIfEmpty(-6).Average();
        var predictedAccuracy = context?.Sentence[0] ?? 8;
        var predictedTotal = context?.Sentence[3] ?? 8;
        var predictedWordMean = context is { Sentence.Length: > 4 } ? context.Sentence[4] : predictedAccuracy;
        var rows = new List<double[]>(e.Words.Count);
        for (var index = 0; index < e.Words.Count; index++)
        {
            var w = e.Words[index];
            var phones = w.Phones;
            var expected = phones.Count > 0 ? phones.Select(p => Norm(norms, p.Phone).WordAccuracy).ToList() : [9.0];
            double[] position =
            [
                index == 0 ? 1 : 0,
                index == e.Words.Count - 1 ? 1 : 0,
                Math.Min(15, w.Word.Length),
                index > 0 ? wordGopZ[index - 1] : 0,
                index < e.Words.Count - 1 ? wordGopZ[index + 1] : 0,
            ];
            var wrong = phoneWrong is not null && phoneWrong[index].Count > 0 ? phoneWrong[index] : null;
            var prior = context?.Priors?[index];
            var confusion = phones.Select(p => Confusion(context?.Confusions, p.Phone, p.LoopPhone)).DefaultIfEmpty(1).ToList();
            var classifierConfusion = phones.Select(p => Confusion(context?.Confusions, p.Phone, p.PosteriorBest, ClassifierConfusion)).DefaultIfEmpty(1).ToList();
            double[] stacked =
            [
                prior?.Accuracy ?? expected.Average(), Math.Log(1 + (prior?.Count ?? 0)), predictedAccuracy, predictedTotal,
                (wrong?.Max() ?? 1) * predictedAccuracy, confusion.Max(), confusion.Average(), predictedWordMean,
            ];
            double[] difficulty =
            [
                expected.Min(), expected.Average(),
                wrong?.Max() ?? 1, wrong?.Average() ?? 1, wrong?.Count(p => p > 0.5) ?? 0,
            ];
            if (!w.Aligned || phones.Count == 0)
            {
                rows.Add([-0.05, -6, -6, -0.01, -0.01, 0, 0, 5, Math.Min(2, w.Heard), w.Heard > 1 ? 1 : 0, 0, 0, 0, w.InDictionary ? 1 : 0, sentenceGopZ, sentenceLoopPer, sentenceLoopMatch, 36, 0,
                    0, .. position, -3, .. difficulty, -6, -5, -5, -6, 0, 9,
                    -6 - utteranceGopZ, -6 - utteranceGopZ, -4, 0, 1 - utteranceWrongMax, -1,
                    -12, -12, -12, -12, 0, -12 - utteranceRatio, -6, -6, 0, 0, classifierConfusion.Max(), classifierConfusion.Average(), .. stacked, .. sentence]);
                continue;
            }

            var gopZ = phones.Select(p => GopZ(norms, p)).ToList();
            var durationZ = phones.Select(p => DurationZ(norms, p, shift)).ToList();
            var frames = Math.Max(1, (int)Math.Round((w.End - w.Start) * 100));
            rows.Add(
            [
                phones.Average(p => p.Gop),
                gopZ.Average(),
                gopZ.Min(),
                phones.Sum(p => p.Score) / phones.Sum(p => p.Frames),
                w.AcousticScore / frames,
                phones.Count(p => p.LoopMatch) / (double)phones.Count,
                durationZ.Average(),
                durationZ.Max(Math.Abs),
                Math.Min(2, w.Heard),
                w.Heard > 1 ? 1 : 0,
                1,
                Math.Min(12, phones.Count),
                Math.Min(2, w.PauseBefore),
                w.InDictionary ? 1 : 0,
                sentenceGopZ,
                sentenceLoopPer,
                sentenceLoopMatch,
                gopZ.Average() * gopZ.Average(),
                (w.End - w.Start) / phones.Count,
                gopZ.Count(z => z < -2),
                .. position,
                Math.Clamp(Math.Log(frames) - Math.Log(phones.Sum(p => Math.Exp(Norm(norms, p.Phone).LogFramesMean))) - shift, -3, 3),
                .. difficulty,
                gopZ[^1],
                durationZ[^1],
                durationZ.Min(),
                gopZ.Count > 1 ? gopZ.Order().ElementAt(1) : gopZ[0],
                phones[^1].LoopMatch ? 1 : 0,
                Norm(norms, phones[gopZ.IndexOf(gopZ.Min())].Phone).WordAccuracy,
                gopZ.Average() - utteranceGopZ,
                gopZ.Min() - utteranceGopZ,
                Math.Clamp((gopZ.Average() - utteranceGopZ) / utteranceGopSd, -4, 4),
                alignedGopZ.Count > 1 ? alignedGopZ.Count(z => z < gopZ.Average()) / (double)(alignedGopZ.Count - 1) : 0.5,
                double.IsFinite(wrongMax[index]) ? wrongMax[index] - utteranceWrongMax : 0,
                PhoneIds.GetValueOrDefault(phones[gopZ.IndexOf(gopZ.Min())].Phone, -1),
                phones.Average(Posterior),
                phones.Min(Posterior),
                phones.Average(Ratio),
                phones.Min(Ratio),
                phones.Average(p => p.PosteriorShare ?? 0),
                phones.Average(Ratio) - utteranceRatio,
                phones.Average(p => RatioZ(norms, p)),
                phones.Min(p => RatioZ(norms, p)),
                phones.Count(p => RatioZ(norms, p) < -1.5),
                phones.Min(p => p.PosteriorShare ?? 0),
                classifierConfusion.Max(),
                classifierConfusion.Average(),
                .. stacked,
                .. sentence,
            ]);
        }

        return rows;
    }

    /// <summary>Normalised goodness of pronunciation of one phone (z-score against the phone's training statistics).</summary>
    public static double PhoneGopZ(IReadOnlyDictionary<string, PhoneNorm> norms, PhoneEvidence phone) => GopZ(norms, phone);
}

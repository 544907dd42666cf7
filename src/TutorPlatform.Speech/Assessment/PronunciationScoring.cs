using TutorPlatform.Core.Speaking;

namespace TutorPlatform.Speech.Assessment;

/// <summary>From evidence and the trained model to the assessment the student sees: scores 0–100, word errors, phone scores.</summary>
public static class PronunciationScoring
{
    /// <summary>Word accuracy (0–100) under which a said word counts as mispronounced.</summary>
    public const double MispronouncedBelow = 60;

    /// <summary>A pause at least this long before a word, where the text has no punctuation, is unexpected.</summary>
    public const double UnexpectedPauseSeconds = 0.5;

    // A word that the reading check did not hear was most likely left out where the word model scores it this low
    // (0–10) ...
    private const double OmittedBelow = 3;

    // ... or where its alignment is squeezed to the aligner's minimum of 3 frames (10 ms) per phone, or the
    // pronunciation check left out at least this share of its phones, unless the word model scores the word as well
    // said as this (0–10). Fluent native reading runs short words together ("of", "the", a spelt letter): the
    // reading-check grammar skips them, the forced alignment gives them the fewest frames it can and the phone loop
    // finds no phone of its own there, yet the word is plainly said. On the 80 native clips of LJSpeech and AN4 such
    // words scored 8.8–10; the words of a text not read that these rules catch (a speechocean762 clip against another
    // sentence) 4.2–8.4.
    private const int MinimumFramesPerPhone = 3;
    private const double OmittedLeftOut = 0.5;
    private const double SaidWellFrom = 9;

    /// <summary>Whether the word was left out: not aligned at all, or not heard with alignment evidence of absence.</summary>
    public static bool IsOmitted(WordEvidence word, double accuracy0To10)
    {
        if (!word.Aligned || word.Phones.Count == 0)
        {
            return true;
        }

        // Where the phone classifier hears silence over every phone of a word the model doubts, nothing was said there
        // (a text not read, aligned over a pause), whatever the reading check heard.
        if (accuracy0To10 < SaidWellFrom && word.Phones.All(p => p.PosteriorBest == "SIL"))
        {
            return true;
        }

        if (word.Heard > 0)
        {
            return false;
        }

        // Whole frames: the span in seconds carries rounding error (6 frames can come out as 5.9999).
        var frames = (int)Math.Round((word.End - word.Start) * 100);
        var squeezed = frames <= MinimumFramesPerPhone * word.Phones.Count;
        return accuracy0To10 < OmittedBelow
            || (accuracy0To10 < SaidWellFrom && (squeezed || EvidenceExtractor.LeftOutShare(word.Phones) >= OmittedLeftOut));
    }

    /// <summary>Completeness 0–10: the share of reference words said.</summary>
    public static double Completeness(AssessmentEvidence evidence, IReadOnlyList<double> wordAccuracy) =>
        evidence.Words.Count == 0 ? 0 : 10.0 * evidence.Words.Where((w, i) => !IsOmitted(w, wordAccuracy[i])).Count() / evidence.Words.Count;

    /// <summary>
    /// The overall score 0–10 as reported: the model's total (trained on experts who heard whole readings: in
    /// speechocean762 nearly every text is read in full) scaled by the share of the text read below
    /// <see cref="FullReadingFrom"/>, so that reading two words of six well does not score like reading all six well
    /// (a take scored 89 overall with completeness 33 now gets 33). Speaker-CV total correlation: 0.817 for the
    /// model's total, 0.811 as reported (0.808 when scaled by the whole completeness).
    /// </summary>
    public static double Overall(double modelTotal, double completeness) => modelTotal * Math.Clamp(completeness / FullReadingFrom, 0, 1);

    /// <summary>Completeness (0–10) from which a reading counts as full for <see cref="Overall"/>: one word in ten may be missed, or wrongly taken as missed.</summary>
    public const double FullReadingFrom = 9;

    /// <summary>
    /// A phone's accuracy 0–100 from its normalised goodness of pronunciation (typical for the phone ≈ 90, 1.5 sd
    /// worse = 50), for a model without a phone model; with one, a phone's accuracy is 100 × (1 − the trained
    /// probability that experts would mark it wrong).
    /// </summary>
    public static double PhoneAccuracy(double gopZ) => 100 / (1 + Math.Exp(-1.5 * (gopZ + 1.5)));

    /// <summary>What a model says of one utterance, on the 0–10 scale.</summary>
    /// <param name="Sentence">Sentence scores in the order of <see cref="PronunciationModel.SentenceTargets"/>, the total as reported (<see cref="Overall"/>).</param>
    /// <param name="PhonesWrong">Per word, per phone: the probability that experts would mark it wrong; null for a model without a phone model.</param>
    /// <param name="Words">Per reference word: its accuracy.</param>
    /// <param name="Completeness">The share of reference words said (<see cref="Completeness(AssessmentEvidence, IReadOnlyList{double})"/>).</param>
    public sealed record Prediction(double[] Sentence, IReadOnlyList<IReadOnlyList<double>>? PhonesWrong, double[] Words, double Completeness);

    /// <summary>
    /// The model's scores of one utterance, as the assessment reports them and the cross-validation measures them.
    /// The sentence part and the phone model feed the word model too: each is computed once.
    /// </summary>
    public static Prediction Predict(AssessmentEvidence evidence, PronunciationModel model)
    {
        var utterance = model.PredictUtterance(evidence);
        var phonesWrong = model.PredictPhonesWrong(evidence);
        var words = model.PredictWords(evidence, utterance, phonesWrong);
        var completeness = Completeness(evidence, words);
        var sentence = utterance[..PronunciationModel.SentenceTargets.Length]; // a copy: the word model saw the model's own total
        sentence[TotalIndex] = Overall(sentence[TotalIndex], completeness);
        return new Prediction(sentence, phonesWrong, words, completeness);
    }

    private static readonly int TotalIndex = Array.IndexOf(PronunciationModel.SentenceTargets, "total");

    public static PronunciationAssessment Assess(AssessmentEvidence evidence, PronunciationModel model)
    {
        var (sentence, phoneWrong, wordAccuracy, completeness) = Predict(evidence, model);
        var words = new List<WordAssessment>();
        for (var i = 0; i < evidence.Words.Count; i++)
        {
            var w = evidence.Words[i];
            var omitted = IsOmitted(w, wordAccuracy[i]);
            var accuracy = omitted ? 0 : Math.Round(wordAccuracy[i] * 10, 1);
            var error = omitted ? WordErrorType.Omission
                : accuracy < MispronouncedBelow ? WordErrorType.Mispronunciation
                : w.Heard > 1 ? WordErrorType.Repetition
                : i > 0 && w.PauseBefore >= UnexpectedPauseSeconds && !w.PunctuationBefore ? WordErrorType.UnexpectedPause
                : WordErrorType.None;
            var phones = omitted ? [] : w.Phones
                .Select((p, k) => new PhoneAssessment(
                    p.Phone,
                    Math.Round(phoneWrong is not null ? 100 * (1 - phoneWrong[i][k]) : PhoneAccuracy(AssessmentFeatures.PhoneGopZ(model.PhoneNorms, p)), 1),
                    p.Start,
                    p.End))
                .ToList();
            words.Add(new WordAssessment(w.Index, w.Text, w.Heard > 0 ? w.Word : null, accuracy, error, omitted ? 0 : w.Start, omitted ? 0 : w.End, phones));
        }

        // Inserted words go after the reference word they follow (before the first word: with index 0, first).
        foreach (var extra in (evidence.Inserted ?? []).OrderByDescending(x => x.After).ThenByDescending(x => x.Start))
        {
            var at = extra.After < 0 ? 0 : words.FindLastIndex(w => w.Index == extra.After) + 1;
            words.Insert(at, new WordAssessment(Math.Max(0, extra.After), extra.Word, extra.Word, 0, WordErrorType.Insertion, extra.Start, extra.End, []));
        }

        return new PronunciationAssessment(
            Math.Round(sentence[0] * 10, 1),
            Math.Round(sentence[1] * 10, 1),
            Math.Round(completeness * 10, 1),
            Math.Round(sentence[2] * 10, 1),
            Math.Round(sentence[3] * 10, 1),
            evidence.Heard,
            evidence.AudioSeconds,
            words,
            model.Version);
    }
}

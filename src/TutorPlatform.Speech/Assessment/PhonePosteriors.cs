using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Runs a <see cref="PhoneClassifier"/> over the aligned speech of an attempt and adds its view of each aligned phone
/// to the evidence (<see cref="PhoneEvidence.Posterior"/> and the two beside it); also gives the frame labels the
/// classifier is trained on, from the same stretch of audio, so that training and use see the same input.
/// </summary>
public static class PhonePosteriors
{
    /// <summary>Changes when the classifier's input or training changes (posteriors cached for training carry it).</summary>
    public const int Version = 3;

    // Audio kept before the first and after the last aligned word (the classifier also learns silence).
    private const double Margin = 0.1;

    /// <summary>The stretch classified: from the first to the last aligned word, with a margin; null where nothing was aligned.</summary>
    public static (double Start, double End)? Span(AssessmentEvidence evidence)
    {
        var aligned = evidence.Words.Where(w => w.Aligned && w.Phones.Count > 0).ToList();
        return aligned.Count == 0 ? null : EvidenceExtractor.Around(aligned[0].Start, aligned[^1].End, evidence.AudioSeconds, Margin);
    }

    /// <summary>The stretch's log mel rows and the number of the audio's frame its first row is.</summary>
    public static (float[][] Mel, int FirstFrame)? Mel(PcmAudio audio, AssessmentEvidence evidence)
    {
        if (Span(evidence) is not { } span)
        {
            return null;
        }

        var first = (int)Math.Round(span.Start * 100);
        var mel = LogMelSpectrum.Compute(audio.Slice(first / 100.0, span.End).Samples.Span);
        return mel.Length == 0 ? null : (mel, first);
    }

    /// <summary>
    /// A class per frame of the stretch: the aligned phone, silence outside every aligned word, −1 (not trained on)
    /// within a word but outside its phones and for phones the classifier does not know.
    /// </summary>
    public static int[] Labels(AssessmentEvidence evidence, int firstFrame, int frames, Func<string, int> indexOf)
    {
        var labels = new int[frames];
        var silence = indexOf("SIL");
        Array.Fill(labels, silence);
        foreach (var word in evidence.Words.Where(w => w.Aligned))
        {
            Fill(word.Start, word.End, -1);
            foreach (var phone in word.Phones)
            {
                Fill(phone.Start, phone.End, indexOf(phone.Phone));
            }
        }

        return labels;

        void Fill(double start, double end, int label)
        {
            var (from, to) = Frames(start, end, firstFrame, frames);
            Array.Fill(labels, label, from, to - from);
        }
    }

    private static (int From, int To) Frames(double start, double end, int firstFrame, int frames)
    {
        var from = Math.Clamp((int)Math.Round(start * 100) - firstFrame, 0, frames);
        var to = Math.Clamp((int)Math.Round(end * 100) - firstFrame, from, frames);
        return (from, to);
    }

    /// <summary>The evidence with every aligned phone's posterior figures from <paramref name="classifier"/>.</summary>
    public static AssessmentEvidence Annotate(PhoneClassifier classifier, PcmAudio audio, AssessmentEvidence evidence) =>
        Mel(audio, evidence) is { } m ? Annotate(classifier, m.Mel, m.FirstFrame, evidence) : evidence;

    public static AssessmentEvidence Annotate(PhoneClassifier classifier, float[][] mel, int firstFrame, AssessmentEvidence evidence)
    {
        var posteriors = classifier.LogPosteriors(mel, 0, mel.Length);
        return evidence with
        {
            Words = evidence.Words.Select(w => !w.Aligned ? w : w with
            {
                Phones = w.Phones.Select(p =>
                {
                    var k = classifier.IndexOf(p.Phone);
                    var (from, to) = Frames(p.Start, p.End, firstFrame, mel.Length);
                    if (k < 0 || to <= from)
                    {
                        return p;
                    }

                    double posterior = 0, ratio = 0;
                    var best = 0;
                    var sums = new double[classifier.Phones.Count];
                    for (var t = from; t < to; t++)
                    {
                        var row = posteriors[t];
                        var max = row.Max();
                        posterior += row[k];
                        ratio += row[k] - max;
                        best += row[k] >= max ? 1 : 0;
                        for (var c = 0; c < sums.Length; c++)
                        {
                            sums[c] += row[c];
                        }
                    }

                    var n = to - from;
                    return p with
                    {
                        Posterior = posterior / n,
                        PosteriorRatio = ratio / n,
                        PosteriorShare = best / (double)n,
                        PosteriorBest = classifier.Phones[Array.IndexOf(sums, sums.Max())],
                    };
                }).ToList(),
            }).ToList(),
        };
    }
}

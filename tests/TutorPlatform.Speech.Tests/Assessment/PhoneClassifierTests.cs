using System.Text.Json;
using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Speech.Tests.Assessment;

/// <summary>The phone classifier (<see cref="PhoneClassifier"/>), its input (<see cref="LogMelSpectrum"/>) and its evidence (<see cref="PhonePosteriors"/>).</summary>
public sealed class PhoneClassifierTests
{
    private static readonly IReadOnlyList<string> Classes = AssessmentFeatures.PhoneList;
    private static readonly int Aa = Classes.ToList().IndexOf("AA");
    private static readonly int Iy = Classes.ToList().IndexOf("IY");

    [Fact]
    public void Compute_ToneThenQuiet_RisesMostInTheBandOfTheTone()
    {
        var random = new Random(1);
        var samples = Enumerable.Range(0, 16_000)
            .Select(i => (short)((i < 8_000 ? 8_000 * Math.Sin(2 * Math.PI * 1_000 * i / 16_000.0) : 0) + random.Next(-20, 21)))
            .ToArray();

        var mel = LogMelSpectrum.Compute(samples);

        Assert.Equal(1 + (16_000 - 400) / LogMelSpectrum.FrameShift, mel.Length);
        Assert.All(mel, row => Assert.Equal(LogMelSpectrum.Bands, row.Length));
        var rise = Enumerable.Range(0, LogMelSpectrum.Bands).Select(b => mel[..40].Average(r => r[b]) - mel[^40..].Average(r => r[b])).ToList();
        var nearest = Enumerable.Range(0, LogMelSpectrum.Bands).MinBy(b => Math.Abs(LogMelSpectrum.CentreHz(b) - 1_000));
        Assert.Equal(nearest, rise.IndexOf(rise.Max()));
        // The utterance's mean is taken out of every band.
        Assert.All(Enumerable.Range(0, LogMelSpectrum.Bands), b => Assert.Equal(0, mel.Average(r => r[b]), 3));
    }

    [Fact]
    public void PowerSpectrum_MatchesADirectFourierTransform()
    {
        var random = new Random(7);
        var frame = Enumerable.Range(0, 512).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var power = new double[257];

        LogMelSpectrum.PowerSpectrum(frame, new double[256], new double[256], power);

        for (var k = 0; k <= 256; k++)
        {
            double re = 0, im = 0;
            for (var n = 0; n < 512; n++)
            {
                re += frame[n] * Math.Cos(2 * Math.PI * k * n / 512);
                im -= frame[n] * Math.Sin(2 * Math.PI * k * n / 512);
            }

            Assert.Equal(re * re + im * im, power[k], 6);
        }
    }

    [Fact]
    public void Compute_ShorterThanOneWindow_GivesNoFrames()
    {
        Assert.Empty(LogMelSpectrum.Compute(new short[399]));
    }

    // Frames of three sounds with different spectra: silence, "AA" (energy in the low bands), "IY" (in the high ones).
    private static float[] Row(int sound, Random random) =>
        Enumerable.Range(0, LogMelSpectrum.Bands)
            .Select(b => (float)((sound == Aa ? (b < 15 ? 3 : -1) : sound == Iy ? (b >= 25 ? 3 : -1) : -2) + random.NextDouble() - 0.5))
            .ToArray();

    private static PhoneClassifier.TrainingUtterance Utterance(int[] sounds, Random random) =>
        new(sounds.Select(s => Row(s, random)).ToArray(), sounds);

    private static int[] Sounds() => [.. Enumerable.Repeat(0, 20), .. Enumerable.Repeat(Aa, 30), .. Enumerable.Repeat(Iy, 30), .. Enumerable.Repeat(0, 20)];

    private static PhoneClassifier Trained()
    {
        var random = new Random(2);
        var utterances = Enumerable.Range(0, 30).Select(_ => Utterance(Sounds(), random)).ToList();
        return PhoneClassifier.Train(Classes, utterances, new PhoneClassifierSettings(Context: 1, Hidden: 16, Epochs: 3, FrameStep: 1, LearningRate: 3e-3));
    }

    [Fact]
    public void Train_SeparableSounds_ClassifiesUnseenFrames()
    {
        var classifier = Trained();
        var unseen = Utterance(Sounds(), new Random(3));

        var posteriors = classifier.LogPosteriors(unseen.Mel, 0, unseen.Mel.Length);

        var correct = posteriors.Select((row, t) => Array.IndexOf(row, row.Max()) == unseen.Labels[t]).Count(c => c);
        Assert.True(correct >= 0.95 * unseen.Labels.Length, $"{correct} of {unseen.Labels.Length} frames");
        Assert.All(posteriors, row => Assert.Equal(1, row.Sum(v => Math.Exp(v)), 3));
    }

    [Fact]
    public void Train_Twice_GivesTheSameClassifier()
    {
        // Cross-validation caches the folds' posteriors and the model ships a classifier trained apart: both rely on this.
        Assert.Equal(Trained().Parameters, Trained().Parameters);
    }

    [Fact]
    public void Json_RoundTrip_GivesTheSamePosteriors()
    {
        var classifier = Trained();
        var frames = Utterance(Sounds(), new Random(4)).Mel;

        var copy = JsonSerializer.Deserialize<PhoneClassifier>(JsonSerializer.Serialize(classifier, Speechocean762.Json), Speechocean762.Json)!;

        Assert.Equal(classifier.LogPosteriors(frames, 0, frames.Length), copy.LogPosteriors(frames, 0, frames.Length));
        Assert.Equal(classifier.Parameters, copy.Parameters);
    }

    [Fact]
    public void Train_TooFewLabelledFrames_Throws()
    {
        var few = new PhoneClassifier.TrainingUtterance([.. Enumerable.Range(0, 50).Select(_ => new float[LogMelSpectrum.Bands])], [.. Enumerable.Repeat(-1, 50)]);

        Assert.Throws<InvalidOperationException>(() => PhoneClassifier.Train(Classes, [few], new PhoneClassifierSettings()));
    }

    // One word, "AA" 0.2–0.5 s then "IY" 0.5–0.8 s, in audio whose frames start at 0.
    private static AssessmentEvidence Evidence(string first = "AA") => new(
        1.0, true, -0.01,
        [new WordEvidence(0, "ai", "ai", true, 1, 0, false, 0.2, 0.8, -10, true, double.NaN, 60,
            [new PhoneEvidence(first, 0.2, 0.5, -5, -5, true), new PhoneEvidence("IY", 0.5, 0.8, -5, -5, true)])],
        [], 0.2, 0.2, 2, 0, 0, "ai", new ProsodyEvidence(0.5, 1, 2, 0.1, 5, 10, 20));

    [Fact]
    public void Labels_GivesPhonesWithinAlignedWordsAndSilenceOutside()
    {
        var word = Evidence().Words[0];
        var evidence = Evidence() with { Words = [word with { Phones = [word.Phones[0] with { End = 0.4 }, word.Phones[1]] }] };

        var labels = PhonePosteriors.Labels(evidence, 10, 80, Classes.ToList().IndexOf);

        Assert.All(labels[..10], l => Assert.Equal(0, l));
        Assert.All(labels[10..30], l => Assert.Equal(Aa, l));
        Assert.All(labels[30..40], l => Assert.Equal(-1, l)); // within the word, between its phones
        Assert.All(labels[40..70], l => Assert.Equal(Iy, l));
        Assert.All(labels[70..], l => Assert.Equal(0, l));
    }

    [Fact]
    public void Annotate_PhoneSaidAsAnother_GetsALowRatioAndTheOtherAsBest()
    {
        var classifier = Trained();
        int[] sounds = [.. Enumerable.Repeat(0, 20), .. Enumerable.Repeat(Aa, 30), .. Enumerable.Repeat(Iy, 30), .. Enumerable.Repeat(0, 20)];
        var mel = Utterance(sounds, new Random(5)).Mel;

        var right = PhonePosteriors.Annotate(classifier, mel, 0, Evidence()).Words[0].Phones;
        var wrong = PhonePosteriors.Annotate(classifier, mel, 0, Evidence(first: "IY")).Words[0].Phones;

        Assert.Equal("AA", right[0].PosteriorBest);
        Assert.True(right[0].PosteriorShare > 0.9, $"share {right[0].PosteriorShare}");
        Assert.True(right[0].PosteriorRatio > -0.1, $"ratio {right[0].PosteriorRatio}");
        Assert.Equal("AA", wrong[0].PosteriorBest);
        Assert.True(wrong[0].PosteriorShare < 0.1, $"share {wrong[0].PosteriorShare}");
        Assert.True(wrong[0].PosteriorRatio < -1, $"ratio {wrong[0].PosteriorRatio}");
        Assert.Equal(right[1], wrong[1]);
    }

    [Fact]
    public void Annotate_NothingAligned_LeavesTheEvidenceAlone()
    {
        var evidence = Evidence() with { Words = [Evidence().Words[0] with { Aligned = false }] };

        Assert.Null(PhonePosteriors.Span(evidence));
        Assert.Same(evidence, PhonePosteriors.Annotate(Trained(), new Core.Speech.PcmAudio(new short[16_000]), evidence));
    }
}

using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Audio;

namespace TutorPlatform.Speech.Tests;

public sealed class VoiceActivityDetectorTests(SpeechFixture speech)
{
    [Fact]
    public void Detect_BurstBetweenSilences_FindsOneSegmentAroundIt()
    {
        var audio = Compose(Silence(1.0), Noise(1.0, 3000), Silence(1.0));

        var segments = EnergyVoiceActivityDetector.Detect(audio);

        var segment = Assert.Single(segments);
        Assert.Equal(1.0 - 0.15, segment.StartSeconds, 0.03);
        Assert.Equal(2.0 + 0.15, segment.EndSeconds, 0.03);
    }

    [Fact]
    public void Detect_PureSilence_FindsNothing() =>
        Assert.Empty(EnergyVoiceActivityDetector.Detect(Compose(Silence(2.0))));

    [Fact]
    public void Detect_LongTake_IsSplitAtPausesUnderTheMaximum()
    {
        var audio = Compose(Noise(1.0, 3000), Silence(0.2), Noise(1.0, 3000), Silence(0.2), Noise(1.0, 3000));

        var segments = EnergyVoiceActivityDetector.Detect(audio, new EnergyVadOptions(MaxSegmentSeconds: 1.5));

        Assert.True(segments.Count >= 2, $"expected a split, got {segments.Count} segment(s)");
        Assert.All(segments, s => Assert.True(s.DurationSeconds <= 1.5 + 1e-9));
        Assert.Equal(0, segments[0].StartSeconds, 0.01);
        Assert.Equal(audio.DurationSeconds, segments[^1].EndSeconds, 0.01);
    }

    [Fact]
    public async Task Trim_RealClipPaddedWithSilence_RemovesMostOfThePadding()
    {
        var clip = await speech.LoadAsync("ljspeech", SpeechFixture.Manifest("ljspeech")[1]);
        var padded = Compose(Silence(1.5, noise: 30), clip.Samples.ToArray(), Silence(1.5, noise: 30));

        var trimmed = EnergyVoiceActivityDetector.Trim(padded);

        Assert.InRange(trimmed.DurationSeconds, clip.DurationSeconds - 0.4, clip.DurationSeconds + 0.4);
    }

    private static PcmAudio Compose(params short[][] parts) => new(parts.SelectMany(p => p).ToArray());

    private static short[] Silence(double seconds, int noise = 0)
    {
        var random = new Random(1);
        return Enumerable.Range(0, (int)(seconds * PcmAudio.SampleRate)).Select(_ => (short)(noise == 0 ? 0 : random.Next(-noise, noise))).ToArray();
    }

    private static short[] Noise(double seconds, int amplitude)
    {
        var random = new Random(2);
        return Enumerable.Range(0, (int)(seconds * PcmAudio.SampleRate))
            .Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * 220 * i / PcmAudio.SampleRate) + random.Next(-amplitude / 4, amplitude / 4)))
            .ToArray();
    }
}

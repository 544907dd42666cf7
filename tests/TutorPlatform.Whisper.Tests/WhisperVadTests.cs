using TutorPlatform.Core.Speech;

namespace TutorPlatform.Whisper.Tests;

public sealed class WhisperVadTests
{
    private readonly string _native = TestFiles.NativeDirectory;

    [Fact]
    public void Detect_SileroOnJfk_FindsFourOrderedSegmentsInsideTheClip()
    {
        using var vad = new WhisperVad(TestFiles.SileroModel, threads: 2, _native);
        var audio = TestFiles.ReadWav(TestFiles.JfkWav);

        var segments = vad.Detect(audio, cancellationToken: TestContext.Current.CancellationToken);

        // whisper.cpp's own whisper-vad-speech-segments finds 0.32–2.27, 3.27–4.41, 5.38–7.68 and 8.16–10.62 s.
        Assert.Equal(4, segments.Count);
        double previousEnd = 0;
        foreach (var segment in segments)
        {
            Assert.True(segment.StartSeconds >= previousEnd, $"segment {segment} overlaps the previous one");
            Assert.True(segment.EndSeconds > segment.StartSeconds, $"segment {segment} is empty");
            Assert.True(segment.EndSeconds <= audio.DurationSeconds, $"segment {segment} ends after the clip");
            previousEnd = segment.EndSeconds;
        }

        double[] expectedStarts = [0.32, 3.27, 5.38, 8.16];
        double[] expectedEnds = [2.27, 4.41, 7.68, 10.62];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expectedStarts[i], segments[i].StartSeconds, 0.1);
            Assert.Equal(expectedEnds[i], segments[i].EndSeconds, 0.1);
        }
    }

    [Fact]
    public void Detect_Silence_FindsNoSpeech()
    {
        using var vad = new WhisperVad(TestFiles.SileroModel, threads: 1, _native);

        Assert.Empty(vad.Detect(new PcmAudio(new short[3 * PcmAudio.SampleRate]), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(vad.Detect(new PcmAudio(Array.Empty<short>()), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Load_MissingVadModel_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-silero-{Guid.NewGuid():N}.bin");

        var error = Assert.Throws<SpeechEngineException>(() => new WhisperVad(path, 1, _native));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhisperModelAsVadModel_IsRefusedBeforeNativeCode()
    {
        var error = Assert.Throws<SpeechEngineException>(() => new WhisperVad(TestFiles.TinyEnglishModel, 1, _native));

        Assert.Contains("not a Silero VAD model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptVadModel_ThrowsInsteadOfCrashing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-silero-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            var error = Assert.Throws<SpeechEngineException>(() => new WhisperVad(path, 1, _native));

            Assert.Contains("bad magic", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

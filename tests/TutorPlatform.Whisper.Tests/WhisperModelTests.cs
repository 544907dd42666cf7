using TutorPlatform.Core.Speech;

namespace TutorPlatform.Whisper.Tests;

// The shared test models hold whisper tiny's hyper-parameters, mel filters and vocabulary but no tensors:
// whisper.cpp loads them as "empty" models, so they exercise load, free and whisper_full, and transcribe nothing.
public sealed class WhisperModelTests
{
    private readonly string _native = TestFiles.NativeDirectory;

    [Theory]
    [InlineData("for-tests-ggml-tiny.bin", true)]
    [InlineData("for-tests-ggml-tiny.en.bin", false)]
    public void Load_VocabOnlyTestModel_LoadsAndFrees(string file, bool multilingual)
    {
        var model = WhisperModel.Load(TestFiles.SharedModel(file), _native);

        Assert.Equal(multilingual, model.IsMultilingual);
        Assert.Equal(multilingual ? 51865 : 51864, model.VocabularySize);
        model.Dispose();
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Transcribe(new PcmAudio(new short[16_000]), new WhisperDecodeSettings(Threads: 1), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("for-tests-ggml-tiny.bin")]
    [InlineData("for-tests-ggml-tiny.en.bin")]
    public void Transcribe_VocabOnlyModelOnJfk_RunsWhisperFullAndFindsNoWords(string file)
    {
        using var model = WhisperModel.Load(TestFiles.SharedModel(file), _native);
        var audio = TestFiles.ReadWav(TestFiles.JfkWav);

        var transcript = model.Transcribe(audio, new WhisperDecodeSettings(Threads: 2), TestContext.Current.CancellationToken);

        // whisper_full returned 0 (Transcribe throws otherwise); an empty model yields no text.
        Assert.Equal(11.0, transcript.AudioSeconds, 0.01);
        Assert.True(transcript.ProcessingSeconds > 0);
        Assert.All(transcript.Segments, s => Assert.True(string.IsNullOrWhiteSpace(s.Text), $"unexpected text '{s.Text}'"));
        Assert.Empty(WordTimings.FromSegments(transcript.Segments));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{file}: whisper_full on {transcript.AudioSeconds:F1} s took {transcript.ProcessingSeconds:F2} s, {transcript.Segments.Count} segment(s)");
    }

    [Fact]
    public void Transcribe_AlreadyCancelled_ThrowsWithoutDecoding()
    {
        using var model = WhisperModel.Load(TestFiles.TinyEnglishModel, _native);

        Assert.Throws<OperationCanceledException>(() =>
            model.Transcribe(new PcmAudio(new short[16_000]), new WhisperDecodeSettings(Threads: 1), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Load_MissingModel_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-whisper-{Guid.NewGuid():N}.bin");

        var error = Assert.Throws<SpeechEngineException>(() => WhisperModel.Load(path, _native));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsNotAModel_ThrowsInsteadOfReachingNativeCode()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-whisper-{Guid.NewGuid():N}.bin");
        File.WriteAllText(path, "this is not a ggml model, just some text");
        try
        {
            var error = Assert.Throws<SpeechEngineException>(() => WhisperModel.Load(path, _native));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("bad magic", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_VadModelAsWhisperModel_IsRefusedBeforeNativeCode()
    {
        // Right magic, wrong kind: whisper.cpp itself would hit GGML_ASSERT and abort the process on this file.
        var error = Assert.Throws<SpeechEngineException>(() => WhisperModel.Load(TestFiles.SileroModel, _native));

        Assert.Contains("not a whisper.cpp speech model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedModel_GivesAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truncated-whisper-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(TestFiles.TinyEnglishModel)[..20]);
        try
        {
            var error = Assert.Throws<SpeechEngineException>(() => WhisperModel.Load(path, _native));

            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Runtime_MissingNativeFolder_NamesTheInstallScript()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-whisper-native-{Guid.NewGuid():N}");

        var error = Assert.Throws<SpeechEngineException>(() => WhisperRuntime.Initialize(missing));

        Assert.Contains(WhisperRuntime.InstallScript, error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}

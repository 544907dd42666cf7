using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Whisper.Tests;

public sealed class WhisperRecognizerTests
{
    private readonly string _native = TestFiles.NativeDirectory;

    [Fact]
    public async Task Recognize_JfkWithARealWhisperModel_TranscribesIt()
    {
        var model = FindRealModel();
        Assert.SkipWhen(model is null,
            "No real whisper model is installed (the shared test models are vocab-only and transcribe nothing): set " +
            "TUTORPLATFORM_WHISPER_MODEL to a whisper.cpp ggml model, or put ggml-base.en.bin under the repository's .models/.");

        using var recognizer = new WhisperRecognizer(Options.Create(new WhisperOptions { ModelPath = model, NativeDirectory = _native }));
        var result = await recognizer.RecognizeAsync(TestFiles.ReadWav(TestFiles.JfkWav), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("and so my fellow americans ask not what your country can do for you ask what you can do for your country", result.Text);
        Assert.All(result.Words, w => Assert.InRange(w.Confidence, 0, 1));
        Assert.All(result.Words, w => Assert.True(w.EndSeconds >= w.StartSeconds && w.EndSeconds <= 11.1, $"{w} is outside the clip"));
        Assert.True(result.Words.Zip(result.Words.Skip(1)).All(p => p.Second.StartSeconds >= p.First.StartSeconds), "words are not in time order");
    }

    [Fact]
    public async Task Recognize_VocabOnlyModel_ReturnsNoWordsAndNamesTheModel()
    {
        using var recognizer = new WhisperRecognizer(Options.Create(new WhisperOptions { ModelPath = TestFiles.TinyEnglishModel, NativeDirectory = _native, Threads = 2 }));

        var result = await recognizer.RecognizeAsync(TestFiles.ReadWav(TestFiles.JfkWav), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("whisper.cpp for-tests-ggml-tiny.en", result.Recognizer);
        Assert.Equal("", result.Text);
        Assert.Empty(result.Words);
        Assert.Equal(11.0, result.AudioSeconds, 0.01);
    }

    [Fact]
    public async Task Recognize_WithoutAModel_ThrowsSayingWhichOptionToSet()
    {
        using var recognizer = new WhisperRecognizer(Options.Create(new WhisperOptions { NativeDirectory = _native }));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => recognizer.RecognizeAsync(new PcmAudio(new short[16_000]), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Speech:Whisper:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_MissingModelFile_FailValidation()
    {
        var options = new WhisperOptions { ModelPath = "/no/such/ggml-base.en.bin", VadModelPath = "/no/such/silero.bin", Language = "English" };

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true);
        errors.AddRange(options.Validate(new(options)));

        Assert.False(valid);
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(WhisperOptions.Language)));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("/no/such/ggml-base.en.bin", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("/no/such/silero.bin", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_NoModels_AreValid()
    {
        var options = new WhisperOptions();

        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), [], validateAllProperties: true));
        Assert.Empty(options.Validate(new(options)));
        Assert.False(options.HasModel);
    }

    private static string? FindRealModel()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TUTORPLATFORM_WHISPER_MODEL");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            Assert.True(File.Exists(fromEnvironment), $"TUTORPLATFORM_WHISPER_MODEL points at '{fromEnvironment}', which does not exist.");
            return fromEnvironment;
        }

        var installed = Path.Combine(TestFiles.RepositoryRoot, ".models", "ggml-base.en.bin");
        return File.Exists(installed) ? installed : null;
    }
}

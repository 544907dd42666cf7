using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Speech;
using TutorPlatform.Web.Components.Admin;

namespace TutorPlatform.Tests.Components.Admin;

public sealed class ModelRuntimePanelTests : AdminComponentTest
{
    [Fact]
    public void Render_WithProviderNoneAndSpeechMissing_SaysSoForEachRuntime()
    {
        Services.AddSingleton<IChatModelStatus>(new ChatModelStatus(ChatProviders.None, null, null));
        Services.AddSingleton<ISpeechRuntimeStatus>(new FakeSpeechRuntimeStatus(new SpeechRuntimeHealth(
            "pocketsphinx en-us", false, "The pocketsphinx library is not installed. Run scripts/deps/speech.sh.", "/models", false,
            "ffmpeg (ffmpeg) was not found. Run scripts/deps/speech.sh.")));

        var cut = RenderInteractive<ModelRuntimePanel>();

        Assert.Contains("Not configured", cut.Find("[data-testid=runtime-chat]").TextContent);
        Assert.Contains(ChatModelStatus.NoModelMessage, cut.Find("[data-testid=runtime-chat]").TextContent);
        Assert.Contains("Unavailable", cut.Find("[data-testid=runtime-recognizer]").TextContent);
        Assert.Contains("Run scripts/deps/speech.sh", cut.Find("[data-testid=runtime-recognizer]").TextContent);
        Assert.Contains("ffmpeg (ffmpeg) was not found", cut.Find("[data-testid=runtime-decoder]").TextContent);
    }

    [Fact]
    public void Render_WithModelAndSpeechAvailable_ShowsModelLocationAndFailure()
    {
        var status = new ChatModelStatus(ChatProviders.OpenAI, "qwen2.5-7b", "http://gpu:8000/v1");
        status.RecordFailure("The server answered 503.");
        Services.AddSingleton<IChatModelStatus>(status);
        Services.AddSingleton<ISpeechRuntimeStatus>(new FakeSpeechRuntimeStatus(FakeSpeechRuntimeStatus.Available));

        var cut = RenderInteractive<ModelRuntimePanel>();

        var chat = cut.Find("[data-testid=runtime-chat]").TextContent;
        Assert.Contains("Failing", chat);
        Assert.Contains("qwen2.5-7b", chat);
        Assert.Contains("http://gpu:8000/v1", chat);
        Assert.Contains("The server answered 503.", chat);
        Assert.Contains("Available", cut.Find("[data-testid=runtime-recognizer]").TextContent);
        Assert.Contains("ffmpeg at /usr/bin/ffmpeg", cut.Find("[data-testid=runtime-decoder]").TextContent);
    }

    [Fact]
    public void Render_ModelFiles_ListsRuntimeFilesAndSummarisesTestFixtures()
    {
        Services.AddSingleton<IChatModelStatus>(new ChatModelStatus(ChatProviders.None, null, null));
        Services.AddSingleton<ISpeechRuntimeStatus>(new FakeSpeechRuntimeStatus(FakeSpeechRuntimeStatus.Available));
        var manifest = TutorPlatform.Core.Models.ModelManifest.LoadEmbedded();
        Services.AddSingleton(new TutorPlatform.Core.Models.ModelStore(manifest, Path.Combine(Path.GetTempPath(), "tutor-no-models-" + Guid.NewGuid().ToString("N"))));

        var cut = RenderInteractive<ModelRuntimePanel>();

        var files = cut.Find("[data-testid=model-files]").TextContent;
        Assert.Contains("stories260K.gguf", files, StringComparison.Ordinal);
        Assert.DoesNotContain("vocab-test", files, StringComparison.Ordinal);
        var fixtures = manifest.Entries.Count(e => e.Kind is "vocab-test" or "audio-sample");
        Assert.Contains($"{fixtures} test fixtures", cut.Find("[data-testid=test-fixtures]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0 installed", cut.Find("[data-testid=test-fixtures]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsTheActiveRecognizerAndTheOnDeviceScorers()
    {
        Services.AddSingleton<IChatModelStatus>(new ChatModelStatus(ChatProviders.None, null, null));
        Services.AddSingleton<ISpeechRuntimeStatus>(new FakeSpeechRuntimeStatus(FakeSpeechRuntimeStatus.Available));
        Services.AddSingleton<ISpeechRecognizer>(new NamedRecognizer("remote whisper-large-v3"));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new TutorPlatform.Speech.Remote.RemoteTranscriptionOptions { Endpoint = new Uri("http://gpu-1:8000/v1"), Model = "whisper-large-v3" }));

        var cut = RenderInteractive<ModelRuntimePanel>();

        var transcription = cut.Find("[data-testid=runtime-transcription]").TextContent;
        Assert.Contains("remote whisper-large-v3", transcription);
        Assert.Contains("http://gpu-1:8000/v1", transcription);
        Assert.Contains("no whisper.cpp model installed", transcription);
        Assert.Contains("Missing", cut.Find("[data-testid=runtime-essay-scorer]").TextContent);
        Assert.Contains("Missing", cut.Find("[data-testid=runtime-pronunciation]").TextContent);
    }

    private sealed class NamedRecognizer(string name) : ISpeechRecognizer
    {
        public string Name => name;

        public Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The panel only reads the name.");
    }
}

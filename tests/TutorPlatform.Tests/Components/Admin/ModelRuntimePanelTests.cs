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

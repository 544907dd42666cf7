using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech;
using TutorPlatform.Web.Infrastructure;
using TutorPlatform.Whisper;

namespace TutorPlatform.Tests.Speech;

public sealed class SpeechSetupTests : IDisposable
{
    private readonly DirectoryInfo _models = Directory.CreateTempSubdirectory("tutor-models-");

    [Fact]
    public void Recognizer_WithoutWhisperModel_IsPocketSphinx()
    {
        using var services = Build();

        Assert.IsType<PocketSphinxRecognizer>(services.GetRequiredService<ISpeechRecognizer>());
    }

    [Fact]
    public void Recognizer_WithWhisperModelInstalledInModelsDirectory_IsWhisper()
    {
        // Any file will do: resolving the recogniser loads nothing native; the model is read on first use.
        File.WriteAllBytes(Path.Combine(_models.FullName, SpeechSetup.DefaultWhisperModelFile), [1, 2, 3]);
        using var services = Build();

        Assert.IsType<WhisperRecognizer>(services.GetRequiredService<ISpeechRecognizer>());
    }

    public void Dispose() => _models.Delete(recursive: true);

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Directory"] = _models.FullName })
            .Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddTutorSpeechRuntimes(configuration).BuildServiceProvider();
    }
}

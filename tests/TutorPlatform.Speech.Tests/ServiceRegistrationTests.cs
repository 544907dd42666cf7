using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void AddTutorSpeech_BindsTheSpeechSectionAndRegistersTheEngines()
    {
        using var services = Build(new() { ["Speech:MaxAudioSeconds"] = "90", ["Speech:DecoderArguments:beam"] = "1e-50" });

        var options = services.GetRequiredService<IOptions<SpeechOptions>>().Value;
        Assert.Equal(90, options.MaxAudioSeconds);
        Assert.Equal("1e-50", options.DecoderArguments["beam"]);
        Assert.Equal("3000", options.DecoderArguments["maxhmmpf"]);
        Assert.IsType<PocketSphinxRecognizer>(services.GetRequiredService<ISpeechRecognizer>());
        Assert.IsType<PocketSphinxAligner>(services.GetRequiredService<IForcedAligner>());
        Assert.Same(services.GetRequiredService<PocketSphinxRecognizer>(), services.GetRequiredService<ISpeechRecognizer>());
        Assert.NotNull(services.GetRequiredService<IAudioDecoder>());
    }

    [Theory]
    [InlineData("Speech:MaxAudioSeconds", "0")]
    [InlineData("Speech:ModelDirectory", "")]
    [InlineData("Speech:DecoderArguments:-beam", "1e-50")]
    public void AddTutorSpeech_InvalidOption_FailsValidation(string key, string value)
    {
        using var services = Build(new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SpeechOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddTutorSpeech(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}

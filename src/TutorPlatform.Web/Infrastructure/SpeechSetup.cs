using Microsoft.Extensions.Options;
using TutorPlatform.Core.Models;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech;
using TutorPlatform.Whisper;

namespace TutorPlatform.Web.Infrastructure;

internal static class SpeechSetup
{
    /// <summary>whisper.cpp's English base model, the one a school installs with `tutor models install`.</summary>
    public const string DefaultWhisperModelFile = "ggml-base.en.bin";

    /// <summary>
    /// On-device speech with the recogniser chosen automatically: whisper.cpp when a model is configured
    /// (Speech:Whisper:ModelPath) or installed in the models directory, otherwise pocketsphinx, which needs no download.
    /// Nothing native loads at start.
    /// </summary>
    public static IServiceCollection AddTutorSpeechRuntimes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTutorModelStore(configuration);
        services.AddTutorWhisper(configuration);
        services.AddOptions<WhisperOptions>().PostConfigure<IOptions<ModelStoreOptions>>((whisper, store) =>
        {
            var installed = Path.Combine(store.Value.ResolveDirectory(), DefaultWhisperModelFile);
            if (!whisper.HasModel && File.Exists(installed))
            {
                whisper.ModelPath = installed;
            }
        });

        // Registered before AddTutorSpeech, whose own ISpeechRecognizer registration only fills a gap.
        services.AddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<IOptions<WhisperOptions>>().Value.HasModel
            ? sp.GetRequiredService<WhisperRecognizer>()
            : sp.GetRequiredService<PocketSphinxRecognizer>());
        services.AddTutorSpeech(configuration);
        return services;
    }
}

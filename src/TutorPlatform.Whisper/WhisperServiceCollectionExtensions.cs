using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TutorPlatform.Whisper;

public static class WhisperServiceCollectionExtensions
{
    /// <summary>
    /// Registers options <c>Speech:Whisper</c> (validated on start), <see cref="WhisperRecognizer"/> and
    /// <see cref="WhisperVad"/>. Nothing native loads until first use. This does not make whisper the app's
    /// <c>ISpeechRecognizer</c>; the speech registration chooses it when a model is configured.
    /// </summary>
    public static IServiceCollection AddTutorWhisper(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WhisperOptions>()
            .Bind(configuration.GetSection(WhisperOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<WhisperRecognizer>();
        services.TryAddSingleton<WhisperVad>();
        return services;
    }
}

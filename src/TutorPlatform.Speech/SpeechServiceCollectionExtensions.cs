using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Assessment;
using TutorPlatform.Speech.Audio;

namespace TutorPlatform.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Registers the on-device speech services from the <c>Speech</c> section: pocketsphinx recognition and forced
    /// alignment, read-aloud pronunciation assessment, and ffmpeg audio decoding. Options are validated on start; the
    /// native libraries and models load on first use, and <see cref="ISpeechRuntimeStatus"/> says whether they are there.
    /// </summary>
    public static IServiceCollection AddTutorSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpeechOptions>()
            .Bind(configuration.GetSection(SpeechOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<PocketSphinxRecognizer>();
        services.TryAddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<PocketSphinxRecognizer>());
        services.TryAddSingleton<PocketSphinxAligner>();
        services.TryAddSingleton<IForcedAligner>(sp => sp.GetRequiredService<PocketSphinxAligner>());
        services.TryAddSingleton<EvidenceExtractor>();
        services.TryAddSingleton<IPronunciationAssessor, PocketSphinxPronunciationAssessor>();
        services.TryAddSingleton<IAudioDecoder, FfmpegAudioDecoder>();
        services.TryAddSingleton<ISpeechRuntimeStatus, SpeechRuntimeStatus>();
        return services;
    }
}

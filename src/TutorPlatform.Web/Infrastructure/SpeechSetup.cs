using Microsoft.Extensions.Options;
using TutorPlatform.Core.Models;
using TutorPlatform.Core.Speech;
using System.ComponentModel.DataAnnotations;
using TutorPlatform.Speech;
using TutorPlatform.Speech.Remote;
using TutorPlatform.Whisper;

namespace TutorPlatform.Web.Infrastructure;

internal static class SpeechSetup
{
    /// <summary>whisper.cpp's English base model, the one a school installs with `tutor models install`.</summary>
    public const string DefaultWhisperModelFile = WhisperOptions.DefaultModelFile;

    /// <summary>
    /// Speech with the recogniser from Speech:Recognizer: <c>auto</c> (default) picks whisper.cpp when a model is
    /// configured (Speech:Whisper:ModelPath) or installed in the models directory, otherwise pocketsphinx, which needs no
    /// download; <c>pocketsphinx</c>, <c>whisper</c> or <c>remote</c> (an OpenAI-compatible transcription server,
    /// Speech:Remote) choose one. Nothing native loads at start.
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

        services.AddTutorRemoteTranscription(configuration);
        services.AddOptions<RecognizerChoice>().BindConfiguration("Speech").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RecognizerChoice>, RecognizerChoiceValidator>();

        // Registered before AddTutorSpeech, whose own ISpeechRecognizer registration only fills a gap.
        services.AddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<IOptions<RecognizerChoice>>().Value.Recognizer switch
        {
            RecognizerChoice.PocketSphinx => sp.GetRequiredService<PocketSphinxRecognizer>(),
            RecognizerChoice.Whisper => sp.GetRequiredService<WhisperRecognizer>(),
            RecognizerChoice.Remote => sp.GetRequiredService<RemoteTranscriptionRecognizer>(),
            _ => sp.GetRequiredService<IOptions<WhisperOptions>>().Value.HasModel
                ? sp.GetRequiredService<WhisperRecognizer>()
                : sp.GetRequiredService<PocketSphinxRecognizer>(),
        });
        services.AddTutorSpeech(configuration);
        return services;
    }
}

/// <summary>Speech:Recognizer: which recogniser transcribes (auto, pocketsphinx, whisper or remote).</summary>
internal sealed class RecognizerChoice
{
    public const string Auto = "auto";
    public const string PocketSphinx = "pocketsphinx";
    public const string Whisper = "whisper";
    public const string Remote = "remote";

    [RegularExpression("^(auto|pocketsphinx|whisper|remote)$", ErrorMessage = "Speech:Recognizer must be auto, pocketsphinx, whisper or remote.")]
    public string Recognizer { get; set; } = Auto;
}

/// <summary>A named recogniser must have what it needs: a whisper model, or a remote endpoint.</summary>
internal sealed class RecognizerChoiceValidator(IOptions<WhisperOptions> whisper, IOptions<RemoteTranscriptionOptions> remote) : IValidateOptions<RecognizerChoice>
{
    public ValidateOptionsResult Validate(string? name, RecognizerChoice options) => options.Recognizer switch
    {
        RecognizerChoice.Whisper when !whisper.Value.HasModel =>
            ValidateOptionsResult.Fail("Speech:Recognizer is whisper but no whisper model is configured (Speech:Whisper:ModelPath) or installed (tutor models install)."),
        RecognizerChoice.Remote when !remote.Value.IsConfigured =>
            ValidateOptionsResult.Fail("Speech:Recognizer is remote but Speech:Remote:Endpoint is not set."),
        _ => ValidateOptionsResult.Success,
    };
}

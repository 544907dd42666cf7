using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Whisper;

/// <summary>Configuration section <c>Speech:Whisper</c>: the whisper.cpp recogniser and its Silero voice-activity detector.</summary>
public sealed class WhisperOptions : IValidatableObject
{
    public const string Section = "Speech:Whisper";

    /// <summary>whisper.cpp's English base model, the one a school installs with `tutor models install`; used from the models directory when no path is set.</summary>
    public const string DefaultModelFile = "ggml-base.en.bin";

    /// <summary>A whisper.cpp ggml model (for example <c>ggml-base.en.bin</c>); null or empty means no whisper recogniser.</summary>
    public string? ModelPath { get; set; }

    /// <summary>A Silero VAD model in whisper.cpp's ggml format (for example <c>ggml-silero-v6.2.0.bin</c>); null or empty means no Silero VAD.</summary>
    public string? VadModelPath { get; set; }

    /// <summary>Threads per decode; 0 means one per core, at most 8.</summary>
    [Range(0, 64)]
    public int Threads { get; set; }

    /// <summary>The folder with whisper.cpp's <c>index.node</c>; null finds <c>.native/whisper</c> above the app (scripts/deps/whisper.sh).</summary>
    public string? NativeDirectory { get; set; }

    /// <summary>Spoken language as an ISO 639-1 code, or <c>auto</c> to detect it (multilingual models only).</summary>
    [Required]
    [RegularExpression("^(auto|[a-z]{2,3})$", ErrorMessage = "Speech:Whisper:Language must be 'auto' or a lower-case ISO 639 code such as 'en'.")]
    public string Language { get; set; } = "en";

    /// <summary>Whether a whisper model is configured.</summary>
    public bool HasModel => !string.IsNullOrWhiteSpace(ModelPath);

    /// <summary>Whether a Silero VAD model is configured.</summary>
    public bool HasVadModel => !string.IsNullOrWhiteSpace(VadModelPath);

    /// <summary>The thread count a decode uses.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Math.Clamp(Environment.ProcessorCount, 1, 8);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HasModel && !File.Exists(ModelPath))
        {
            yield return new ValidationResult(
                $"Speech:Whisper:ModelPath '{ModelPath}' does not exist. Install a whisper.cpp model (for example ggml-base.en.bin) there, or leave the option empty.",
                [nameof(ModelPath)]);
        }

        if (HasVadModel && !File.Exists(VadModelPath))
        {
            yield return new ValidationResult(
                $"Speech:Whisper:VadModelPath '{VadModelPath}' does not exist. Install the Silero VAD ggml model there, or leave the option empty.",
                [nameof(VadModelPath)]);
        }

        if (!string.IsNullOrWhiteSpace(NativeDirectory) && NativeDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult("Speech:Whisper:NativeDirectory is not a valid path.", [nameof(NativeDirectory)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Speech;

/// <summary>Configuration section <c>Speech</c>: on-device models, decoder pool and audio limits.</summary>
public sealed class SpeechOptions : IValidatableObject
{
    public const string Section = "Speech";

    /// <summary>Folder of the pocketsphinx model (Debian's pocketsphinx-en-us); the file options below are relative to it unless rooted.</summary>
    [Required]
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Acoustic model folder (mdef, means, variances, ...).</summary>
    [Required]
    public string AcousticModel { get; set; } = "en-us";

    /// <summary>Pronunciation dictionary, CMU phone set.</summary>
    [Required]
    public string Dictionary { get; set; } = "cmudict-en-us.dict";

    /// <summary>The general n-gram language model (ARPA or binary).</summary>
    [Required]
    public string LanguageModel { get; set; } = "en-us.lm.bin";

    /// <summary>Phone n-gram model for free phone recognition.</summary>
    [Required]
    public string PhoneLanguageModel { get; set; } = "en-us-phone.lm.bin";

    /// <summary>An optional MLLR transform (sphinxtrain's <c>mllr_solve</c>) applied to the acoustic model for recognition.</summary>
    public string? MllrTransform { get; set; }

    /// <summary>Search settings for free recognition, as pocketsphinx arguments without the dash (for example <c>beam</c> → <c>1e-48</c>).</summary>
    public Dictionary<string, string> DecoderArguments { get; set; } = new(SpeechDefaults.FastSearch);

    /// <summary>
    /// An optional plain-text file of the course's or domain's sentences (one or more per line). A small n-gram model
    /// is built from it and interpolated with the general model for free recognition.
    /// </summary>
    public string? DomainText { get; set; }

    /// <summary>Weight of the domain text's model in the interpolation (the general model gets the rest).</summary>
    [Range(0.01, 0.99)]
    public double DomainTextWeight { get; set; } = 0.3;

    /// <summary>Weight of the expected text's own language model when recognition is biased to it (the general model gets the rest).</summary>
    [Range(0.01, 0.99)]
    public double ExpectedTextWeight { get; set; } = 0.5;

    /// <summary>Decoders kept per engine; each decodes one utterance at a time. 0 means one per processor core.</summary>
    [Range(0, 64)]
    public int MaxDecoders { get; set; }

    /// <summary>Largest audio upload decoded, in bytes.</summary>
    [Range(1_000, 1_000_000_000)]
    public long MaxAudioBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Longest audio decoded, in seconds.</summary>
    [Range(1, 7_200)]
    public double MaxAudioSeconds { get; set; } = 600;

    /// <summary>The ffmpeg executable (a name on PATH or a full path).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>How long ffmpeg may take for one file before it is stopped.</summary>
    [Range(1, 3_600)]
    public int DecodeTimeoutSeconds { get; set; } = 120;

    internal int DecoderCount => MaxDecoders > 0 ? MaxDecoders : Environment.ProcessorCount;

    internal string ResolveModelPath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(ModelDirectory, path);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in DecoderArguments.Keys.Where(k => k.StartsWith('-') || k.Contains(' ')))
        {
            yield return new ValidationResult($"Decoder argument '{key}' must be a bare pocketsphinx option name such as 'beam'.", [nameof(DecoderArguments)]);
        }
    }
}

/// <summary>Search settings measured with <c>tutor bench speech</c>.</summary>
public static class SpeechDefaults
{
    /// <summary>
    /// Free recognition with at most 3,000 active HMMs and 10 word exits per frame (pocketsphinx: 30,000 and no limit).
    /// Chosen on LJSpeech clips 41–60 of the shared data: WER 0.248 → 0.245, RTF 0.21 → 0.14 on one core; narrower
    /// beams, top-N 2, frame downsampling or no flat-lexicon pass were faster but lost accuracy.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastSearch { get; } = new Dictionary<string, string>
    {
        ["maxhmmpf"] = "3000",
        ["maxwpf"] = "10",
    };
}

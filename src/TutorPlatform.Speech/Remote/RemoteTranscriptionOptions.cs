using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Speech.Remote;

/// <summary>
/// Speech:Remote: an OpenAI-compatible <c>/v1/audio/transcriptions</c> endpoint (a GPU whisper server such as
/// faster-whisper-server/speaches, vLLM with a whisper model, or a hosted API). Audio leaves the machine only when
/// this is configured and chosen (Speech:Recognizer=remote).
/// </summary>
public sealed class RemoteTranscriptionOptions
{
    public const string Section = "Speech:Remote";

    /// <summary>The API's base address, up to and including <c>/v1</c> (for example http://gpu-1:8000/v1).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model name the server expects (for example <c>whisper-1</c> or <c>Systran/faster-whisper-small.en</c>).</summary>
    public string Model { get; set; } = "whisper-1";

    /// <summary>A bearer key, where the server wants one (from user secrets or the environment, never appsettings).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Per-request timeout.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Whether an endpoint is configured.</summary>
    public bool IsConfigured => Endpoint is not null;
}

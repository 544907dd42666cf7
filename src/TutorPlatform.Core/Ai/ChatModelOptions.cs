using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Core.Ai;

/// <summary>Which large model serves <c>IChatClient</c>: section <c>Models:Chat</c>.</summary>
public sealed class ChatModelOptions
{
    public const string Section = "Models:Chat";

    /// <summary><c>openai</c> (any OpenAI-compatible server), <c>llamacpp</c> (in-process) or <c>none</c>.</summary>
    [Required]
    public string Provider { get; set; } = ChatProviders.None;

    /// <summary>openai: the API base URL, e.g. <c>http://llm:8000/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>openai: the model name the server knows.</summary>
    [StringLength(200)]
    public string? Model { get; set; }

    /// <summary>openai: the API key, from user secrets or the environment (Models__Chat__ApiKey) only, never appsettings.</summary>
    public string? ApiKey { get; set; }

    public LlamaCppChatModelOptions LlamaCpp { get; set; } = new();

    /// <summary>Longest wait for one model call (one HTTP attempt for openai; the whole call for llamacpp), and for the next piece of a stream.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Calls in flight to this provider at once; more wait (within the timeout).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>openai: retries after 408/429/5xx, a network error or an attempt timeout.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>openai: base delay of the exponential, jittered back-off between retries (a Retry-After header wins).</summary>
    [Range(0.0, 60.0)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>openai: how long the circuit stays open after too many failures.</summary>
    [Range(1, 3600)]
    public int BreakDurationSeconds { get; set; } = 30;

    public string NormalizedProvider => Provider.Trim().ToLowerInvariant();
}

/// <summary>In-process llama.cpp settings: section <c>Models:Chat:LlamaCpp</c>.</summary>
public sealed class LlamaCppChatModelOptions
{
    /// <summary>The GGUF model file (relative paths are taken from the app's content root / working directory).</summary>
    public string? ModelPath { get; set; }

    /// <summary>Context size in tokens; 0 takes the model's own.</summary>
    [Range(0, 1_048_576)]
    public int ContextSize { get; set; } = 4096;

    /// <summary>
    /// CPU threads; 0 uses one per processor. On a machine shared with other busy work use fewer threads than cores:
    /// ggml's workers wait for each other by spinning, and oversubscribed they slow down a hundredfold (measured with
    /// tutor bench models: 2 threads on a loaded 2-core machine, under 10 tokens/s against about 1,300 with 1 thread).
    /// </summary>
    [Range(0, 512)]
    public int Threads { get; set; }

    /// <summary>The folder with llama.cpp's native libraries (default: <c>.native/llama</c> above the app, made by scripts/deps/llama.sh).</summary>
    public string? NativeDirectory { get; set; }
}

public static class ChatProviders
{
    public const string OpenAI = "openai";
    public const string LlamaCpp = "llamacpp";
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } = [OpenAI, LlamaCpp, None];
}

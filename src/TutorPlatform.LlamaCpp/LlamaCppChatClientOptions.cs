namespace TutorPlatform.LlamaCpp;

/// <summary>Settings of <see cref="LlamaCppChatClient"/>.</summary>
public sealed record LlamaCppChatClientOptions
{
    /// <summary>The GGUF model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Context size in tokens (prompt plus answer); 0 takes the model's training context.</summary>
    public int ContextSize { get; init; } = 4096;

    /// <summary>CPU threads; 0 uses one per processor.</summary>
    public int Threads { get; init; }

    /// <summary>The folder with llama.cpp's libraries; null finds <c>.native/llama</c> above the app (see <see cref="LlamaRuntime.DefaultNativeDirectory"/>).</summary>
    public string? NativeDirectory { get; init; }

    /// <summary>The built-in template used when the model carries none that llama.cpp can apply.</summary>
    public string FallbackChatTemplate { get; init; } = "chatml";

    /// <summary>Answer length when the request does not set <c>MaxOutputTokens</c>.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 512;

    /// <summary>Sampling when the request sets none of temperature, top-p, top-k, seed.</summary>
    public LlamaSamplingOptions DefaultSampling { get; init; } = new();

    /// <summary>Model id reported in responses; defaults to the file name without extension.</summary>
    public string? ModelId { get; init; }
}

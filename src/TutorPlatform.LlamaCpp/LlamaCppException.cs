namespace TutorPlatform.LlamaCpp;

/// <summary>A llama.cpp operation failed: a model that does not load, a decode error, a template that does not apply.</summary>
public class LlamaCppException : Exception
{
    public LlamaCppException() { }

    public LlamaCppException(string message) : base(message) { }

    public LlamaCppException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The native llama.cpp libraries are missing or unusable (run <c>scripts/deps/llama.sh</c>).</summary>
public sealed class LlamaNativeLibraryException : LlamaCppException
{
    public LlamaNativeLibraryException() { }

    public LlamaNativeLibraryException(string message) : base(message) { }

    public LlamaNativeLibraryException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A model file that is missing, unreadable, not GGUF, or that llama.cpp refused to load.</summary>
public sealed class LlamaModelLoadException : LlamaCppException
{
    public LlamaModelLoadException() { }

    public LlamaModelLoadException(string message) : base(message) { }

    public LlamaModelLoadException(string message, Exception innerException) : base(message, innerException) { }

    public string? ModelPath { get; init; }
}

using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Ai.Tests.LlamaCpp;

/// <summary>Loads llama.cpp once per test process from the repository's .native/llama; fails loudly when it is missing.</summary>
internal static class LlamaNative
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        if (!File.Exists(Path.Combine(TestPaths.NativeLlama, "libllama.v0.5.0.so")))
        {
            throw new InvalidOperationException(
                $"llama.cpp's native libraries are not in {TestPaths.NativeLlama}. Run scripts/deps/llama.sh from the repository root first " +
                "(scripts/test.sh does); these tests never skip.");
        }

        LlamaRuntime.Initialize(TestPaths.NativeLlama);
        return TestPaths.NativeLlama;
    });

    public static string EnsureLoaded() => Directory.Value;
}

/// <summary>stories260K.gguf (real TinyStories weights, 512-token vocab, no chat template), loaded once for a test class.</summary>
public sealed class StoriesModelFixture : IDisposable
{
    public StoriesModelFixture()
    {
        LlamaNative.EnsureLoaded();
        Model = LlamaModel.Load(TestPaths.Stories260K);
    }

    public LlamaModel Model { get; }

    public void Dispose() => Model.Dispose();
}

/// <summary>
/// The llama.cpp tests run one class at a time with one thread each: ggml's worker threads busy-wait at barriers, so
/// several contexts sharing two cores (or a context with two threads on a busy machine) slow down a hundredfold.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LlamaCollection
{
    public const string Name = "llama.cpp";
}

using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Ai.Tests.LlamaCpp;

[Collection(LlamaCollection.Name)]
public sealed class LlamaModelTests(StoriesModelFixture stories) : IClassFixture<StoriesModelFixture>
{
    [Fact]
    public void Load_Stories260K_ReadsVocabularyAndMetadata()
    {
        var model = stories.Model;

        Assert.Equal(512, model.VocabularySize);
        Assert.Equal("llama", model.GetMetadata("general.architecture"));
        Assert.Null(model.ChatTemplate);
        Assert.True(model.ParameterCount > 200_000);
        Assert.Contains("CPU", LlamaRuntime.Devices);
    }

    [Theory]
    [InlineData("Once upon a time, there was a little girl named Lily.")]
    [InlineData("She said: \"Don't be sad!\"\nThen they played.")]
    public void Tokenize_ThenDetokenize_GivesTheTextBack(string text)
    {
        var withBos = stories.Model.Tokenize(text, addSpecial: true);
        var tokens = stories.Model.Tokenize(text, addSpecial: false);

        Assert.Equal([stories.Model.BosToken, .. tokens], withBos);
        Assert.True(tokens.Length > 5);
        Assert.Equal(text, stories.Model.Detokenize(tokens));
    }

    [Fact]
    public void TokenToPiece_ConcatenatedOverTokens_IsTheText()
    {
        var tokens = stories.Model.Tokenize("Lily loved the park", addSpecial: false);

        var text = string.Concat(tokens.Select(t => System.Text.Encoding.UTF8.GetString(stories.Model.TokenToPiece(t))));

        Assert.Equal(" Lily loved the park", text);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingThePath()
    {
        LlamaNative.EnsureLoaded();
        var path = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.gguf");

        var ex = Assert.Throws<LlamaModelLoadException>(() => LlamaModel.Load(path));

        Assert.Contains("does not exist", ex.Message);
        Assert.Equal(path, ex.ModelPath);
    }

    [Fact]
    public void Load_FileThatIsNotGguf_ThrowsBeforeNativeCode()
    {
        LlamaNative.EnsureLoaded();
        using var file = new TempFile("this is a text file, not a model"u8.ToArray());

        var ex = Assert.Throws<LlamaModelLoadException>(() => LlamaModel.Load(file.Path));

        Assert.Contains("not a GGUF file", ex.Message);
    }

    [Theory]
    [InlineData(24)]        // header only: the key-value section is cut
    [InlineData(600_000)]   // metadata intact, tensor data cut off half-way
    public void Load_TruncatedGguf_ThrowsWithLlamaCppsReason(int keepBytes)
    {
        LlamaNative.EnsureLoaded();
        using var file = new TempFile(File.ReadAllBytes(TestPaths.Stories260K)[..keepBytes]);

        var ex = Assert.Throws<LlamaModelLoadException>(() => LlamaModel.Load(file.Path));

        Assert.Contains("could not load", ex.Message);
        Assert.Contains("llama.cpp said:", ex.Message);
    }

    [Fact]
    public void Load_GgufWithScrambledMetadata_ThrowsAndTheProcessCarriesOn()
    {
        LlamaNative.EnsureLoaded();
        var bytes = File.ReadAllBytes(TestPaths.Stories260K);
        var random = new Random(1);
        for (var i = 0; i < 2000; i++)
        {
            bytes[24 + random.Next(3000)] = (byte)random.Next(256);
        }

        using var file = new TempFile(bytes);

        Assert.Throws<LlamaModelLoadException>(() => LlamaModel.Load(file.Path));
        // Still alive and still working.
        Assert.NotEmpty(stories.Model.Tokenize("still here"));
    }

    [Fact]
    public void Initialize_MissingNativeFolder_SaysToRunTheInstallScript()
    {
        var ex = Assert.Throws<LlamaNativeLibraryException>(() => LlamaRuntime.Initialize(Path.Combine(Path.GetTempPath(), $"no-native-{Guid.NewGuid():N}")));

        Assert.Contains("scripts/deps/llama.sh", ex.Message);
    }

    [Fact]
    public void CreateContext_UsesThreadsAndContextSizeFromOptions()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 512, Threads = 2, BatchSize = 64 });
        using var padded = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 300, Threads = 1 });

        Assert.Equal(512, context.ContextSize);
        Assert.Equal(2, context.Threads);
        Assert.Equal(64, context.BatchSize);
        Assert.Equal(512, padded.ContextSize); // llama.cpp rounds the context up to a multiple of 256
        Assert.Equal(1, padded.Threads);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tutor-ai-test-{Guid.NewGuid():N}.gguf");
            File.WriteAllBytes(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}

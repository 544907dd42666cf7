using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Ai.Tests.LlamaCpp;

[Collection(LlamaCollection.Name)]
public sealed class LlamaGenerationTests(StoriesModelFixture stories) : IClassFixture<StoriesModelFixture>
{
    [Fact]
    public void Generate_Greedy_IsDeterministicAndCoherent()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 256, Threads = 1 });
        using var sampler = LlamaSampler.Create(LlamaSamplingOptions.GreedyDecoding);
        var prompt = stories.Model.Tokenize("Once upon a time");

        var first = context.Generate(prompt, sampler, 12, TestContext.Current.CancellationToken).ToList();
        var second = context.Generate(prompt, sampler, 12, TestContext.Current.CancellationToken).ToList();

        Assert.Equal(12, first.Count);
        Assert.Equal(first.Select(t => t.Id), second.Select(t => t.Id));
        Assert.StartsWith(", there was a little girl", string.Concat(first.Select(t => t.Text)));
        Assert.Equal(1, sampler.Length);
    }

    [Fact]
    public void Generate_ReportsWhyItStopped()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 256, Threads = 1 });
        using var sampler = LlamaSampler.Create(LlamaSamplingOptions.GreedyDecoding);
        var prompt = stories.Model.Tokenize("Once upon a time");

        var limited = context.Generate(prompt, sampler, 5, TestContext.Current.CancellationToken);
        Assert.Equal(5, limited.Count());
        Assert.Equal(LlamaStopReason.MaxTokens, limited.StopReason);

        var full = context.Generate(prompt, sampler, 1000, TestContext.Current.CancellationToken);
        var count = full.Count();
        Assert.True(full.StopReason is LlamaStopReason.ContextFull or LlamaStopReason.EndOfGeneration, full.StopReason.ToString());
        if (full.StopReason == LlamaStopReason.ContextFull)
        {
            // Every decoded token filled the memory; the last one sampled is returned without being decoded.
            Assert.Equal(context.ContextSize + 1, prompt.Length + count);
        }
    }

    [Fact]
    public void Generate_WithSeed_RepeatsAndDifferentSeedsVary()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 128, Threads = 1 });
        var prompt = stories.Model.Tokenize("One day");
        string Run(uint seed)
        {
            using var sampler = LlamaSampler.Create(new LlamaSamplingOptions { Temperature = 1.0f, TopK = 40, TopP = 0.95f, MinP = 0.05f, Seed = seed });
            Assert.Equal(5, sampler.Length); // top-k, top-p, min-p, temperature, dist
            return string.Concat(context.Generate(prompt, sampler, 16, TestContext.Current.CancellationToken).Select(t => t.Text));
        }

        Assert.Equal(Run(7), Run(7));
        Assert.True(Enumerable.Range(1, 5).Select(seed => Run((uint)seed)).Distinct().Count() > 1);
    }

    [Fact]
    public void Generate_CancelledMidway_StopsWithOperationCanceled()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 256, Threads = 1 });
        using var sampler = LlamaSampler.Create(LlamaSamplingOptions.GreedyDecoding);
        using var cts = new CancellationTokenSource();
        var received = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in context.Generate(stories.Model.Tokenize("Once upon a time"), sampler, 200, cts.Token))
            {
                if (++received == 3)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(3, received);
        // The context is usable again afterwards.
        Assert.Equal(4, context.Generate(stories.Model.Tokenize("Lily"), sampler, 4, TestContext.Current.CancellationToken).Count());
    }

    [Fact]
    public void Decode_AlreadyCancelled_DoesNotRun()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 128, Threads = 1 });

        Assert.ThrowsAny<OperationCanceledException>(() => context.Decode(stories.Model.Tokenize("Once upon a time"), new CancellationToken(canceled: true)));
        Assert.Equal(0, context.Position);
    }

    [Fact]
    public void Decode_PromptLongerThanContext_ThrowsContextFull()
    {
        using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 256, Threads = 1 });
        var tokens = stories.Model.Tokenize(string.Join(' ', Enumerable.Repeat("Lily and Ben played in the park.", 40)));
        Assert.True(tokens.Length > 256);

        Assert.Throws<LlamaContextFullException>(() => context.Decode(tokens, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Decode_InBatches_MatchesOneBatch()
    {
        var prompt = stories.Model.Tokenize("Once upon a time, there was a little dog named Max. Max liked to run.");
        string Next(int batchSize)
        {
            using var context = stories.Model.CreateContext(new LlamaContextOptions { ContextSize = 128, Threads = 1, BatchSize = batchSize });
            using var sampler = LlamaSampler.Create(LlamaSamplingOptions.GreedyDecoding);
            return string.Concat(context.Generate(prompt, sampler, 8, TestContext.Current.CancellationToken).Select(t => t.Text));
        }

        Assert.Equal(Next(512), Next(4)); // 4 tokens per native call: the positions must continue across calls
    }
}

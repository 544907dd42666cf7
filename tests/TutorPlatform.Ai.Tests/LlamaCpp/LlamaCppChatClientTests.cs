using Microsoft.Extensions.AI;
using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Ai.Tests.LlamaCpp;

[Collection(LlamaCollection.Name)]
public sealed class LlamaCppChatClientTests : IDisposable
{
    private readonly LlamaCppChatClient _client;

    public LlamaCppChatClientTests()
    {
        LlamaNative.EnsureLoaded();
        _client = new LlamaCppChatClient(new LlamaCppChatClientOptions
        {
            ModelPath = TestPaths.Stories260K,
            ContextSize = 512,
            Threads = 1,
            NativeDirectory = TestPaths.NativeLlama,
        });
    }

    private static ChatOptions Greedy(int maxTokens) => new() { Temperature = 0, MaxOutputTokens = maxTokens };

    [Fact]
    public async Task GetResponse_FillsTextUsageAndFinishReason()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], Greedy(20), ct);

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(20, response.Usage?.OutputTokenCount);
        // chatml fallback around the message: far more prompt tokens than the 5 of the bare text.
        Assert.True(response.Usage?.InputTokenCount > 10);
        Assert.Equal(response.Usage!.InputTokenCount + 20, response.Usage.TotalTokenCount);
        Assert.Equal("stories260K", response.ModelId);
        Assert.True(_client.IsLoaded);
        Assert.Equal((1, 512), _client.ContextInfo);
    }

    [Fact]
    public async Task GetStreamingResponse_SendsTokenByTokenAndEndsWithUsage()
    {
        var ct = TestContext.Current.CancellationToken;
        var messages = new[] { new ChatMessage(ChatRole.User, "Once upon a time") };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync(messages, Greedy(16), ct))
        {
            updates.Add(update);
        }

        var whole = await _client.GetResponseAsync(messages, Greedy(16), ct);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 8);
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents));
        Assert.Equal(16, usage.Details.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponse_CancelledMidStream_StopsAndNextCallWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], Greedy(400), cts.Token))
            {
                if (update.Text.Length > 0 && ++received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(3, received);
        var next = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Lily")], Greedy(4), ct);
        Assert.Equal(4, next.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponse_StopSequence_EndsBeforeIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Greedy(200);
        options.StopSequences = ["."];

        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], options, ct);

        Assert.DoesNotContain(".", response.Text);
        Assert.NotEmpty(response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponse_JsonResponseFormat_ConstrainsTheModelToJson()
    {
        var options = Greedy(48);
        options.ResponseFormat = ChatResponseFormat.Json;

        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], options, TestContext.Current.CancellationToken);

        // A story model asked for JSON writes JSON: the grammar allows nothing else. It may stop at the token limit
        // mid-object, so check that what came is a valid JSON prefix.
        Assert.StartsWith("{", response.Text);
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(response.Text), isFinalBlock: response.FinishReason == ChatFinishReason.Stop, state: default);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        Assert.True(tokens >= 1, response.Text); // Read() throws on anything that cannot begin valid JSON
    }

    [Fact]
    public async Task Sampler_BadGrammar_ThrowsClearly()
    {
        await _client.EnsureLoadedAsync(TestContext.Current.CancellationToken);

        var ex = Assert.Throws<LlamaCppException>(() => LlamaSampler.Create(new LlamaSamplingOptions { Grammar = "root ::= (" }, _client.Model));

        Assert.Contains("grammar", ex.Message);
    }

    [Fact]
    public async Task ConcurrentCalls_AreServedOneAtATime_WithTheSameResults()
    {
        var ct = TestContext.Current.CancellationToken;
        var messages = new[] { new ChatMessage(ChatRole.User, "Once upon a time") };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _client.GetResponseAsync(messages, Greedy(12), ct)));

        Assert.Single(answers.Select(a => a.Text).Distinct());
    }

    [Fact]
    public async Task GetResponse_MissingModel_ThrowsLoadErrorAndRemembersIt()
    {
        using var client = new LlamaCppChatClient(new LlamaCppChatClientOptions { ModelPath = "/nonexistent/model.gguf", NativeDirectory = TestPaths.NativeLlama });

        var ex = await Assert.ThrowsAsync<LlamaModelLoadException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Same(ex, client.LoadError);
        Assert.False(client.IsLoaded);
    }

    [Fact]
    public async Task GetResponse_ImageContent_IsRefused()
    {
        var message = new ChatMessage(ChatRole.User, [new TextContent("Look"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);

        await Assert.ThrowsAsync<NotSupportedException>(() => _client.GetResponseAsync([message], cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TwoClientsOfOneFile_ShareOneLoadedModel()
    {
        using var other = new LlamaCppChatClient(new LlamaCppChatClientOptions { ModelPath = TestPaths.Stories260K, ContextSize = 128, Threads = 1 });

        await _client.EnsureLoadedAsync(TestContext.Current.CancellationToken);
        await other.EnsureLoadedAsync(TestContext.Current.CancellationToken);

        Assert.Same(_client.Model, other.Model);
    }

    public void Dispose() => _client.Dispose();
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Ai.Tests.Ai;

// The openai provider through its real path: AddTutorChat, the OpenAI SDK, HttpClient with the resilience
// pipeline, and a real HTTP server on loopback that answers, fails or stalls as a model server would.
public sealed class OpenAIProviderTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static ChatMessage[] Ask(string text) => [new ChatMessage(ChatRole.User, text)];

    [Fact]
    public async Task GetResponse_ReturnsTheCompletionWithUsage()
    {
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));
        var chat = services.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync(Ask("Say hello"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Hello", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("test-model", (string?)request.Body?["model"]);
        Assert.Equal("Say hello", (string?)request.Body?["messages"]?[0]?["content"]);
        Assert.Null(request.Authorization); // no key configured: no header at all
        Assert.IsType<OpenTelemetryChatClient>(chat); // gen_ai spans around the guard
        Assert.NotNull(chat.GetService<GuardedChatClient>());
    }

    [Fact]
    public async Task GetResponse_EmitsAGenAiSpanWithoutTheMessageText()
    {
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AiTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("My secret essay text"), cancellationToken: TestContext.Current.CancellationToken);

        var span = Assert.Single(spans);
        Assert.Equal("test-model", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(5, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("secret essay", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task GetResponse_WithApiKey_SendsBearerToken()
    {
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint, ("ApiKey", "sk-test-123")));

        await services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Bearer sk-test-123", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task GetStreamingResponse_YieldsEachServerSentEventAsItArrives()
    {
        _server.Handler = (context, _) => FakeOpenAIServer.WriteStreamAsync(context, ["Good ", "morning", ", Ana!"], TimeSpan.FromMilliseconds(150));
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));
        var chat = services.GetRequiredService<IChatClient>();

        var pieces = new List<(string Text, long AtMs)>();
        var clock = Stopwatch.StartNew();
        UsageDetails? usage = null;
        await foreach (var update in chat.GetStreamingResponseAsync(Ask("Greet Ana"), cancellationToken: TestContext.Current.CancellationToken))
        {
            if (update.Text.Length > 0)
            {
                pieces.Add((update.Text, clock.ElapsedMilliseconds));
            }

            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        Assert.Equal(["Good ", "morning", ", Ana!"], pieces.Select(p => p.Text));
        // Streamed, not buffered: the pieces arrived spread over time like the server sent them.
        Assert.True(pieces[2].AtMs - pieces[0].AtMs >= 200, $"pieces at {string.Join(", ", pieces.Select(p => p.AtMs))} ms");
        Assert.Equal(9, usage?.InputTokenCount);
        Assert.Equal(3, usage?.OutputTokenCount);
        Assert.Equal(true, (bool?)Assert.Single(_server.Requests).Body?["stream"]);
    }

    [Fact]
    public async Task GetResponse_429ThenSuccess_IsRetried()
    {
        _server.Handler = (context, request) => request.Number <= 2
            ? FakeOpenAIServer.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "slow down")
            : FakeOpenAIServer.WriteCompletionAsync(context, "Finally");
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Finally", response.Text);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task GetResponse_500Always_RetriesThenThrowsAClearError()
    {
        _server.Handler = (context, _) => FakeOpenAIServer.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "model crashed");
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));
        var chat = services.GetRequiredService<IChatClient>();

        var ex = await Assert.ThrowsAsync<ChatModelException>(() => chat.GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ChatModelFailure.Unavailable, ex.Failure);
        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("HTTP 500 (after retries)", ex.Message);
        Assert.Equal(3, _server.Requests.Count); // the first try and MaxRetries = 2
        var health = services.GetRequiredService<IChatModelStatus>().Describe();
        Assert.Equal(ex.Message, health.LastError);
        Assert.Contains("last call failed", health.Summary);
    }

    [Fact]
    public async Task GetResponse_400_IsNotRetried()
    {
        _server.Handler = (context, _) => FakeOpenAIServer.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "unknown model");
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));

        var ex = await Assert.ThrowsAsync<ChatModelException>(() =>
            services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(400, ex.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetResponse_ServerStalls_TimesOutWithTimeoutFailure()
    {
        _server.Handler = async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint, ("TimeoutSeconds", "1"), ("MaxRetries", "0")));
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ChatModelException>(() =>
            services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ChatModelFailure.Timeout, ex.Failure);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 5);
    }

    [Fact]
    public async Task GetStreamingResponse_ServerStopsSendingMidStream_TimesOut()
    {
        _server.Handler = async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        };
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint, ("TimeoutSeconds", "1"), ("MaxRetries", "0")));
        var received = new List<string>();

        var ex = await Assert.ThrowsAsync<ChatModelException>(async () =>
        {
            await foreach (var update in services.GetRequiredService<IChatClient>().GetStreamingResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(ChatModelFailure.Timeout, ex.Failure);
        Assert.Equal(["Hel"], received);
    }

    [Fact]
    public async Task GetResponse_MalformedJson_ThrowsMalformedResponse()
    {
        _server.Handler = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\": \"chatcmpl-1\", \"choices\": [ {\"message\": ", context.RequestAborted);
        };
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));

        var ex = await Assert.ThrowsAsync<ChatModelException>(() =>
            services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ChatModelFailure.MalformedResponse, ex.Failure);
        Assert.Single(_server.Requests); // a 200 with a broken body is not retried
    }

    [Fact]
    public async Task GetResponse_CallerCancels_PassesCancellationToTheServer()
    {
        var started = new TaskCompletionSource();
        _server.Handler = async (context, _) =>
        {
            started.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        };
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: leave.Token);
        await started.Task.WaitAsync(TestContext.Current.CancellationToken);
        await leave.CancelAsync();

        // The user's own cancellation is not a model failure: it stays an OperationCanceledException.
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<ChatModelException>(ex);
        await WaitUntil(() => _server.Aborted == 1);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ManyCalls_NeverExceedMaxConcurrency()
    {
        _server.Handler = async (context, _) =>
        {
            await Task.Delay(300, context.RequestAborted);
            await FakeOpenAIServer.WriteCompletionAsync(context, "ok");
        };
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint, ("MaxConcurrency", "2")));
        var chat = services.GetRequiredService<IChatClient>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => chat.GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken)));

        Assert.All(answers, a => Assert.Equal("ok", a.Text));
        Assert.Equal(2, _server.MaxInFlight);
    }

    [Fact]
    public async Task RepeatedFailures_OpenTheCircuit_AndLaterCallsDoNotReachTheServer()
    {
        _server.Handler = (context, _) => FakeOpenAIServer.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "overloaded");
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint, ("MaxRetries", "0")));
        var chat = services.GetRequiredService<IChatClient>();

        var failures = new List<ChatModelException>();
        for (var i = 0; i < 12; i++)
        {
            failures.Add(await Assert.ThrowsAsync<ChatModelException>(() => chat.GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken)));
        }

        Assert.Contains(failures, f => f.Message.Contains("circuit open", StringComparison.Ordinal));
        Assert.True(_server.Requests.Count < 12, $"{_server.Requests.Count} requests reached the server");
        Assert.All(failures, f => Assert.Equal(ChatModelFailure.Unavailable, f.Failure));
    }

    [Fact]
    public async Task ServerDown_GivesUnavailableNamingTheServer()
    {
        var endpoint = _server.Endpoint;
        await _server.DisposeAsync();
        await using var services = ChatServices.Build(ChatServices.OpenAI(endpoint, ("MaxRetries", "1")));

        var ex = await Assert.ThrowsAsync<ChatModelException>(() =>
            services.GetRequiredService<IChatClient>().GetResponseAsync(Ask("Hi"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ChatModelFailure.Unavailable, ex.Failure);
        Assert.Contains(endpoint.ToString(), ex.Message);
        _server = await FakeOpenAIServer.StartAsync(); // for DisposeAsync
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}

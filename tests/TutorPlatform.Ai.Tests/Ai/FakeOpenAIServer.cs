using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TutorPlatform.Ai.Tests.Ai;

/// <summary>One request the fake server received.</summary>
public sealed record RecordedRequest(int Number, string Path, string? Authorization, JsonNode? Body, DateTimeOffset At);

/// <summary>
/// A real HTTP server on a loopback port (Kestrel), speaking just enough of the OpenAI chat-completions API:
/// each test sets <see cref="Handler"/> to answer as a real server would, or as a failing one.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAIServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers a request; the default answers every chat completion with "Hello".</summary>
    public Func<HttpContext, RecordedRequest, Task> Handler { get; set; } = (context, _) => WriteCompletionAsync(context, "Hello");

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests whose connection the client dropped before the answer was complete.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    private int _aborted;

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Endpoint = new Uri(address + "/v1");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var request = new RecordedRequest(Interlocked.Increment(ref _count), context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow);
            Requests.Enqueue(request);
            await Handler(context, request);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _aborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static Task WriteCompletionAsync(HttpContext context, string content, int promptTokens = 12, int completionTokens = 5) =>
        context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }, context.RequestAborted);

    /// <summary>Server-sent events as OpenAI streams them: one chunk per piece, a usage chunk, then [DONE].</summary>
    public static async Task WriteStreamAsync(HttpContext context, IEnumerable<string> pieces, TimeSpan delay, int promptTokens = 9, int completionTokens = 3)
    {
        context.Response.ContentType = "text/event-stream";
        var first = true;
        foreach (var piece in pieces)
        {
            var delta = first ? (object)new { role = "assistant", content = piece } : new { content = piece };
            first = false;
            await WriteEventAsync(context, new
            {
                id = "chatcmpl-stream",
                @object = "chat.completion.chunk",
                created = 1_700_000_000,
                model = "test-model",
                choices = new[] { new { index = 0, delta, finish_reason = (string?)null } },
            });
            await Task.Delay(delay, context.RequestAborted);
        }

        await WriteEventAsync(context, new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
        });
        await WriteEventAsync(context, new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "test-model",
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, object payload)
    {
        await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(payload)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = new { message, type = "server_error", code = status } }, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;
using TutorPlatform.Core.Data;
using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Core.Ai;

public static class ChatServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient (and its resilience pipeline) that the openai provider uses.</summary>
    public const string OpenAIHttpClientName = "TutorPlatform.Chat.OpenAI";

    /// <summary>
    /// Registers the large model from <c>Models:Chat</c>, validated on start: exactly one <see cref="IChatClient"/> for
    /// <c>openai</c> or <c>llamacpp</c>, wrapped in <see cref="GuardedChatClient"/>; none at all for <c>none</c>.
    /// Always registers <see cref="IChatModelStatus"/>, which features ask before they use the model.
    /// Where a <see cref="TutorDbContext"/> factory is already registered (the web app, not the CLI), every call is also
    /// recorded (<see cref="RecordingChatClient"/>) and <see cref="AiUsageService"/> reports on the records.
    /// </summary>
    public static IServiceCollection AddTutorChat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChatModelOptions>()
            .Bind(configuration.GetSection(ChatModelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatModelOptions>>(new ChatModelOptionsValidator(configuration));
        services.AddSingleton<PromptLibrary>();
        var recording = services.Any(d => d.ServiceType == typeof(IDbContextFactory<TutorDbContext>));
        if (recording)
        {
            services.AddOptions<AiRecordingOptions>()
                .Bind(configuration.GetSection(AiRecordingOptions.Section))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<AiCallRecorder>();
            services.AddHostedService(sp => sp.GetRequiredService<AiCallRecorder>());
            services.AddSingleton<AiUsageService>();
        }

        // The provider decides what gets registered, so it is read now; the full options are validated on start.
        var provider = (configuration[$"{ChatModelOptions.Section}:Provider"] ?? ChatProviders.None).Trim().ToLowerInvariant();
        switch (provider)
        {
            case ChatProviders.OpenAI:
                AddOpenAI(services);
                break;
            case ChatProviders.LlamaCpp:
                AddLlamaCpp(services);
                break;
            default:
                // "none", or a wrong value that validation on start reports: no IChatClient, only the plain status.
                services.AddSingleton(_ => new ChatModelStatus(ChatProviders.None, null, null));
                break;
        }

        services.AddSingleton<IChatModelStatus>(sp => sp.GetRequiredService<ChatModelStatus>());
        return services;
    }

    private static void AddOpenAI(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value;
            return new ChatModelStatus(ChatProviders.OpenAI, options.Model, options.Endpoint?.ToString(), sp.GetService<TimeProvider>());
        });

        services.AddTransient<OmitAuthorizationWithoutKeyHandler>();
        services.AddHttpClient(OpenAIHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<OmitAuthorizationWithoutKeyHandler>()
            .AddResilienceHandler("chat", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ChatModelOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(options.TimeoutSeconds);
                pipeline.AddTimeout(TotalTimeout(options));
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),
                        MaxDelay = TimeSpan.FromSeconds(30),
                        ShouldRetryAfterHeader = true,
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 8,
                    SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, options.TimeoutSeconds * 2)),
                    BreakDuration = TimeSpan.FromSeconds(options.BreakDurationSeconds),
                });
                pipeline.AddTimeout(attempt);
            });

        services.AddSingleton<IChatClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIHttpClientName);
            var client = new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? OmitAuthorizationWithoutKeyHandler.Placeholder : options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = options.Endpoint,
                    Transport = new HttpClientPipelineTransport(http),
                    // Retries happen once, in the HTTP resilience pipeline above, not again inside the SDK.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = Timeout.InfiniteTimeSpan,
                });
            var inner = client.GetChatClient(options.Model).AsIChatClient();
            return Record(sp, Guard(inner, sp.GetRequiredService<ChatModelStatus>(), options, TotalTimeout(options)), ChatProviders.OpenAI, options.Model);
        });
    }

    private static void AddLlamaCpp(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value;
            return new LlamaCppChatClient(new LlamaCppChatClientOptions
            {
                ModelPath = Path.GetFullPath(options.LlamaCpp.ModelPath!),
                ContextSize = options.LlamaCpp.ContextSize,
                Threads = options.LlamaCpp.Threads,
                NativeDirectory = string.IsNullOrWhiteSpace(options.LlamaCpp.NativeDirectory) ? null : Path.GetFullPath(options.LlamaCpp.NativeDirectory),
            });
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value;
            var llama = sp.GetRequiredService<LlamaCppChatClient>();
            return new ChatModelStatus(ChatProviders.LlamaCpp, llama.ModelId, Path.GetFullPath(options.LlamaCpp.ModelPath!), sp.GetService<TimeProvider>())
            {
                LoadedProbe = () => llama.IsLoaded,
                LoadErrorProbe = () => llama.LoadError,
            };
        });
        services.AddSingleton<IChatClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ChatModelOptions>>().Value;
            // The llama.cpp client runs one request at a time on its context; the guard queues the rest.
            var guarded = Guard(sp.GetRequiredService<LlamaCppChatClient>(), sp.GetRequiredService<ChatModelStatus>(), options,
                TimeSpan.FromSeconds(options.TimeoutSeconds));
            return Record(sp, guarded, ChatProviders.LlamaCpp, sp.GetRequiredService<ChatModelStatus>().Model);
        });
    }

    private static GuardedChatClient Guard(IChatClient inner, ChatModelStatus status, ChatModelOptions options, TimeSpan callTimeout) =>
        new(inner, status, options.MaxConcurrency, callTimeout, TimeSpan.FromSeconds(options.TimeoutSeconds));

    /// <summary>
    /// The recording goes outside the guard, so it sees the guard's typed failures and the queueing time; the gen_ai
    /// spans (<see cref="AiTelemetry.SourceName"/>) sit between them. Student text never goes into a span.
    /// </summary>
    private static IChatClient Record(IServiceProvider sp, IChatClient guarded, string provider, string? model)
    {
        var traced = new OpenTelemetryChatClient(guarded, sourceName: AiTelemetry.SourceName) { EnableSensitiveData = false };
        return sp.GetService<AiCallRecorder>() is { } recorder
            ? new RecordingChatClient(traced, recorder, sp.GetRequiredService<IOptions<AiRecordingOptions>>().Value, provider, model, sp.GetService<TimeProvider>())
            : traced;
    }

    // Every attempt may take the attempt timeout, plus back-off between attempts.
    private static TimeSpan TotalTimeout(ChatModelOptions options) =>
        TimeSpan.FromSeconds(options.TimeoutSeconds * (options.MaxRetries + 1) + options.RetryBaseDelaySeconds * Math.Pow(2, options.MaxRetries + 1) + 1);

    /// <summary>Servers without keys (a local vLLM or llama.cpp server) get no Authorization header at all.</summary>
    private sealed class OmitAuthorizationWithoutKeyHandler : DelegatingHandler
    {
        public const string Placeholder = "no-api-key-configured";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization?.Parameter == Placeholder)
            {
                request.Headers.Authorization = null;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

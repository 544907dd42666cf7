using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TutorPlatform.Speech.Remote;

public static class RemoteTranscriptionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RemoteTranscriptionRecognizer"/> from Speech:Remote, with retries on transient failures
    /// (the standard HTTP resilience pipeline). It is used only where the host chooses it.
    /// </summary>
    public static IServiceCollection AddTutorRemoteTranscription(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RemoteTranscriptionOptions>()
            .Bind(configuration.GetSection(RemoteTranscriptionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(RemoteTranscriptionRecognizer.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                // The recogniser bounds each call itself (TimeoutSeconds); the pipeline only retries transient failures.
                o.AttemptTimeout.Timeout = TimeSpan.FromMinutes(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(21);
            });
        services.AddSingleton(sp => new RemoteTranscriptionRecognizer(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(RemoteTranscriptionRecognizer.HttpClientName),
            sp.GetRequiredService<IOptions<RemoteTranscriptionOptions>>()));
        return services;
    }
}

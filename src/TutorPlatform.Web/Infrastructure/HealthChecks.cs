using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>Ready only when the database schema is the one this build expects.</summary>
internal sealed class MigrationsHealthCheck(IDbContextFactory<TutorDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var pending = await db.GetPendingMigrationsQuietlyAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("All migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} pending migration(s): {string.Join(", ", pending)}. Run `tutor db migrate`.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Could not read the migrations history.", ex);
        }
    }
}

/// <summary>
/// The large model is optional: "none" or a failing server degrades the app (features say so and carry on), it
/// never makes it unready.
/// </summary>
internal sealed class ChatModelHealthCheck(IChatModelStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = status.Describe();
        var failing = health.LastErrorAt is { } errorAt && (health.LastSuccessAt is null || health.LastSuccessAt < errorAt);
        return Task.FromResult(failing ? HealthCheckResult.Degraded(health.Summary) : HealthCheckResult.Healthy(health.Summary));
    }
}

/// <summary>
/// Speech is optional too: without pocketsphinx or ffmpeg the speaking features say so, so a missing runtime degrades
/// the app and never makes it unready.
/// </summary>
internal sealed class SpeechRuntimeHealthCheck(ISpeechRuntimeStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = status.Describe();
        if (health.AllAvailable)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{health.Recognizer} available; ffmpeg at {health.AudioDecoder}."));
        }

        var problems = new[] { health.RecognizerError, health.AudioDecoderAvailable ? null : health.AudioDecoder };
        return Task.FromResult(HealthCheckResult.Degraded(string.Join(" ", problems.Where(p => p is not null))));
    }
}

internal static class HealthResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}

using Hangfire;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Jobs;
using TutorPlatform.Core.Speaking;

namespace TutorPlatform.Web.Infrastructure.Jobs;

/// <summary>Removes speaking audio older than <see cref="SpeakingOptions.AudioRetentionDays"/> once a day; the scores stay.</summary>
public sealed partial class SpeakingRetentionJob(SpeakingService speaking, ILogger<SpeakingRetentionJob> logger)
{
    public const string RecurringId = "speaking-audio-retention";

    public async Task RunAsync(CancellationToken ct)
    {
        var removed = await speaking.DeleteExpiredAudioAsync(ct);
        LogRemoved(logger, removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Speaking audio retention removed the audio of {Count} takes")]
    private static partial void LogRemoved(ILogger logger, int count);

    /// <summary>Schedules the daily clean-up (03:30 server time) where this process runs jobs; nothing when jobs are off.</summary>
    public static void Schedule(IServiceProvider services)
    {
        if (!services.GetRequiredService<IOptions<JobsOptions>>().Value.Enabled)
        {
            return;
        }

        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SpeakingRetentionJob>(RecurringId, job => job.RunAsync(CancellationToken.None), "30 3 * * *");
    }
}

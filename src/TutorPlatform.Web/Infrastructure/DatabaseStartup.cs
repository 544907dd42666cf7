using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Demo;

namespace TutorPlatform.Web.Infrastructure;

internal static partial class DatabaseStartup
{
    /// <summary>
    /// Development applies migrations at start; production expects `tutor db migrate` to have run and only reports
    /// pending ones (and /health/ready stays unhealthy until they are applied). Seeding needs the current schema.
    /// </summary>
    public static async Task RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var pending = await db.GetPendingMigrationsQuietlyAsync();
        if (pending.Count > 0)
        {
            if (!scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                LogPending(logger, pending.Count, string.Join(", ", pending));
                return;
            }

            LogMigrating(logger, pending.Count);
            await db.MigrateQuietlyAsync();
        }

        await scope.ServiceProvider.GetRequiredService<DemoSchoolSeeder>().SeedAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database has {Count} pending migration(s): {Names}. Run `tutor db migrate` (or set Database:MigrateOnStart=true). Not seeding.")]
    private static partial void LogPending(ILogger logger, int count, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) at start (Database:MigrateOnStart).")]
    private static partial void LogMigrating(ILogger logger, int count);
}

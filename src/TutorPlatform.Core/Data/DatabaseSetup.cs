using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace TutorPlatform.Core.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "TutorDb";
    public const string MigrationsAssembly = "TutorPlatform.Migrations";

    /// <summary>The one place the provider is configured, shared by the web app, the CLI and design-time tools.</summary>
    public static DbContextOptionsBuilder UseTutorDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder<TutorDbContext> UseTutorDatabase(this DbContextOptionsBuilder<TutorDbContext> options, string connectionString) =>
        (DbContextOptionsBuilder<TutorDbContext>)((DbContextOptionsBuilder)options).UseTutorDatabase(connectionString);

    /// <summary>
    /// Pending migrations, without the error logs EF writes when it probes a database or history table that does
    /// not exist yet (a brand-new database is simply "everything pending").
    /// </summary>
    public static async Task<IReadOnlyList<string>> GetPendingMigrationsQuietlyAsync(this TutorDbContext db, CancellationToken ct = default)
    {
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct)
            || !await db.GetService<IHistoryRepository>().ExistsAsync(ct))
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }
}

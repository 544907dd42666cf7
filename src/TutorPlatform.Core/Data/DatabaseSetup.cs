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
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct) || !await db.HistoryTableExistsAsync(ct))
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    /// <summary>
    /// Applies the pending migrations. On a first start the database and the migrations-history table are created
    /// first, so EF's own probe of the history table (a SELECT that fails with "relation does not exist", which its
    /// command logger reports at Error) never runs against a missing table: a new installation starts without red
    /// lines. Nothing is silenced: a migration that really fails is logged at Error and thrown as before.
    /// </summary>
    public static async Task MigrateQuietlyAsync(this TutorDbContext db, CancellationToken ct = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            await creator.CreateAsync(ct);
        }

        if (!await db.HistoryTableExistsAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }

        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Whether the migrations-history table exists, asked of the catalogue (to_regclass), which never fails for a missing table.</summary>
    private static async Task<bool> HistoryTableExistsAsync(this TutorDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL";
            return await command.ExecuteScalarAsync(ct) is true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

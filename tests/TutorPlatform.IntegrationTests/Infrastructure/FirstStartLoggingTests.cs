using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TutorPlatform.Core.Data;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The very first start of a new installation (Database:MigrateOnStart) logs no errors, whether the database is missing
/// or empty; a migration that really fails is still logged at Error and stops the start.
/// </summary>
public sealed class FirstStartLoggingTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FirstStart_OnANewDatabase_AppliesEveryMigrationWithoutErrorLogs(bool databaseExists)
    {
        await using var database = await FreshDatabase.CreateAsync(databaseExists);
        var logs = new CapturedLogs();

        await using (var started = StartOn(database, logs))
        {
            using var client = started.CreateClient(); // starts the server: DatabaseStartup migrates
        }

        Assert.DoesNotContain(logs.AtLeast(LogLevel.Warning), l => l.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Empty(logs.AtLeast(LogLevel.Error));
        Assert.Contains(logs.All, l => l.Category == "Microsoft.EntityFrameworkCore.Migrations" && l.Message.Contains("InitialSchema", StringComparison.Ordinal));
        await using var db = new TutorDbContext(new DbContextOptionsBuilder<TutorDbContext>().UseTutorDatabase(database.ConnectionString).Options);
        Assert.Empty(await db.GetPendingMigrationsQuietlyAsync(Ct));
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync(Ct)).Count());
    }

    [Fact]
    public async Task FirstStart_WhenAMigrationReallyFails_TheErrorIsLoggedAndTheStartStops()
    {
        await using var database = await FreshDatabase.CreateAsync(exists: true);
        await database.ExecuteAsync("""CREATE TABLE "AspNetRoles" (unrelated integer)"""); // the first migration's first table, in the way
        var logs = new CapturedLogs();

        await using var started = StartOn(database, logs);
        var failure = Assert.ThrowsAny<Exception>(() => started.CreateClient());

        Assert.IsType<PostgresException>(failure.GetBaseException());
        Assert.Equal(PostgresErrorCodes.DuplicateTable, ((PostgresException)failure.GetBaseException()).SqlState);
        Assert.Contains(logs.AtLeast(LogLevel.Error), l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Message.Contains("AspNetRoles", StringComparison.Ordinal));
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> StartOn(FreshDatabase database, CapturedLogs logs) =>
        app.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:TutorDb", database.ConnectionString)
            .UseSetting("Logging:LogLevel:Default", "Information")
            .ConfigureLogging(l => l.AddProvider(logs)));

    /// <summary>A database name of its own (created empty, or left for the app to create), dropped at the end.</summary>
    private sealed class FreshDatabase : IAsyncDisposable
    {
        private readonly string _name = $"tutor_first_{Guid.NewGuid():N}";

        private FreshDatabase() =>
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = _name }.ConnectionString;

        public string ConnectionString { get; }

        public static async Task<FreshDatabase> CreateAsync(bool exists)
        {
            var database = new FreshDatabase();
            if (exists)
            {
                await AdminAsync($"CREATE DATABASE \"{database._name}\"");
            }

            return database;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }

        private static async Task AdminAsync(string sql)
        {
            await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed record LogLine(string Category, LogLevel Level, string Message);

    /// <summary>Every log line the app writes, with its category and level.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogLine> _lines = new();

        public IReadOnlyList<LogLine> All => [.. _lines];

        public IEnumerable<LogLine> AtLeast(LogLevel level) => All.Where(l => l.Level >= level);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
        }
    }
}

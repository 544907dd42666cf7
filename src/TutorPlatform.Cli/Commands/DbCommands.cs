using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Cli.Commands;

internal static class DbCommands
{
    private static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Npgsql connection string; defaults to ConnectionStrings:TutorDb from the environment or user secrets.",
    };

    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending migrations (how production updates its schema; the web app only does this itself in Development).");
        migrate.Options.Add(ConnectionOption);
        migrate.SetAction((result, ct) => Run(result, MigrateAsync, ct));

        var status = new Command("status", "List applied and pending migrations; exits 2 when migrations are pending.");
        status.Options.Add(ConnectionOption);
        status.SetAction((result, ct) => Run(result, StatusAsync, ct));

        var db = new Command("db", "Database schema operations.");
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(status);
        return db;
    }

    private static async Task<int> Run(ParseResult result, Func<TutorDbContext, CancellationToken, Task<int>> action, CancellationToken ct)
    {
        try
        {
            var options = new DbContextOptionsBuilder<TutorDbContext>().UseTutorDatabase(CliConfiguration.ConnectionString(result.GetValue(ConnectionOption))).Options;
            await using var db = new TutorDbContext(options);
            return await action(db, ct);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"Could not reach the database: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(TutorDbContext db, CancellationToken ct)
    {
        var pending = await db.GetPendingMigrationsQuietlyAsync(ct);
        if (pending.Count == 0)
        {
            Console.WriteLine("The database is up to date.");
            return 0;
        }

        foreach (var name in pending)
        {
            Console.WriteLine($"Applying {name}");
        }

        await db.MigrateQuietlyAsync(ct);
        Console.WriteLine($"Applied {pending.Count} migration(s).");
        return 0;
    }

    private static async Task<int> StatusAsync(TutorDbContext db, CancellationToken ct)
    {
        var pendingNames = (await db.GetPendingMigrationsQuietlyAsync(ct)).ToHashSet();
        foreach (var name in db.Database.GetMigrations())
        {
            Console.WriteLine($"{(pendingNames.Contains(name) ? "pending" : "applied")}  {name}");
        }

        var pending = pendingNames.Count;
        Console.WriteLine(pending == 0 ? "The database is up to date." : $"{pending} migration(s) pending: run `tutor db migrate`.");
        return pending == 0 ? 0 : 2;
    }
}

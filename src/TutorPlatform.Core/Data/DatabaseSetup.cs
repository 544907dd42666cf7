using Microsoft.EntityFrameworkCore;

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
}

using Microsoft.Extensions.Configuration;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Cli;

/// <summary>The same configuration sources as the web app: environment variables (ConnectionStrings__TutorDb), user secrets, and an optional appsettings.json beside the tool.</summary>
internal static class CliConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static string ConnectionString(string? explicitValue)
    {
        var value = explicitValue ?? Load().GetConnectionString(DatabaseSetup.ConnectionStringName);
        return string.IsNullOrWhiteSpace(value)
            ? throw new CliException($"No database configured. Pass --connection or set the environment variable ConnectionStrings__{DatabaseSetup.ConnectionStringName}.")
            : value;
    }
}

/// <summary>An expected failure: printed as one line on stderr, exit code 1, no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);

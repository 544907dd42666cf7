using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TutorPlatform.Core.Essays;
using Npgsql;

namespace TutorPlatform.IntegrationTests.Fixtures;

/// <summary>
/// The real app in memory on its own PostgreSQL database (tutor_test_&lt;guid&gt;), migrated by the app itself at start
/// (Database:MigrateOnStart) and dropped WITH (FORCE) at the end, with a small seeded school. One instance is shared
/// by the whole assembly; <see cref="RateLimitedTutorApiFactory"/> is the only other one.
/// </summary>
public partial class TutorApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly Uri BaseAddress = new("https://localhost"); // the app runs as in production: HTTPS, secure cookies
    private readonly string _adminConnectionString = PostgresServer.AdminConnectionString;
    private readonly string _databaseName = $"tutor_test_{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _signedIn = new();

    public TutorApiFactory()
    {
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ConnectionString;
    }

    public string ConnectionString { get; }

    public TestSchool School { get; private set; } = null!;

    protected virtual int RateLimitPermits => 100_000;

    protected virtual int RateLimitWindowSeconds => 60;

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        StartServer(); // applies the real migrations and creates the roles (DatabaseStartup)
        School = await TestSchool.SeedAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:TutorDb", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Jobs:Enabled", "false"); // no job server in every app instance; JobsTests bring their own
        builder.UseSetting("Api:RateLimit:PermitLimit", RateLimitPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Api:RateLimit:WindowSeconds", RateLimitWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.ConfigureTestServices(services =>
        {
            // The trained essay models where the app has them; stand-ins where it does not.
            services.TryAddSingleton<IEssayScorer, StandInEssayScorer>();
            services.TryAddSingleton<IEssayChecker, StandInEssayChecker>();
        });
    }

    /// <summary>A client with no credentials, or with an API key in the X-Api-Key header.</summary>
    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>A browser-like client signed in through the real login form (antiforgery token, Identity cookie); one per account.</summary>
    public Task<HttpClient> SignedInClientAsync(TestUser user) =>
        _signedIn.GetOrAdd(user.Email, _ => new Lazy<Task<HttpClient>>(() => SignInAsync(user))).Value;

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _signedIn.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
        {
            client.Value.Result.Dispose();
        }

        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<HttpClient> SignInAsync(TestUser user)
    {
        var client = CreateApiClient();
        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
            ["Input.Email"] = user.Email,
            ["Input.Password"] = TestSchool.Password,
        });
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in {user.Email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>The same app with a budget of three requests per hour, for the 429 tests.</summary>
public sealed class RateLimitedTutorApiFactory : TutorApiFactory
{
    public const int Permits = 3;
    public const int WindowSeconds = 3600;

    protected override int RateLimitPermits => Permits;

    protected override int RateLimitWindowSeconds => WindowSeconds;
}

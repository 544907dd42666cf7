using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace TutorPlatform.BrowserTests;

/// <summary>
/// The real app on Kestrel (a loopback port), on its own freshly migrated PostgreSQL database, and Debian's
/// chromium driven by Playwright. Nothing is downloaded: the browser is the system one.
/// </summary>
public class AppServerFixture : IAsyncLifetime
{
    private readonly string _databaseName = $"tutor_browser_{Guid.NewGuid():N}";
    private string _adminConnectionString = "";
    private TutorAppFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The running app's services, for tests that seed data directly.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not started.");

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    /// <summary><c>../shared</c> beside the repository: small real models and data sets.</summary>
    public static string SharedDirectory { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared"));

    /// <summary>Settings on top of the defaults (Development, demo off, migrations at start), for fixtures that need more.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable("TUTORPLATFORM_TEST_PG")
            ?? throw new InvalidOperationException("TUTORPLATFORM_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL for them.");
        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ConnectionString;

        _factory = new TutorAppFactory(connectionString, Settings, ConfigureServices);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        await OnStartedAsync(_factory.Services);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TUTORPLATFORM_CHROMIUM") ?? "/usr/lib/chromium/chromium",
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", .. BrowserArgs],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Replaces the app's services for a fixture that needs test doubles (applied after the app's own registrations).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>More chromium switches, for fixtures that need them (a fake microphone).</summary>
    protected virtual IReadOnlyList<string> BrowserArgs { get; } = [];

    /// <summary>Runs once the app is up, before the browser starts: a place to create accounts.</summary>
    protected virtual Task OnStartedAsync(IServiceProvider services) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (_adminConnectionString.Length > 0)
        {
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TutorPlatform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    private sealed class TutorAppFactory(string connectionString, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection> configureServices) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: static web assets are served from the build output, migrations run at start, as with scripts/run.sh.
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:TutorDb", connectionString);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:MigrateOnStart", "true");
            builder.UseSetting("Jobs:Enabled", "false"); // no job server in the browser suites; a setting below may turn it on
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(configureServices);
        }
    }
}

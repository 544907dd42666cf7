using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using TutorPlatform.Core.Accounts;

namespace TutorPlatform.BrowserTests;

/// <summary>
/// As <see cref="AppServerFixture"/>, with the large model on the llamacpp provider over the tiny real
/// stories260K model from <c>../shared/models</c>, the on-device speech runtimes, and one admin account.
/// </summary>
public sealed class ModelsAppFixture : IAsyncLifetime
{
    public const string AdminEmail = "models.admin@browser.example";
    public const string AdminPassword = "Models-admin-2026";

    private readonly string _databaseName = $"tutor_browser_models_{Guid.NewGuid():N}";
    private string _adminConnectionString = "";
    private ModelsAppFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary><c>../shared</c> beside the repository: the GGUF model and the ASR clips.</summary>
    public static string SharedDirectory { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared"));

    public static string ScreenshotDirectory => AppServerFixture.ScreenshotDirectory;

    public async ValueTask InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable("TUTORPLATFORM_TEST_PG")
            ?? throw new InvalidOperationException("TUTORPLATFORM_TEST_PG is not set: run the tests with scripts/test.sh, which starts a PostgreSQL for them.");
        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ConnectionString;

        _factory = new ModelsAppFactory(connectionString, Path.Combine(SharedDirectory, "models", "stories260K.gguf"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        await CreateAdminAsync(_factory.Services);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TUTORPLATFORM_CHROMIUM") ?? "/usr/lib/chromium/chromium",
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

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
    }

    private static async Task CreateAdminAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            Check(await roles.CreateAsync(new AppRole(Roles.Admin)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser
        {
            UserName = AdminEmail,
            Email = AdminEmail,
            EmailConfirmed = true,
            DisplayName = "Models admin",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Check(await users.CreateAsync(admin, AdminPassword));
        Check(await users.AddToRoleAsync(admin, Roles.Admin));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
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

    private sealed class ModelsAppFactory(string connectionString, string modelPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:TutorDb", connectionString);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Database:MigrateOnStart", "true");
            builder.UseSetting("Models:Chat:Provider", "llamacpp");
            builder.UseSetting("Models:Chat:LlamaCpp:ModelPath", modelPath);
        }
    }
}

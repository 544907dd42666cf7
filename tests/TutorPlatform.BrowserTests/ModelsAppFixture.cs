using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Accounts;

namespace TutorPlatform.BrowserTests;

/// <summary>
/// As <see cref="AppServerFixture"/>, with the large model on the llamacpp provider over the tiny real
/// stories260K model from <c>../shared/models</c>, the on-device speech runtimes, and one admin account.
/// </summary>
public sealed class ModelsAppFixture : AppServerFixture
{
    public const string AdminEmail = "models.admin@browser.example";
    public const string AdminPassword = "Models-admin-2026";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Models:Chat:Provider"] = "llamacpp",
        ["Models:Chat:LlamaCpp:ModelPath"] = Path.Combine(SharedDirectory, "models", "stories260K.gguf"),
        // One thread: the toy model needs no more, and ggml threads spin-wait badly on a busy 2-core CI machine.
        ["Models:Chat:LlamaCpp:Threads"] = "1",
    };

    protected override Task OnStartedAsync(IServiceProvider services) => CreateAdminAsync(services);

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
}

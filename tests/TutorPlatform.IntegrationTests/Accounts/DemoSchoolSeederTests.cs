using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Demo;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Accounts;

/// <summary>The app as a first run sees it: Demo:Seed on, an empty database.</summary>
public sealed class DemoSeededTutorApiFactory : TutorApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", "Demo-password-42");
    }
}

public sealed class DemoSchoolSeederTests(DemoSeededTutorApiFactory app) : IClassFixture<DemoSeededTutorApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstRun_SeedsLabelledDemoClassWithTeacherStudentsAnEssayAReadAloudAndARolePlay()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);

        var demo = await db.Classes.Include(c => c.Enrollments).Include(c => c.Assignments).SingleAsync(c => c.IsDemo, Ct);

        Assert.Equal(DemoSchoolSeeder.ClassName, demo.Name);
        Assert.Contains("demo", demo.Name, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DemoSchoolSeeder.Students.Count, demo.Enrollments.Count);
        Assert.Equal([AssignmentKind.Essay, AssignmentKind.Speaking, AssignmentKind.Speaking], demo.Assignments.Select(a => a.Kind).Order());
        Assert.Equal([SpeakingMode.ReadAloud, SpeakingMode.RolePlay], demo.Assignments.Where(a => a.Speaking is not null).Select(a => a.Speaking!.Mode).Order());
        Assert.True(await db.Users.Where(u => u.IsDemo).CountAsync(Ct) >= DemoSchoolSeeder.Students.Count + 2);
    }

    [Fact]
    public async Task SeedAgain_OnSeededDatabase_AddsNothing()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSchoolSeeder>().SeedAsync(Ct);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Classes.CountAsync(c => c.IsDemo, Ct));
    }

    [Fact]
    public async Task SignInPage_WithTheDemoSchool_NamesItsAccountsButNeverThePassword()
    {
        using var client = app.CreateApiClient();

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), Ct));

        Assert.Contains("Sign in as teacher@demo.example (teacher)", System.Text.RegularExpressions.Regex.Replace(page, "<[^>]+>", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("Demo-password-42", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoTeacher_CanSignInWithTheConfiguredPassword()
    {
        using var client = app.CreateApiClient();

        using var response = await AccountFormsClient.SignInAsync(client, DemoSchoolSeeder.TeacherEmail, "Demo-password-42", Ct);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Lockout", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

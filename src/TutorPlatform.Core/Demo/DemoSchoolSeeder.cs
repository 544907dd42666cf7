using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Demo;

/// <summary>Creates the roles, promotes configured admins, and seeds the labelled demo school once.</summary>
public sealed partial class DemoSchoolSeeder(
    IDbContextFactory<TutorDbContext> dbFactory,
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IOptions<DemoOptions> demo,
    IOptions<AccountOptions> accounts,
    TimeProvider clock,
    ILogger<DemoSchoolSeeder> logger)
{
    public const string TeacherEmail = "teacher@demo.example";
    public const string AdminEmail = "admin@demo.example";
    public const string ClassName = "Demo school: Year 9 English";

    public static readonly IReadOnlyList<(string Email, string Name)> Students =
    [
        ("amira@demo.example", "Amira Haddad (demo)"),
        ("li.wei@demo.example", "Li Wei (demo)"),
        ("tomas@demo.example", "Tomás García (demo)"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new AppRole(role)), $"role {role}");
            }
        }

        foreach (var email in accounts.Value.AdminEmails.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            if (await users.FindByEmailAsync(email) is { } admin && !await users.IsInRoleAsync(admin, Roles.Admin))
            {
                Check(await users.AddToRoleAsync(admin, Roles.Admin), $"admin role for {email}");
                LogPromoted(email);
            }
        }

        if (!demo.Value.Seed || await users.FindByEmailAsync(TeacherEmail) is not null)
        {
            return;
        }

        var password = string.IsNullOrEmpty(demo.Value.Password) ? NewPassword() : demo.Value.Password;
        var teacher = await CreateUserAsync(TeacherEmail, "Ms. Rivera (demo teacher)", password, Roles.Teacher);
        await CreateUserAsync(AdminEmail, "Demo administrator", password, Roles.Admin);
        var students = new List<AppUser>();
        foreach (var (email, name) in Students)
        {
            students.Add(await CreateUserAsync(email, name, password, Roles.Student));
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolClass = new SchoolClass
        {
            TeacherId = teacher.Id,
            Name = ClassName,
            Description = "A demo class seeded on first run so you can look around. To start without it, set Demo:Seed=false before the first run on a new database.",
            JoinCode = JoinCodes.Create(),
            CreatedAt = now,
            IsDemo = true,
        };
        schoolClass.Enrollments.AddRange(students.Select(s => new Enrollment { StudentId = s.Id, JoinedAt = now }));
        schoolClass.Assignments.Add(Published(AssignmentKind.Essay, "Should school start later?",
            "Plan first, then write. Use examples from your own school day.", now, dueInDays: 7, essay: new EssaySettings
            {
                Prompt = "Some people think the school day should start an hour later. Do you agree? Give reasons and examples.",
                Genre = EssayGenre.Argumentative,
                TargetWords = 350,
                Rubric = Rubrics.DefaultAnalytic(),
            }));
        schoolClass.Assignments.Add(Published(AssignmentKind.Speaking, "Read aloud: the weather report",
            "Read the passage clearly at a natural speed.", now, dueInDays: 10, speaking: new SpeakingSettings
            {
                Mode = SpeakingMode.ReadAloud,
                Passage = "Tomorrow will start cloudy, with light rain in the morning. By the afternoon the sun should come out, and temperatures will rise to around eighteen degrees.",
            }));
        schoolClass.Assignments.Add(Published(AssignmentKind.Speaking, "Role-play: lunch at a café",
            "Answer by voice if you can; type if you must. Try to reach every goal.", now, dueInDays: 14, speaking: new SpeakingSettings
            {
                Mode = SpeakingMode.RolePlay,
                Scenario = "You are at a small café at lunchtime. The server greets you. Order something to eat and drink for yourself and a friend who is vegetarian, then pay.",
                Goals = ["Greet the server and ask for the menu", "Order a vegetarian dish for your friend", "Ask how much it costs and pay"],
            }));
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync(ct);

        LogSeeded(ClassName, TeacherEmail, AdminEmail, string.Join(", ", Students.Select(s => s.Email)), password, JoinCodes.Format(schoolClass.JoinCode));
    }

    private static Assignment Published(AssignmentKind kind, string title, string instructions, DateTimeOffset now, int dueInDays,
        EssaySettings? essay = null, SpeakingSettings? speaking = null) => new()
    {
        Kind = kind,
        Title = title,
        Instructions = instructions,
        State = AssignmentState.Published,
        DueAt = now.AddDays(dueInDays),
        CreatedAt = now,
        UpdatedAt = now,
        Essay = essay,
        Speaking = speaking,
    };

    private async Task<AppUser> CreateUserAsync(string email, string name, string password, string role)
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = clock.GetUtcNow(),
            IsDemo = true,
        };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), $"{role} role for {email}");
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    // Meets every password rule: upper, lower, digit, symbol.
    private static string NewPassword() => $"Demo-{RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 10)}-9X";

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Seeded the demo school \"{ClassName}\". Sign in as teacher {Teacher}, admin {Admin} or students {Students} with password {Password}. Class join code {JoinCode}. Set Demo:Seed=false to skip the demo on a new database.")]
    private partial void LogSeeded(string className, string teacher, string admin, string students, string password, string joinCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Made {Email} an administrator (Accounts:AdminEmails).")]
    private partial void LogPromoted(string email);
}

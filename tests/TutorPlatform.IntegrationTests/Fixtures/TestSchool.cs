using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.ApiKeys;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Common;

namespace TutorPlatform.IntegrationTests.Fixtures;

public sealed record TestUser(Guid Id, string Email)
{
    public Actor Actor(bool isAdmin = false) => new(Id, isAdmin);
}

/// <summary>
/// Two teachers with one class each, an administrator, a student in each class, a student removed from class A,
/// and keys made through <see cref="ApiKeyService"/>. Tests read this data and never change it; a test that
/// changes something makes its own class or key.
/// </summary>
public sealed class TestSchool
{
    public const string Password = "Test-password-9";

    public required TestUser TeacherA { get; init; }
    public required TestUser TeacherB { get; init; }
    public required TestUser Admin { get; init; }
    public required TestUser StudentA { get; init; }
    public required TestUser StudentB { get; init; }
    public required TestUser RemovedStudent { get; init; }
    public required Guid ClassA { get; init; }
    public required string ClassAName { get; init; }
    public required Guid ClassB { get; init; }
    public required Guid PublishedEssayA { get; init; }
    public required Guid DraftA { get; init; }
    public required Guid ScheduledA { get; init; }
    public required Guid PublishedSpeakingB { get; init; }
    public required string TeacherAKey { get; init; }
    public required string TeacherBKey { get; init; }
    public required string AdminKey { get; init; }
    public required string RevokedKey { get; init; }

    public static async Task<TestSchool> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var classes = scope.ServiceProvider.GetRequiredService<ClassService>();
        var assignments = scope.ServiceProvider.GetRequiredService<AssignmentService>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();

        var teacherA = await CreateUserAsync(users, "teacher.a@test.example", "Teacher A", Roles.Teacher);
        var teacherB = await CreateUserAsync(users, "teacher.b@test.example", "Teacher B", Roles.Teacher);
        var admin = await CreateUserAsync(users, "admin@test.example", "Administrator", Roles.Admin);
        var studentA = await CreateUserAsync(users, "student.a@test.example", "Student A", Roles.Student);
        var studentB = await CreateUserAsync(users, "student.b@test.example", "Student B", Roles.Student);
        var removed = await CreateUserAsync(users, "removed@test.example", "Removed Student", Roles.Student);

        var classA = await classes.CreateAsync(teacherA.Actor(), new ClassInput("Year 9 English A", "Teacher A's class"));
        var classB = await classes.CreateAsync(teacherB.Actor(), new ClassInput("Year 10 English B"));
        await JoinAsync(classes, studentA, classA);
        await JoinAsync(classes, removed, classA);
        await JoinAsync(classes, studentB, classB);
        await classes.RemoveStudentAsync(teacherA.Actor(), classA.Id, removed.Id);

        var essay = await assignments.CreateAsync(teacherA.Actor(), classA.Id, EssayInput("Should school start later?", publishAt: null), publish: true);
        var draft = await assignments.CreateAsync(teacherA.Actor(), classA.Id, EssayInput("Draft: my holidays", publishAt: null), publish: false);
        var scheduled = await assignments.CreateAsync(teacherA.Actor(), classA.Id, EssayInput("Later: a letter", DateTimeOffset.UtcNow.AddDays(30)), publish: true);
        var speaking = await assignments.CreateAsync(teacherB.Actor(), classB.Id, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = "Read aloud: the weather",
            SpeakingMode = SpeakingMode.ReadAloud,
            SpeakingPassage = "Tomorrow will start cloudy.",
        }, publish: true);

        var revoked = await keys.CreateAsync(teacherA.Actor(), new ApiKeyInput("revoked in tests"));
        await keys.RevokeAsync(teacherA.Actor(), revoked.Summary.Id);

        return new TestSchool
        {
            TeacherA = teacherA,
            TeacherB = teacherB,
            Admin = admin,
            StudentA = studentA,
            StudentB = studentB,
            RemovedStudent = removed,
            ClassA = classA.Id,
            ClassAName = classA.Name,
            ClassB = classB.Id,
            PublishedEssayA = essay!.Id,
            DraftA = draft!.Id,
            ScheduledA = scheduled!.Id,
            PublishedSpeakingB = speaking!.Id,
            TeacherAKey = (await keys.CreateAsync(teacherA.Actor(), new ApiKeyInput("integration tests"))).Key,
            TeacherBKey = (await keys.CreateAsync(teacherB.Actor(), new ApiKeyInput("integration tests"))).Key,
            AdminKey = (await keys.CreateAsync(admin.Actor(isAdmin: true), new ApiKeyInput("integration tests"))).Key,
            RevokedKey = revoked.Key,
        };
    }

    /// <summary>A fresh key for <paramref name="owner"/>: its own rate-limit bucket, free to revoke.</summary>
    public static async Task<string> CreateKeyAsync(IServiceProvider services, TestUser owner, string name = "extra key")
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        return (await keys.CreateAsync(owner.Actor(), new ApiKeyInput(name))).Key;
    }

    public static AssignmentInput EssayInput(string title, DateTimeOffset? publishAt) => new()
    {
        Kind = AssignmentKind.Essay,
        Title = title,
        EssayPrompt = "Give reasons and examples.",
        PublishAt = publishAt,
    };

    public static async Task<TestUser> CreateUserAsync(UserManager<AppUser> users, string email, string name, string role)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return new TestUser(user.Id, email);
    }

    private static async Task JoinAsync(ClassService classes, TestUser student, ClassSummary schoolClass)
    {
        var result = await classes.JoinAsync(student.Actor(), schoolClass.JoinCode);
        if (result.Outcome != JoinOutcome.Joined)
        {
            throw new InvalidOperationException($"{student.Email} could not join {schoolClass.Name}: {result.Outcome}.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

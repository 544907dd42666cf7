using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Privacy;
using TutorPlatform.Core.Submissions;
using TutorPlatform.IntegrationTests.Fixtures;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.IntegrationTests.Accounts;

public sealed class AccountsAndPrivacyTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_AsTeacher_CreatesAccountInTeacherRoleAndSignsIn()
    {
        using var client = app.CreateApiClient();
        var email = $"new.teacher.{Guid.NewGuid():N}@test.example";

        using var response = await AccountFormsClient.PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.Role"] = Roles.Teacher,
            ["Input.DisplayName"] = "New Teacher",
            ["Input.Email"] = email,
            ["Input.Password"] = TestSchool.Password,
            ["Input.ConfirmPassword"] = TestSchool.Password,
        }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal("New Teacher", user.DisplayName);
        Assert.True(await users.IsInRoleAsync(user, Roles.Teacher));
        var page = await client.GetStringAsync(new Uri("/teacher/classes", UriKind.Relative), Ct);
        Assert.Contains(">New Teacher<", page, StringComparison.Ordinal); // the app bar greets by name, not e-mail
    }

    [Fact]
    public async Task Register_WithWeakPassword_ShowsRuleAndCreatesNoAccount()
    {
        using var client = app.CreateApiClient();
        var email = $"weak.{Guid.NewGuid():N}@test.example";

        using var response = await AccountFormsClient.PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.Role"] = Roles.Student,
            ["Input.DisplayName"] = "Weak Password",
            ["Input.Email"] = email,
            ["Input.Password"] = "alllowercase",
            ["Input.ConfirmPassword"] = "alllowercase",
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("The password needs a digit (0–9). The password needs an uppercase letter (A–Z).", page, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task SignInPage_WithoutTheDemoSchool_HasNoDemoHint()
    {
        using var client = app.CreateApiClient();

        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), Ct);

        Assert.Contains("<h1>Sign in</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-hint", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAnAddressThatHasAnAccount_SaysSoOnceAndCreatesNothing()
    {
        using var client = app.CreateApiClient();

        using var response = await AccountFormsClient.PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.Role"] = Roles.Student,
            ["Input.DisplayName"] = "Second Try",
            ["Input.Email"] = app.School.StudentA.Email,
            ["Input.Password"] = TestSchool.Password,
            ["Input.ConfirmPassword"] = TestSchool.Password,
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, page.Split(TutorIdentityErrors.AddressTaken).Length - 1); // once, not as a taken user name and a taken e-mail
        Assert.DoesNotContain("is already taken", page, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal("Student A", (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(app.School.StudentA.Email))!.DisplayName);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        var user = await NewUserAsync(Roles.Student);
        using var client = app.CreateApiClient();

        for (var attempt = 1; attempt < 5; attempt++)
        {
            using var wrong = await AccountFormsClient.SignInAsync(client, user.Email, "Wrong-password-1", Ct);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the form again, with an error
        }

        using var fifth = await AccountFormsClient.SignInAsync(client, user.Email, "Wrong-password-1", Ct);
        Assert.EndsWith("Account/Lockout", fifth.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var right = await AccountFormsClient.SignInAsync(client, user.Email, TestSchool.Password, Ct);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.EndsWith("Account/Lockout", right.Headers.Location!.ToString(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id.ToString()))!));
    }

    [Fact]
    public async Task DownloadPersonalData_SignedInStudent_GetsTheirProfileMembershipsAndWorkAsJson()
    {
        var (student, schoolClass, submissionId) = await StudentWithWorkAsync();
        using var client = app.CreateApiClient();
        using var signIn = await AccountFormsClient.SignInAsync(client, student.Email, TestSchool.Password, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var response = await client.GetAsync(new Uri("/Account/Manage/DownloadPersonalData", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(student.Email, export.GetProperty("profile").GetProperty("email").GetString());
        Assert.Contains(export.GetProperty("memberships").EnumerateArray(), m => m.GetProperty("classId").GetGuid() == schoolClass);
        Assert.Contains(export.GetProperty("submissions").EnumerateArray(), s => s.GetProperty("id").GetGuid() == submissionId);
    }

    [Fact]
    public async Task DownloadPersonalData_Anonymous_IsRefused()
    {
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(new Uri("/Account/Manage/DownloadPersonalData", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveStudent_ByTeacher_EndsMembershipButKeepsTheStudentsWork()
    {
        var (student, schoolClass, submissionId) = await StudentWithWorkAsync();
        var classes = app.Services.GetRequiredService<ClassService>();

        Assert.True(await classes.RemoveStudentAsync(app.School.TeacherA.Actor(), schoolClass, student.Id, Ct));

        Assert.DoesNotContain(await classes.GetRosterAsync(app.School.TeacherA.Actor(), schoolClass, Ct) ?? [], r => r.StudentId == student.Id);
        var own = await app.Services.GetRequiredService<SubmissionService>().ListOwnAsync(student.Actor(), Ct);
        Assert.Contains(own, s => s.Id == submissionId);
        var export = await app.Services.GetRequiredService<PrivacyService>().ExportAsync(student.Actor(), Ct);
        Assert.Contains(export!.Memberships, m => m.ClassId == schoolClass && m.RemovedAt is not null);
    }

    [Fact]
    public async Task DeleteAccount_StudentWithRightPassword_DeletesAccountMembershipsAndWork()
    {
        var (student, schoolClass, submissionId) = await StudentWithWorkAsync();
        using var client = app.CreateApiClient();
        using var signIn = await AccountFormsClient.SignInAsync(client, student.Email, TestSchool.Password, Ct);

        using var response = await AccountFormsClient.PostFormAsync(client, "/Account/Manage", "delete-account", new() { ["Input.Password"] = TestSchool.Password }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Users.AnyAsync(u => u.Id == student.Id, Ct));
        Assert.False(await db.Enrollments.AnyAsync(e => e.StudentId == student.Id, Ct));
        Assert.False(await db.Submissions.AnyAsync(s => s.Id == submissionId, Ct));
        Assert.True(await db.Classes.AnyAsync(c => c.Id == schoolClass, Ct));
    }

    [Fact]
    public async Task DeleteAccount_WithWrongPassword_DeletesNothing()
    {
        var student = await NewUserAsync(Roles.Student);
        using var client = app.CreateApiClient();
        using var signIn = await AccountFormsClient.SignInAsync(client, student.Email, TestSchool.Password, Ct);

        using var response = await AccountFormsClient.PostFormAsync(client, "/Account/Manage", "delete-account", new() { ["Input.Password"] = "Not-my-password-1" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was deleted", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(await db.Users.AnyAsync(u => u.Id == student.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_TeacherWhoStillTeachesClasses_IsRefusedAndKeepsEverything()
    {
        var teacher = await NewUserAsync(Roles.Teacher);
        var schoolClass = await app.Services.GetRequiredService<ClassService>().CreateAsync(teacher.Actor(), new ClassInput($"Kept class {Guid.NewGuid():N}"), Ct);

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => app.Services.GetRequiredService<PrivacyService>().DeleteAccountAsync(teacher.Actor(), Ct));

        Assert.Contains("1 class", refusal.Message, StringComparison.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(await db.Users.AnyAsync(u => u.Id == teacher.Id, Ct));
        Assert.True(await db.Classes.AnyAsync(c => c.Id == schoolClass.Id, Ct));
    }

    private async Task<TestUser> NewUserAsync(string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await TestSchool.CreateUserAsync(users, $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@test.example", $"Temporary {role}", role);
    }

    /// <summary>A new student in a new class of teacher A, with one submitted piece of work (rows as the coaches will write them).</summary>
    private async Task<(TestUser Student, Guid ClassId, Guid SubmissionId)> StudentWithWorkAsync()
    {
        var student = await NewUserAsync(Roles.Student);
        var classes = app.Services.GetRequiredService<ClassService>();
        var schoolClass = await classes.CreateAsync(app.School.TeacherA.Actor(), new ClassInput($"Privacy class {Guid.NewGuid():N}"), Ct);
        Assert.Equal(JoinOutcome.Joined, (await classes.JoinAsync(student.Actor(), schoolClass.JoinCode, Ct)).Outcome);
        var assignment = await app.Services.GetRequiredService<AssignmentService>()
            .CreateAsync(app.School.TeacherA.Actor(), schoolClass.Id, TestSchool.EssayInput("Privacy essay", publishAt: null), publish: true, Ct);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        var submission = new Submission
        {
            AssignmentId = assignment!.Id,
            StudentId = student.Id,
            Kind = AssignmentKind.Essay,
            Status = SubmissionStatus.Submitted,
            CreatedAt = DateTimeOffset.UtcNow,
            SubmittedAt = DateTimeOffset.UtcNow,
        };
        db.Submissions.Add(submission);
        await db.SaveChangesAsync(Ct);
        return (student, schoolClass.Id, submission.Id);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TutorPlatform.BrowserTests;

/// <summary>The foundation's whole path in a real browser: a teacher sets work, a student joins and sees it.</summary>
public sealed partial class SignUpJoinAndSeeAssignmentTests(AppServerFixture app) : IClassFixture<AppServerFixture>
{
    private const string Password = "Learner-2026";

    [Fact]
    public async Task TeacherCreatesClassAndAssignment_StudentJoinsWithCode_SeesAssignmentOnDashboard()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var className = $"Year 10 English {suffix}";
        var assignmentTitle = $"My favourite place {suffix}";

        // The teacher signs up, creates a class and publishes an essay assignment.
        await using var teacherContext = await NewContextAsync();
        var teacher = await teacherContext.NewPageAsync();
        await SignUpAsync(teacher, "Teacher", "Ms. Okafor", $"okafor.{suffix}@school.example");
        await teacher.WaitForURLAsync(new Regex("/teacher/classes$"));

        await teacher.GetByRole(AriaRole.Button, new() { Name = "New class" }).ClickAsync();
        await teacher.GetByLabel("Class name").FillAsync(className);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create class" }).ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = className }).ClickAsync();
        var joinCode = (await teacher.GetByTestId("join-code").InnerTextAsync()).Trim();
        Assert.Matches(JoinCodePattern(), joinCode);

        await teacher.GetByRole(AriaRole.Button, new() { Name = "New assignment" }).ClickAsync();
        await teacher.GetByLabel("Title").FillAsync(assignmentTitle);
        await teacher.GetByLabel("Essay prompt").FillAsync("Describe a place that matters to you and explain why.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(teacher.GetByText(assignmentTitle)).ToBeVisibleAsync();
        await teacher.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "teacher-class-page.png"), FullPage = true });

        // A student signs up in another browser, joins with the code and sees the assignment.
        await using var studentContext = await NewContextAsync();
        var student = await studentContext.NewPageAsync();
        await SignUpAsync(student, "Student", "Sam Lee", $"sam.{suffix}@school.example");
        await student.WaitForURLAsync(new Regex("/student$"));
        await student.GotoAsync($"{app.BaseUrl}/student/join");
        await student.GetByLabel("Join code").FillAsync(joinCode.ToLowerInvariant());
        await student.GetByRole(AriaRole.Button, new() { Name = "Join class" }).ClickAsync();
        await Assertions.Expect(student.GetByText(className).First).ToBeVisibleAsync();

        await student.GotoAsync($"{app.BaseUrl}/student");
        await Assertions.Expect(student.GetByText(assignmentTitle)).ToBeVisibleAsync();
        await student.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "student-dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task TeacherWithoutClasses_IsOfferedShowArchivedOnlyOnceThereIsAClassToShow()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var className = $"Year 8 English {suffix}";
        await using var context = await NewContextAsync();
        var teacher = await context.NewPageAsync();
        await SignUpAsync(teacher, "Teacher", "Mr. Ito", $"ito.{suffix}@school.example");
        await teacher.WaitForURLAsync(new Regex("/teacher/classes$"));
        await Assertions.Expect(teacher.GetByTestId("new-class")).ToBeEnabledAsync();
        await Assertions.Expect(teacher.GetByTestId("show-archived")).ToHaveCountAsync(0);

        await teacher.GetByTestId("new-class").ClickAsync();
        await teacher.GetByLabel("Class name").FillAsync(className);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create class" }).ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("show-archived")).ToBeVisibleAsync();

        // Archived, the class leaves the list, and the switch stays to bring it back.
        await teacher.GetByRole(AriaRole.Link, new() { Name = className }).ClickAsync();
        await teacher.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await teacher.GetByTestId("archive-class").ClickAsync();
        await teacher.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Archive class" }).ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("unarchive-class")).ToBeVisibleAsync();
        await teacher.GotoAsync($"{app.BaseUrl}/teacher/classes");
        await Assertions.Expect(teacher.GetByTestId("new-class")).ToBeEnabledAsync();
        await Assertions.Expect(teacher.GetByRole(AriaRole.Link, new() { Name = className })).ToHaveCountAsync(0);
        await teacher.GetByTestId("show-archived").ClickAsync();
        await Assertions.Expect(teacher.GetByRole(AriaRole.Link, new() { Name = className })).ToBeVisibleAsync();
        await teacher.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "teacher-classes-archived.png"), FullPage = true });
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        // Often the run's first page: under the whole suite on two cores the first sign-up took over 20 s (alone: 10 s).
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private async Task SignUpAsync(IPage page, string role, string name, string email)
    {
        await page.GotoAsync($"{app.BaseUrl}/Account/Register");
        await page.GetByLabel(role, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }

    [GeneratedRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}$")]
    private static partial Regex JoinCodePattern();
}

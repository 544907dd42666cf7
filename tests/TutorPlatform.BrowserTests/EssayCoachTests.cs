using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Essays;
using TutorPlatform.Web.Components.Essays;

namespace TutorPlatform.BrowserTests;

/// <summary>
/// The essay coach in a real browser: a student writes (autosaved across a reload), submits, sees scores, corrections and
/// the streamed feedback, fixes a mistake in one click and revises; the teacher overrides a trait and releases; the
/// student sees the teacher's score.
/// </summary>
public sealed partial class EssayCoachTests(EssayAppFixture app) : IClassFixture<EssayAppFixture>
{
    private const string Password = "Essay-coach-2026";

    internal const string FirstDraft =
        "Many people think school should start later. I agree becuase teenagers need more sleep.\n\n" +
        "First, students needs sleep to learn. When they are tired they can not concentrate in the morning and school is very good only if you are awake.";

    private const string Revision =
        "Many people believe that school should start later in the morning, and I agree, because teenagers need more sleep than adults.\n\n" +
        "First, students who sleep enough learn better. Research on adolescent sleep shows that tired pupils struggle to concentrate, " +
        "remember new vocabulary and solve problems during early lessons.\n\n" +
        "Second, a later start would improve their health and mood. Teenagers who rest properly are less anxious, more patient with classmates " +
        "and more motivated to participate in discussions.\n\n" +
        "In conclusion, starting school an hour later is a simple change that would make students healthier, happier and more successful.";

    [Fact]
    public async Task StudentWritesSubmitsAndRevises_TeacherOverridesAndReleases_StudentSeesTeacherScore()
    {
        var school = await SeedAsync(app);

        // The student writes; the draft is autosaved and survives a reload.
        await using var studentContext = await NewContextAsync(app);
        var student = await studentContext.NewPageAsync();
        await SignInAsync(app, student, school.StudentEmail);
        await OpenEssayAsync(app, student, school.AssignmentId);
        var editor = Field(student.Locator("body"), "essay-text");
        await editor.FillAsync(FirstDraft);
        await Assertions.Expect(student.GetByTestId("save-state")).ToContainTextAsync("Draft saved");
        await Assertions.Expect(student.GetByTestId("word-count")).ToContainTextAsync("/ 350 words");
        await OpenEssayAsync(app, student, school.AssignmentId);
        await Assertions.Expect(editor).ToHaveValueAsync(FirstDraft);

        // Submit: trait scores with bands at once, corrections, then the written feedback streams in.
        await student.GetByTestId("submit-essay").ClickAsync();
        // The on-device models load on first use, which takes a few seconds on a busy machine.
        await Assertions.Expect(student.GetByTestId("results-heading")).ToHaveTextAsync("Feedback on version 1", new() { Timeout = 30_000 });
        await Assertions.Expect(student.GetByTestId("trait-score")).ToHaveCountAsync(6);
        Assert.Matches(ScorePattern(), await student.GetByTestId("overall-score").InnerTextAsync());
        await Assertions.Expect(student.GetByTestId("essay-scores").GetByTestId("cefr-band")).ToHaveCountAsync(7);
        var spelling = student.GetByTestId("issue-item").Filter(new() { HasText = "becuase" });
        await Assertions.Expect(spelling).ToBeVisibleAsync();
        await Assertions.Expect(student.GetByTestId("paragraph-diff")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(student.GetByTestId("feedback-text")).ToContainTextAsync("Next step:");
        await Shot(student, "essay-student-v1.png");

        // One-click fix: the first replacement goes into the draft.
        await spelling.GetByTestId("fix-issue").ClickAsync();
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex("I agree because teenagers"));
        await Assertions.Expect(spelling.GetByTestId("issue-fixed")).ToBeVisibleAsync();

        // Revise: a new version, with the change of every score since version 1.
        var firstOverall = await student.GetByTestId("overall-score").InnerTextAsync();
        await editor.FillAsync(Revision);
        await student.GetByTestId("submit-essay").ClickAsync();
        await Assertions.Expect(student.GetByTestId("results-heading")).ToHaveTextAsync("Feedback on version 2");
        await Assertions.Expect(student.GetByTestId("trait-change")).ToHaveCountAsync(6);
        await Assertions.Expect(student.GetByTestId("version-chip")).ToHaveCountAsync(2);
        var secondOverall = await student.GetByTestId("overall-score").InnerTextAsync();
        Assert.NotEqual(firstOverall, secondOverall);
        Assert.NotEqual("±0", (await student.GetByTestId("overall-change").InnerTextAsync()).Trim());
        await Assertions.Expect(student.GetByTestId("paragraph-diff")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Shot(student, "essay-student-v2.png");

        // The teacher finds it in the grading queue, overrides Grammar with a comment and releases it.
        await using var teacherContext = await NewContextAsync(app);
        var teacher = await teacherContext.NewPageAsync();
        await SignInAsync(app, teacher, school.TeacherEmail);
        await teacher.GotoAsync($"{app.BaseUrl}/teacher/classes/{school.ClassId}");
        // The class page links each open essay assignment to its queue (followed by address: a click while the page
        // turns interactive can be swallowed).
        var grade = teacher.GetByTestId("grade-essays");
        await Assertions.Expect(grade).ToHaveAttributeAsync("href", $"teacher/assignments/{school.AssignmentId}/essays");
        await teacher.GotoAsync($"{app.BaseUrl}/{await grade.GetAttributeAsync("href")}");
        await Assertions.Expect(teacher.Locator("[data-testid=queue-heading][data-ready=true]")).ToContainTextAsync("Grading:");
        await Assertions.Expect(teacher.GetByTestId("queue-status")).ToHaveTextAsync("AI-scored");
        await Shot(teacher, "essay-teacher-queue.png");

        var review = teacher.GetByTestId("review-essay");
        await Assertions.Expect(review).ToHaveAttributeAsync("href", new Regex("^teacher/essays/[0-9a-f-]{36}$"));
        await teacher.GotoAsync($"{app.BaseUrl}/{await review.GetAttributeAsync("href")}");
        await Assertions.Expect(teacher.GetByTestId("review-heading")).ToHaveTextAsync("Sam Writer");
        await Assertions.Expect(teacher.Locator("[data-testid=review-form][data-ready=true]")).ToBeVisibleAsync();
        var grammar = teacher.GetByTestId("override-grammar");
        await Field(grammar, "override-score").FillAsync("4.5");
        await Field(grammar, "override-comment").FillAsync("Your agreement is correct throughout now.");
        await Field(teacher.Locator("body"), "review-comment").FillAsync("A clear, well-organised revision.");
        await teacher.GetByTestId("save-and-release").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("released-chip")).ToBeVisibleAsync();
        await Shot(teacher, "essay-teacher-review.png");

        await teacher.GotoAsync($"{app.BaseUrl}/teacher/assignments/{school.AssignmentId}/essays");
        await Assertions.Expect(teacher.Locator("[data-testid=queue-heading][data-ready=true]")).ToBeVisibleAsync();
        await Assertions.Expect(teacher.GetByTestId("queue-status")).ToHaveTextAsync("Released");
        await Shot(teacher, "essay-teacher-queue-released.png");

        // The student sees the released teacher score and comments.
        await OpenEssayAsync(app, student, school.AssignmentId);
        await Assertions.Expect(student.GetByTestId("teacher-review")).ToContainTextAsync("A clear, well-organised revision.");
        // The version chip carries the final (teacher-adjusted) overall score the review names, not the model's.
        var final = Regex.Match(await student.GetByTestId("teacher-review").InnerTextAsync(), @"final score (\d\.\d)");
        Assert.True(final.Success);
        await Assertions.Expect(student.GetByTestId("version-chip").Last).ToContainTextAsync($"· {final.Groups[1].Value}");
        var teacherGrammar = student.GetByTestId("trait-grammar").GetByTestId("teacher-score");
        await Assertions.Expect(teacherGrammar).ToContainTextAsync("4.5");
        await Assertions.Expect(teacherGrammar).ToContainTextAsync("Your agreement is correct throughout now.");
        await Shot(student, "essay-student-released.png");
    }

    [Fact]
    public async Task RubricTraitTheTeacherAdded_IsScoredByTheTeacherBeforeRelease_StudentSeesItWithTheCommentsLineBreaks()
    {
        var school = await SeedAsync(app, [.. Rubrics.DefaultAnalytic(), new RubricTrait { Name = "Use of sources", Description = "Quotes and names its sources.", Min = 0, Max = 10 }]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var student = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(school.StudentEmail);
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<EssayCoachService>()
                .SubmitAsync(new Actor(student!.Id), school.AssignmentId, Revision, feedbackAvailable: false, TestContext.Current.CancellationToken));
        }

        // The queue marks the trait the AI does not score as waiting for the teacher.
        await using var teacherContext = await NewContextAsync(app);
        var teacher = await teacherContext.NewPageAsync();
        await SignInAsync(app, teacher, school.TeacherEmail);
        await teacher.GotoAsync($"{app.BaseUrl}/teacher/assignments/{school.AssignmentId}/essays");
        await Assertions.Expect(teacher.Locator("[data-testid=queue-heading][data-ready=true]")).ToBeVisibleAsync();
        await Assertions.Expect(teacher.GetByTestId("queue-needs-teacher-score")).ToContainTextAsync("Use of sources");
        await Shot(teacher, "essay-queue-teacher-scored-trait.png");

        // The review form has a row the teacher must score; releasing without it is refused.
        var review = teacher.GetByTestId("review-essay");
        await teacher.GotoAsync($"{app.BaseUrl}/{await review.GetAttributeAsync("href")}");
        await Assertions.Expect(teacher.Locator("[data-testid=review-form][data-ready=true]")).ToBeVisibleAsync();
        var sources = teacher.GetByTestId("override-rubric-use_of_sources");
        await Assertions.Expect(sources.GetByTestId("teacher-scored")).ToHaveTextAsync("Scored by you");
        await teacher.GetByTestId("save-and-release").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("review-error")).ToContainTextAsync("Score Use of sources before releasing");

        await Field(sources, "override-score").FillAsync("8");
        await Field(sources, "override-comment").FillAsync("You name two sources.\nNext time, quote one of them.");
        var grammar = teacher.GetByTestId("override-grammar");
        await Field(grammar, "override-score").FillAsync("4");
        await Field(grammar, "override-comment").FillAsync("Agreement is right throughout.\nWatch your articles.");
        await Shot(teacher, "essay-review-teacher-scored-trait.png");
        await teacher.GetByTestId("save-and-release").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("released-chip")).ToBeVisibleAsync();

        // The student sees the teacher's score for the added trait, and both comments keep their line breaks.
        await using var studentContext = await NewContextAsync(app);
        var page = await studentContext.NewPageAsync();
        await SignInAsync(app, page, school.StudentEmail);
        await OpenEssayAsync(app, page, school.AssignmentId);
        var row = page.GetByTestId("rubric-trait-use_of_sources");
        await Assertions.Expect(row.GetByTestId("rubric-score")).ToHaveTextAsync("8.0");
        await Assertions.Expect(row.GetByTestId("scored-by-teacher")).ToBeVisibleAsync();
        Assert.Equal("You name two sources.\nNext time, quote one of them.", await row.Locator(".teacher-comment").InnerTextAsync());
        Assert.Equal("Agreement is right throughout.\nWatch your articles.",
            await page.GetByTestId("trait-grammar").GetByTestId("teacher-score").Locator(".teacher-comment").InnerTextAsync());
        await row.ScrollIntoViewIfNeededAsync();
        await Shot(page, "essay-student-teacher-scored-trait.png");
    }

    [Fact]
    public async Task RubricWithoutPhraseology_OnAPhone_StudentSeesTheFiveTraitsTheirOverallAndTheTeachersScoreWithoutScrollingSideways()
    {
        var school = await SeedAsync(app, [.. Rubrics.DefaultAnalytic().Where(t => t.Key != "phraseology")]);
        var ct = TestContext.Current.CancellationToken;
        EssayVersionView version;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var student = new Actor((await users.FindByEmailAsync(school.StudentEmail))!.Id);
            var teacher = new Actor((await users.FindByEmailAsync(school.TeacherEmail))!.Id);
            var coach = scope.ServiceProvider.GetRequiredService<EssayCoachService>();
            await coach.SubmitAsync(student, school.AssignmentId, FirstDraft, feedbackAvailable: false, ct);
            version = (await coach.SubmitAsync(student, school.AssignmentId, Revision, feedbackAvailable: false, ct))!;
            await coach.ReviewAsync(teacher, version.Id, new EssayReviewInput([new TeacherTraitScore(EssayTrait.Grammar, 2.5, "Check \"students needs\".")], null), ct);
            var submission = (await coach.GetQueueAsync(teacher, school.AssignmentId, ct))!.Rows.Single().SubmissionId!.Value;
            Assert.Equal(1, await coach.ReleaseAsync(teacher, school.AssignmentId, [submission], ct));
        }

        await using var phone = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(20_000);
        var page = await phone.NewPageAsync();
        await SignInAsync(app, page, school.StudentEmail);
        await OpenEssayAsync(app, page, school.AssignmentId);

        var table = page.GetByTestId("essay-scores");
        await Assertions.Expect(table.GetByTestId("trait-score")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByTestId("trait-phraseology")).ToHaveCountAsync(0);
        await Assertions.Expect(table.GetByTestId("overall-score")).ToHaveTextAsync(EssayLabels.Score(version.AiOverall));
        var teacherScore = page.GetByTestId("trait-grammar").GetByTestId("teacher-score");
        await teacherScore.ScrollIntoViewIfNeededAsync();
        await Shot(page, "essay-student-phone-rubric-without-phraseology.png");
        Assert.True(await table.EvaluateAsync<bool>("t => t.querySelector('table').scrollWidth <= t.clientWidth + 1"), "the scores table scrolls sideways on a phone");
        var box = (await teacherScore.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= 390, $"the teacher's score ends at {box.X + box.Width}px, past the 390px screen");
        await Assertions.Expect(teacherScore).ToContainTextAsync("2.5");
    }

    [Fact]
    public async Task TeacherReviewsOnAPhone_ScoreAndCommentFieldsAreWideEnoughToUse()
    {
        var school = await SeedAsync(app);
        Guid submission;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var coach = scope.ServiceProvider.GetRequiredService<EssayCoachService>();
            await coach.SubmitAsync(new Actor((await users.FindByEmailAsync(school.StudentEmail))!.Id), school.AssignmentId, Revision, feedbackAvailable: false,
                TestContext.Current.CancellationToken);
            submission = (await coach.GetQueueAsync(new Actor((await users.FindByEmailAsync(school.TeacherEmail))!.Id), school.AssignmentId,
                TestContext.Current.CancellationToken))!.Rows.Single().SubmissionId!.Value;
        }

        await using var phone = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(20_000);
        var teacher = await phone.NewPageAsync();
        await SignInAsync(app, teacher, school.TeacherEmail);
        await teacher.GotoAsync($"{app.BaseUrl}/teacher/essays/{submission}");
        await Assertions.Expect(teacher.Locator("[data-testid=review-form][data-ready=true]")).ToBeVisibleAsync();

        var grammar = teacher.GetByTestId("override-grammar");
        var score = Field(grammar, "override-score");
        var comment = Field(grammar, "override-comment");
        await score.FillAsync("3.5");
        await comment.FillAsync("Check your verb agreement.");
        await grammar.ScrollIntoViewIfNeededAsync();
        await Shot(teacher, "essay-review-phone.png");
        Assert.True((await score.BoundingBoxAsync())!.Width >= 80, "the score field is too narrow to read on a phone");
        Assert.True((await comment.BoundingBoxAsync())!.Width >= 250, "the comment field is too narrow to write in on a phone");
        Assert.True(await teacher.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the review page scrolls sideways on a phone");
    }

    internal sealed record School(string TeacherEmail, string StudentEmail, Guid ClassId, Guid AssignmentId);

    internal static async Task<School> SeedAsync(AppServerFixture app, List<RubricTrait>? rubric = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var teacher = await CreateUserAsync(users, $"teacher.{suffix}@essay.example", "Ms. Rivera", Roles.Teacher);
        var student = await CreateUserAsync(users, $"student.{suffix}@essay.example", "Sam Writer", Roles.Student);
        var classes = scope.ServiceProvider.GetRequiredService<ClassService>();
        var schoolClass = await classes.CreateAsync(new Actor(teacher.Id), new ClassInput($"Year 10 English {suffix}"));
        await classes.JoinAsync(new Actor(student.Id), schoolClass.JoinCode);
        var assignment = await scope.ServiceProvider.GetRequiredService<AssignmentService>().CreateAsync(new Actor(teacher.Id), schoolClass.Id, new AssignmentInput
        {
            Kind = AssignmentKind.Essay,
            Title = "Should school start later?",
            EssayPrompt = "Should school start later in the morning? Give reasons and examples for your opinion.",
            EssayTargetWords = 350,
            EssayRubric = rubric,
        }, publish: true);
        return new School(teacher.Email!, student.Email!, schoolClass.Id, assignment!.Id);
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, string email, string name, string role)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    internal static async Task<IBrowserContext> NewContextAsync(AppServerFixture app)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1360, Height = 1000 } });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    internal static async Task SignInAsync(AppServerFixture app, IPage page, string email)
    {
        await page.GotoAsync($"{app.BaseUrl}/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/(student|teacher/classes)$"));
    }

    /// <summary>Opens the assignment and waits until the editor is interactive (the circuit is up and the browser copy checked).</summary>
    internal static async Task OpenEssayAsync(AppServerFixture app, IPage page, Guid assignmentId)
    {
        await page.GotoAsync($"{app.BaseUrl}/student/assignments/{assignmentId}");
        await Assertions.Expect(page.Locator("[data-testid=essay-editor-card][data-ready=true]")).ToBeVisibleAsync();
    }

    /// <summary>The input or textarea of a MudBlazor field, wherever the field puts its data-testid.</summary>
    internal static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    internal static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, name), FullPage = true });

    [GeneratedRegex(@"^\d\.\d$")]
    private static partial Regex ScorePattern();
}

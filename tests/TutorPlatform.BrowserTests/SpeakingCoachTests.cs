using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Speaking;

namespace TutorPlatform.BrowserTests;

/// <summary>The speaking coach in chromium with a fake microphone, on the real speech runtimes and the tiny real model.</summary>
public sealed class SpeakingCoachTests(SpeakingAppFixture app) : IClassFixture<SpeakingAppFixture>
{
    private static string Shot(string name) => Path.Combine(AppServerFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task Student_RecordsReadAloudWithTheMicrophone_GetsScoresAndHandsIn_TeacherOverrides()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, SpeakingAppFixture.StudentEmail, new Regex("/student$"));
        await page.GotoAsync($"/student/assignments/{app.ReadAloudAssignment}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.GetByTestId("passage")).ToContainTextAsync("block books");

        // Record about six seconds of the fake microphone (the LJSpeech clip of the passage) and stop.
        await StartRecordingAsync(page);
        await Assertions.Expect(page.GetByTestId("recorder-clock")).ToHaveTextAsync(new Regex(@"^0:0[2-9] / 1:00$"), new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Shot("speaking-recording.png"), FullPage = true });
        await page.WaitForTimeoutAsync(3_500);
        await page.GetByTestId("recorder-stop").ClickAsync();

        var result = page.GetByTestId("take-result");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = 120_000 });
        Assert.Equal(0, await page.GetByTestId("take-error").CountAsync());
        var total = int.Parse((await page.GetByTestId("score-total").Locator(".score-number").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(total, 0, 100);
        foreach (var score in new[] { "accuracy", "fluency", "completeness", "prosody" })
        {
            await Assertions.Expect(page.GetByTestId($"score-{score}")).ToContainTextAsync(new Regex(@"\d"));
        }

        var words = page.GetByTestId("passage-word");
        Assert.Equal(14, await words.CountAsync()); // every word of the passage, coloured by its score
        await Assertions.Expect(page.GetByTestId("take-player")).ToBeVisibleAsync();
        await words.Nth(3).ClickAsync(); // "books": its sounds
        await Assertions.Expect(page.GetByTestId("word-detail")).ToContainTextAsync("books");
        await Assertions.Expect(page.GetByTestId("word-phones").Locator(".phone")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Shot("speaking-read-aloud-scores.png"), FullPage = true });

        await page.GetByTestId("hand-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("handed-in")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("take-row")).ToHaveCountAsync(1);

        // The teacher hears the take and overrides its score with a comment.
        await using var teacherContext = await NewContextAsync();
        var teacher = await teacherContext.NewPageAsync();
        await SignInAsync(teacher, SpeakingAppFixture.TeacherEmail, new Regex("/teacher/classes$"));
        await teacher.GotoAsync($"/teacher/assignments/{app.ReadAloudAssignment}/speaking");
        await teacher.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var review = teacher.GetByTestId("take-review");
        await Assertions.Expect(review).ToHaveCountAsync(1);
        await Assertions.Expect(teacher.GetByTestId("review-student")).ToContainTextAsync("Amira Haddad");
        var audioStatus = await teacher.EvaluateAsync<int>("async () => (await fetch(document.querySelector('[data-testid=review-audio]').src)).status");
        Assert.Equal(200, audioStatus);
        // The player shows the take's length before it is played (it said 0:00 until then), and the passage is coloured
        // by word score as the student saw it.
        await teacher.WaitForFunctionAsync("() => document.querySelector('[data-testid=review-audio]').duration > 4");
        await Assertions.Expect(review.GetByTestId("review-passage").GetByTestId("passage-word")).ToHaveCountAsync(14);
        await review.GetByTestId("review-edit").ClickAsync();
        await review.GetByTestId("review-score").FillAsync("88");
        await review.GetByTestId("review-comment").FillAsync("Clear and steady. Watch the ending of 'predecessors'.");
        await review.GetByTestId("review-save").ClickAsync();
        await Assertions.Expect(review.GetByTestId("review-current")).ToContainTextAsync("88");
        await teacher.ScreenshotAsync(new() { Path = Shot("speaking-teacher-takes.png"), FullPage = true });

        // The student sees the teacher's word on the take, and the practice page shows the history.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("teacher-review")).ToContainTextAsync("88");
        await page.GotoAsync("/student/practice");
        await Assertions.Expect(page.GetByTestId("drill-card")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("score-trend")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("speaking-practice.png"), FullPage = true });
    }

    [Fact]
    public async Task Student_UploadsAFileThatIsNotAudio_GetsAClearError()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, SpeakingAppFixture.StudentEmail, new Regex("/student$"));
        await page.GotoAsync("/student/practice/greetings");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await page.GetByTestId("recorder-upload").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });

        await Assertions.Expect(page.GetByTestId("recorder-error")).ToContainTextAsync("not an audio file");
    }

    [Fact]
    public async Task Student_RolePlaysWithTheModel_ByTextAndVoice_AndGetsASummary()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, SpeakingAppFixture.StudentEmail, new Regex("/student$"));
        await page.GotoAsync($"/student/assignments/{app.RolePlayAssignment}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        try
        {
            await Assertions.Expect(page.GetByTestId("goals").Locator("li")).ToHaveCountAsync(3);
            // The model opens: its line streams in, then stays in the conversation.
            await Assertions.Expect(page.GetByTestId("partner-line")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
            Assert.True((await page.GetByTestId("partner-line").First.InnerTextAsync()).Trim().Length > 0);

            await page.GetByTestId("typed-answer").FillAsync("Hello! I would like a loaf of bread, please.");
            await page.GetByTestId("send-typed").ClickAsync();
            await Assertions.Expect(page.GetByTestId("student-line")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
            await Assertions.Expect(page.GetByTestId("partner-line")).ToHaveCountAsync(2, new() { Timeout = 120_000 });

            // A spoken answer: recorded from the fake microphone, transcribed on the device, with measures.
            await StartRecordingAsync(page);
            await page.WaitForTimeoutAsync(4_000);
            await page.GetByTestId("recorder-stop").ClickAsync();
            await Assertions.Expect(page.GetByTestId("student-line")).ToHaveCountAsync(2, new() { Timeout = 120_000 });
            var spoken = page.GetByTestId("student-line").Nth(1);
            await Assertions.Expect(spoken.GetByTestId("measures")).ToContainTextAsync("words/min");
            await Assertions.Expect(spoken.GetByTestId("pronunciation-note")).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.GetByTestId("partner-line")).ToHaveCountAsync(3, new() { Timeout = 120_000 });
            // The line is in the conversation now; the recorder is ready for the next one, with no old take under it.
            await Assertions.Expect(page.GetByTestId("take-player")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("recorder-start")).ToHaveTextAsync("Record");
            await Assertions.Expect(page.GetByTestId("recorder-clock")).ToHaveTextAsync(new Regex("^0:00 / "));
            await page.ScreenshotAsync(new() { Path = Shot("speaking-roleplay.png"), FullPage = true });

            await page.GetByTestId("end-roleplay").ClickAsync();
            var summary = page.GetByTestId("roleplay-summary");
            await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Assertions.Expect(summary.GetByTestId("goals-met")).ToContainTextAsync("of 3");
            await page.ScreenshotAsync(new() { Path = Shot("speaking-roleplay-summary.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Shot("failure-roleplay.png"), FullPage = true });
            throw;
        }
    }

    [Fact]
    public async Task Student_OnAPhone_SeesTheirTakesWithoutTheScreenScrollingSideways()
    {
        // Two scored takes of the passage (the fake microphone's clip), made through the service as the page would.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var student = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(SpeakingAppFixture.StudentEmail);
            var speaking = scope.ServiceProvider.GetRequiredService<SpeakingService>();
            var clip = await File.ReadAllBytesAsync(SpeakingAppFixture.MicrophoneClip, TestContext.Current.CancellationToken);
            for (var take = 0; take < 2; take++)
            {
                Assert.NotNull(await speaking.AssessReadAloudAsync(new Actor(student!.Id), ReadAloudTarget.ForAssignment(app.PhoneReadAloudAssignment), clip, TestContext.Current.CancellationToken));
            }
        }

        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, SpeakingAppFixture.StudentEmail, new Regex("/student$"));
        await page.GotoAsync($"/student/assignments/{app.PhoneReadAloudAssignment}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.GetByTestId("take-row")).Not.ToHaveCountAsync(0);
        await page.GetByTestId("takes").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Shot("speaking-takes-phone.png"), FullPage = true });

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways on a 390 px phone: {widths[0]} px of content in {widths[1]} px.");
        // Nor does the table hide columns in a sideways-scrolling box of its own.
        var table = await page.GetByTestId("takes").Locator(".mud-table-container").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(table[0] <= table[1], $"The takes table scrolls sideways on a 390 px phone: {table[0]} px of content in {table[1]} px.");
        // Every score is still there, each labelled now that the header row is hidden.
        var firstRow = page.GetByTestId("take-row").First;
        foreach (var label in new[] { "Overall", "Accuracy", "Fluency", "Completeness", "Prosody" })
        {
            await Assertions.Expect(firstRow.Locator($"td[data-label={label}]")).ToHaveTextAsync(new Regex(@"^\d+$"));
        }
    }

    [Fact]
    public async Task Teacher_ReviewingRolePlayTakes_SeesTheScenarioGoalsAndTheLineEachTakeAnswered()
    {
        // The student's conversation, through the services as the role-play page drives them: the model opens, the
        // student answers by voice (the fake microphone's clip), which saves a take.
        string opening;
        RolePlayTurn spoken;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ct = TestContext.Current.CancellationToken;
            var student = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(SpeakingAppFixture.StudentEmail);
            var actor = new Actor(student!.Id);
            var rolePlay = scope.ServiceProvider.GetRequiredService<RolePlayService>();
            var session = await rolePlay.OpenAsync(actor, app.ReviewedRolePlayAssignment, ct: ct);
            var streamed = new System.Text.StringBuilder();
            await foreach (var piece in rolePlay.StreamPartnerLineAsync(actor, session!.Id, ct))
            {
                streamed.Append(piece);
            }

            opening = (await rolePlay.OpenAsync(actor, app.ReviewedRolePlayAssignment, ct: ct))!.Turns.Single(t => t.Speaker == RolePlaySpeaker.Partner).Text;
            Assert.False(string.IsNullOrWhiteSpace(opening));
            spoken = await rolePlay.AddSpokenLineAsync(actor, session.Id, await File.ReadAllBytesAsync(SpeakingAppFixture.MicrophoneClip, ct), ct);
        }

        await using var context = await NewContextAsync();
        var teacher = await context.NewPageAsync();
        await SignInAsync(teacher, SpeakingAppFixture.TeacherEmail, new Regex("/teacher/classes$"));
        await teacher.GotoAsync($"/teacher/assignments/{app.ReviewedRolePlayAssignment}/speaking");
        await teacher.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(teacher.GetByTestId("review-scenario-text")).ToHaveTextAsync(SpeakingAppFixture.ReviewedScenario);
        await Assertions.Expect(teacher.GetByTestId("review-goals").Locator("li")).ToHaveTextAsync(["Ask for a return ticket", "Ask when the next train leaves"]);
        var take = teacher.GetByTestId("take-review");
        await Assertions.Expect(take).ToHaveCountAsync(1);
        await Assertions.Expect(take.GetByTestId("review-partner-line")).ToContainTextAsync(opening.Trim());
        await Assertions.Expect(take.GetByTestId("review-student-line")).ToContainTextAsync(spoken.Text);
        await teacher.ScreenshotAsync(new() { Path = Shot("speaking-teacher-roleplay-takes.png"), FullPage = true });
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    private static async Task SignInAsync(IPage page, string email, Regex landing)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(SpeakingAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(landing);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    // The page is prerendered: a click before the circuit is up does nothing, so click until the recorder runs.
    private static async Task StartRecordingAsync(IPage page)
    {
        var start = page.GetByTestId("recorder-start");
        var stop = page.GetByTestId("recorder-stop");
        for (var attempt = 0; attempt < 20 && !await stop.IsVisibleAsync(); attempt++)
        {
            try
            {
                await start.ClickAsync(new() { Timeout = 2_000 });
                await Assertions.Expect(stop).ToBeVisibleAsync(new() { Timeout = 2_000 });
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // Not interactive yet, or the microphone is still starting.
            }
        }

        await Assertions.Expect(stop).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;
using static TutorPlatform.BrowserTests.EssayCoachTests;

namespace TutorPlatform.BrowserTests;

/// <summary>The essay coach with no large model configured (Models:Chat:Provider none, the default).</summary>
public sealed class EssayCoachWithoutLargeModelTests(AppServerFixture app) : IClassFixture<AppServerFixture>
{
    [Fact]
    public async Task Submit_WithoutLargeModel_ShowsScoresAndCorrectionsAndSaysFeedbackIsUnavailable()
    {
        var school = await SeedAsync(app);
        await using var context = await NewContextAsync(app);
        var student = await context.NewPageAsync();
        await SignInAsync(app, student, school.StudentEmail);
        await OpenEssayAsync(app, student, school.AssignmentId);

        // A greeting is not an essay: the trait model would score it near 3, so it is not sent.
        await Field(student.Locator("body"), "essay-text").FillAsync("Hi there.");
        await Assertions.Expect(student.GetByTestId("word-count")).ToContainTextAsync("write at least 20 words to get feedback");
        await Assertions.Expect(student.GetByTestId("submit-essay")).ToBeDisabledAsync();

        await Field(student.Locator("body"), "essay-text").FillAsync(FirstDraft);
        await student.GetByTestId("submit-essay").ClickAsync();

        // The on-device models load on first use, which takes a few seconds on a busy machine.
        await Assertions.Expect(student.GetByTestId("results-heading")).ToHaveTextAsync("Feedback on version 1", new() { Timeout = 30_000 });
        await Assertions.Expect(student.GetByTestId("trait-score")).ToHaveCountAsync(6);
        await Assertions.Expect(student.GetByTestId("issue-item").Filter(new() { HasText = "becuase" })).ToBeVisibleAsync();
        await Assertions.Expect(student.GetByTestId("feedback-unavailable")).ToContainTextAsync("Written feedback is unavailable");
        await Shot(student, "essay-student-no-large-model.png");
    }
}

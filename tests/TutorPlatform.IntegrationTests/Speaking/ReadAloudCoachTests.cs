using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Speaking;
using TutorPlatform.IntegrationTests.Fixtures;
using TutorPlatform.Web.Components.Speaking;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.IntegrationTests.Speaking;

/// <summary>
/// The student's read-aloud coach rendered with bUnit over the real speaking service and database, as the assignment
/// page shows it: the takes it lists are the ones the service saved, after the teacher's edits and reviews.
/// </summary>
[Collection(SpeakingCollection.Name)]
public sealed class ReadAloudCoachTests : BunitContext
{
    private readonly SpeakingAppFactory _app;
    private readonly Actor _student;

    public ReadAloudCoachTests(SpeakingAppFactory app)
    {
        _app = app;
        _student = School.StudentA.Actor();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(Speaking);
        Services.AddScoped<BrowserInterop>();
        Services.AddScoped<SpeakingInterop>();
        AddAuthorization().SetAuthorized("Student A").SetClaims(new Claim(ClaimTypes.NameIdentifier, _student.UserId.ToString()));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private TestSchool School => _app.School;

    private SpeakingService Speaking => _app.Services.GetRequiredService<SpeakingService>();

    private AssignmentService Assignments => _app.Services.GetRequiredService<AssignmentService>();

    [Fact]
    public async Task Render_AfterTheTeacherEditsThePassage_ShowsTheNewPassageToRead_AndTheTakeAgainstTheTextItWasReadAgainst()
    {
        var assignment = await ReadAloudAssignmentAsync("The weather is fine today.");
        await TakeAsync(assignment);
        await EditPassageAsync(assignment, "Birds sing in the early morning light.");

        var cut = await RenderCoachAsync(assignment);

        Assert.Equal("Birds sing in the early morning light.", cut.Find("[data-testid=passage]").TextContent.Trim());
        Assert.Contains("earlier version of the passage", cut.Find("[data-testid=earlier-passage]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["The", "weather", "is", "fine", "today."],
            cut.FindAll("[data-testid=earlier-passage-words] [data-testid=passage-word]").Select(w => w.TextContent));
        Assert.Single(cut.FindAll("[data-testid=passage-word]"), w => w.TextContent == "weather"); // only in the take's card
        Assert.Empty(cut.FindAll("[data-testid=hand-in]")); // a take of the old text is not what the assignment asks for now
        Assert.Contains("passage as it is now", cut.Find("[data-testid=hand-in-earlier-passage]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NewTakeAfterThePassageChanged_IsColouredOnTheNewPassage_AndNotComparedWithTheOldTake()
    {
        var assignment = await ReadAloudAssignmentAsync("The weather is fine today.");
        await TakeAsync(assignment);
        await EditPassageAsync(assignment, "Birds sing in the early morning light.");
        await TakeAsync(assignment);

        var cut = await RenderCoachAsync(assignment);

        Assert.Equal(["Birds", "sing", "in", "the", "early", "morning", "light."], cut.FindAll("[data-testid=passage-word]").Select(w => w.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=earlier-passage]"));
        Assert.Empty(cut.FindAll("[data-testid=score-board] .score-delta"));
        Assert.Contains("different versions of the passage", cut.Find("[data-testid=not-compared]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TakesOfTheSamePassage_AreComparedWithoutANote()
    {
        var assignment = await ReadAloudAssignmentAsync("The weather is fine today.");
        await TakeAsync(assignment);
        await TakeAsync(assignment);

        var cut = await RenderCoachAsync(assignment);

        Assert.Equal(5, cut.FindAll("[data-testid=passage-word]").Count);
        Assert.Empty(cut.FindAll("[data-testid=earlier-passage]"));
        Assert.Empty(cut.FindAll("[data-testid=not-compared]"));
    }

    [Fact]
    public async Task Render_HandedInTakeReviewedByTheTeacher_ShowsTheReviewAtTheTop_EvenWhenANewerTakeIsOpen()
    {
        var assignment = await ReadAloudAssignmentAsync("We walked to the park.");
        var handedIn = await TakeAsync(assignment);
        await Speaking.HandInAsync(_student, handedIn.Id, Ct);
        await Speaking.ReviewAsync(School.TeacherA.Actor(), handedIn.Id, new SpeakingReview(90, "Lovely rhythm; slow down at the end."), Ct);
        await TakeAsync(assignment);

        var cut = await RenderCoachAsync(assignment);

        var review = cut.Find("[data-testid=handed-in-review]");
        Assert.Contains("take 1", review.TextContent, StringComparison.Ordinal);
        Assert.Equal("Score: 90", cut.Find("[data-testid=handed-in-review-score]").TextContent.Trim());
        Assert.Equal("Lovely rhythm; slow down at the end.", cut.Find("[data-testid=handed-in-review-comment]").TextContent.Trim());
        Assert.Contains("Take 2", cut.Find("[data-testid=take-result] h2").TextContent, StringComparison.Ordinal); // the newest take is open
        Assert.NotNull(cut.Find("[data-testid=hand-in]"));

        cut.Find("[data-testid=show-handed-in]").Click();

        Assert.Contains("Take 1", cut.Find("[data-testid=take-result] h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("scored this take 90", cut.Find("[data-testid=teacher-review]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=show-handed-in]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_HandedInTakeNotYetReviewed_ShowsNoReview()
    {
        var assignment = await ReadAloudAssignmentAsync("We walked to the park.");
        var handedIn = await TakeAsync(assignment);
        await Speaking.HandInAsync(_student, handedIn.Id, Ct);

        var cut = await RenderCoachAsync(assignment);

        Assert.Empty(cut.FindAll("[data-testid=handed-in-review]"));
        Assert.NotNull(cut.Find("[data-testid=handed-in]"));
    }

    private async Task<IRenderedComponent<SpeakingCoachPanel>> RenderCoachAsync(Guid assignmentId)
    {
        var details = await Assignments.GetForStudentAsync(_student, assignmentId, Ct);
        Assert.NotNull(details);
        var cut = Render<SpeakingCoachPanel>(p => p.Add(c => c.Assignment, details));
        cut.WaitForElement("[data-testid=take-result]");
        return cut;
    }

    private async Task<SpeakingAttemptView> TakeAsync(Guid assignmentId)
    {
        var take = await Speaking.AssessReadAloudAsync(_student, ReadAloudTarget.ForAssignment(assignmentId), TestAudio.Tone(1.5), Ct);
        Assert.NotNull(take);
        return take;
    }

    private async Task<Guid> ReadAloudAssignmentAsync(string passage)
    {
        var created = await Assignments.CreateAsync(School.TeacherA.Actor(), School.ClassA, Input(passage), publish: true, Ct);
        return created!.Id;
    }

    private async Task EditPassageAsync(Guid assignmentId, string passage) =>
        Assert.NotNull(await Assignments.UpdateAsync(School.TeacherA.Actor(), assignmentId, Input(passage), Ct));

    private static AssignmentInput Input(string passage) => new()
    {
        Kind = AssignmentKind.Speaking,
        Title = "Read aloud after an edit",
        SpeakingMode = SpeakingMode.ReadAloud,
        SpeakingPassage = passage,
    };
}

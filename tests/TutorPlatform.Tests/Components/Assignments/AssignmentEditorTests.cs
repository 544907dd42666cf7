using Bunit;
using Microsoft.AspNetCore.Components;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Web.Components.Assignments;

namespace TutorPlatform.Tests.Components.Assignments;

public sealed class AssignmentEditorTests : MudComponentTest
{
    private readonly List<AssignmentSaveRequest> _saved = [];
    public AssignmentEditorTests() => RenderDialogHost();

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void RolePlay_WithoutALargeModel_WarnsThatStudentsCannotStartIt(bool configured, int warnings)
    {
        ChatStatus.IsConfigured = configured;

        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Speaking, SpeakingMode = SpeakingMode.RolePlay });

        Assert.Equal(warnings, cut.FindAll("[data-testid=roleplay-no-model]").Count);
    }

    [Fact]
    public void ReadAloud_WithoutALargeModel_HasNoWarning() =>
        Assert.Empty(RenderEditor(new AssignmentInput { Kind = AssignmentKind.Speaking, SpeakingMode = SpeakingMode.ReadAloud })
            .FindAll("[data-testid=roleplay-no-model]"));

    [Fact]
    public void Render_NewEssay_StartsWithTheSixDefaultTraits()
    {
        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Essay });

        Assert.Equal(6, cut.FindAll("[data-testid=rubric-trait]").Count);
        Assert.Equal(
            ["Cohesion", "Syntax", "Vocabulary", "Phraseology", "Grammar", "Conventions"],
            cut.FindAll("[data-testid=rubric-trait] .rubric-name input").Select(i => i.GetAttribute("value")).ToArray());
    }

    [Fact]
    public void PublishNow_EssayWithoutPrompt_ShowsPromptErrorAndDoesNotSave()
    {
        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Essay });

        cut.Find("input[data-testid=assignment-title-field]").Change("My favourite place");
        cut.Find("button[data-testid=publish-now]").Click();

        Assert.Empty(_saved);
        Assert.Contains("An essay assignment needs a prompt.", FieldErrors(cut));
    }

    [Fact]
    public void PublishNow_EmptyTitleAndPrompt_ShowsBothErrorsAtOnce()
    {
        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Essay });

        cut.Find("button[data-testid=publish-now]").Click();

        var errors = FieldErrors(cut);
        Assert.Contains("Give the assignment a title.", errors);
        Assert.Contains("An essay assignment needs a prompt.", errors);
        Assert.NotNull(cut.Find("[data-testid=assignment-invalid]"));
        Assert.Empty(_saved);
    }

    [Fact]
    public void PublishNow_ValidEssay_RaisesOnSaveWithTypedValuesAndNoSchedule()
    {
        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Essay, PublishAt = Now.AddDays(2) });

        cut.Find("input[data-testid=assignment-title-field]").Change("My favourite place");
        cut.Find("textarea[data-testid=essay-prompt]").Change("Describe a place that matters to you.");
        cut.Find("button[data-testid=publish-now]").Click();

        var request = Assert.Single(_saved);
        Assert.Equal(PublishAction.PublishNow, request.Action);
        Assert.Equal(AssignmentKind.Essay, request.Input.Kind);
        Assert.Equal("My favourite place", request.Input.Title);
        Assert.Equal("Describe a place that matters to you.", request.Input.EssayPrompt);
        Assert.Null(request.Input.PublishAt);
        Assert.Equal(6, request.Input.EssayRubric?.Count);
    }

    [Fact]
    public void SaveDraft_RolePlayWithoutGoals_ShowsGoalErrorAndDoesNotSave()
    {
        var cut = RenderEditor(new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            SpeakingMode = SpeakingMode.RolePlay,
            Title = "At the ticket office",
            SpeakingScenario = "You are at a station ticket office.",
        });

        cut.Find("button[data-testid=save-draft]").Click();

        Assert.Empty(_saved);
        Assert.Equal("A role-play needs at least one goal.", cut.Find("[data-testid=goals-error]").TextContent.Trim());
    }

    [Fact]
    public void SaveDraft_RolePlayWithGoal_RaisesOnSaveWithTheGoal()
    {
        var cut = RenderEditor(new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            SpeakingMode = SpeakingMode.RolePlay,
            Title = "At the ticket office",
            SpeakingScenario = "You are at a station ticket office.",
        });

        cut.Find("input[data-testid=goal]").Change("Ask for the price of a return ticket");
        cut.Find("button[data-testid=add-goal]").Click();
        cut.FindAll("input[data-testid=goal]")[1].Change("Find the platform");
        cut.Find("button[data-testid=save-draft]").Click();

        var request = Assert.Single(_saved);
        Assert.Equal(PublishAction.SaveDraft, request.Action);
        Assert.Equal(["Ask for the price of a return ticket", "Find the platform"], request.Input.SpeakingGoals);
    }

    [Fact]
    public void SaveDraft_ReadAloudWithoutPassage_ShowsPassageError()
    {
        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Speaking, SpeakingMode = SpeakingMode.ReadAloud, Title = "The North Wind" });

        cut.Find("button[data-testid=save-draft]").Click();

        Assert.Empty(_saved);
        Assert.Contains("A read-aloud assignment needs a passage to read.", FieldErrors(cut));
    }

    [Fact]
    public void SaveDraft_ReadAloudPassageTooLongToReadInAMinute_IsKeptWholeAndRefusedWithTheLimit()
    {
        var passage = string.Concat(Enumerable.Repeat("The north wind and the sun were disputing which was the stronger. ", 30)); // 1,980 characters
        var cut = RenderEditor(new AssignmentInput { Kind = AssignmentKind.Speaking, SpeakingMode = SpeakingMode.ReadAloud, Title = "The North Wind" });

        var field = cut.Find("textarea[data-testid=speaking-passage]");
        Assert.True(int.Parse(field.GetAttribute("maxlength") ?? "524288", System.Globalization.CultureInfo.InvariantCulture) > passage.Length); // else the browser cuts a paste silently
        field.Input(passage);
        cut.Find("button[data-testid=save-draft]").Click();

        Assert.Empty(_saved);
        Assert.Contains(FieldErrors(cut), e => e.StartsWith("A passage can have at most 1000 characters", StringComparison.Ordinal));
        Assert.Equal(passage, cut.Find("textarea[data-testid=speaking-passage]").GetAttribute("value") ?? cut.Find("textarea[data-testid=speaking-passage]").TextContent);
    }

    [Fact]
    public void Schedule_WithoutDate_ShowsPickDateErrorAndDoesNotSave()
    {
        var cut = RenderEditor(ValidEssay());

        cut.Find("button[data-testid=schedule]").Click();

        Assert.Empty(_saved);
        Assert.Equal(PublishTiming.Check(null, null, Now), cut.Find("[data-testid=publish-at-error]").TextContent.Trim());
    }

    [Fact]
    public void Schedule_WithFutureDate_RaisesOnSaveWithTheSchedule()
    {
        var at = Now.AddDays(3);
        var input = ValidEssay();
        input.PublishAt = at;
        var cut = RenderEditor(input);

        cut.Find("button[data-testid=schedule]").Click();

        var request = Assert.Single(_saved);
        Assert.Equal(PublishAction.Schedule, request.Action);
        Assert.Equal(at, request.Input.PublishAt);
    }

    [Fact]
    public void Save_DueBeforePublishDate_ShowsDueDateError()
    {
        var input = ValidEssay();
        input.PublishAt = Now.AddDays(3);
        input.DueAt = Now.AddDays(2);
        var cut = RenderEditor(input);

        cut.Find("button[data-testid=schedule]").Click();

        Assert.Empty(_saved);
        Assert.Equal("The due date must come after the date students first see it.", cut.Find("[data-testid=due-error]").TextContent.Trim());
    }

    [Fact]
    public void PublishNow_DueDateTypedInThePast_ShowsDueDateErrorAndDoesNotSave()
    {
        var cut = RenderEditor(ValidEssay());

        cut.Find("input[data-testid=due-date]").Change(Now.AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("button[data-testid=publish-now]").Click();

        Assert.Empty(_saved);
        Assert.Equal(AssignmentEditor.PastDueMessage, cut.Find("[data-testid=due-error]").TextContent.Trim());

        cut.Find("input[data-testid=due-date]").Change(Now.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("button[data-testid=publish-now]").Click();

        Assert.Single(_saved);
    }

    [Fact]
    public void SaveChanges_DueDateThatHasAlreadyPassed_IsKept()
    {
        var input = ValidEssay();
        input.DueAt = Now.AddDays(-3);
        var cut = RenderEditor(input, AssignmentStatus.Open);

        cut.Find("button[data-testid=save-changes]").Click();

        Assert.Equal(Now.AddDays(-3), Assert.Single(_saved).Input.DueAt);
    }

    [Fact]
    public void Render_ExistingOpenAssignment_LocksKindAndOffersOnlySaveChanges()
    {
        var cut = RenderEditor(ValidEssay(), AssignmentStatus.Open);

        Assert.All(cut.FindAll("[data-testid=assignment-kind-choice] input"), radio => Assert.True(radio.HasAttribute("disabled")));
        Assert.Empty(cut.FindAll("button[data-testid=publish-now]"));
        cut.Find("button[data-testid=save-changes]").Click();
        Assert.Equal(PublishAction.SaveChanges, Assert.Single(_saved).Action);
    }

    [Fact]
    public void Render_ErrorMessageFromService_ShowsItAndKeepsTheTypedTitle()
    {
        var input = ValidEssay();
        var cut = RenderEditor(input);
        cut.Find("input[data-testid=assignment-title-field]").Change("Changed title");

        cut.Render(p => p.Add(x => x.ErrorMessage, "Someone else changed this assignment while you were editing it."));

        Assert.Contains("Someone else changed", cut.Find("[data-testid=assignment-error]").TextContent);
        Assert.Equal("Changed title", cut.Find("input[data-testid=assignment-title-field]").GetAttribute("value"));
        Assert.Equal("Changed title", input.Title);
    }

    [Fact]
    public void PublishNow_RubricTraitWithoutName_ShowsRubricError()
    {
        var input = ValidEssay();
        var cut = RenderEditor(input);

        cut.Find("button[data-testid=add-trait]").Click();
        cut.Find("button[data-testid=publish-now]").Click();

        Assert.Empty(_saved);
        Assert.Equal("Each rubric trait needs a name and a maximum above its minimum.", cut.Find("[data-testid=rubric-error]").TextContent.Trim());
    }

    [Fact]
    public void Render_BeforeTheCircuitIsInteractive_DisablesFieldsAndButtons()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderEditor(ValidEssay());

        Assert.True(cut.Find("input[data-testid=assignment-title-field]").HasAttribute("disabled"));
        Assert.True(cut.Find("textarea[data-testid=essay-prompt]").HasAttribute("disabled"));
        Assert.True(cut.Find("button[data-testid=publish-now]").HasAttribute("disabled"));
    }

    [Fact]
    public void Rubric_TheSixAiTraitsKeepTheirScale_ATraitOfYourOwnHasItsOwn()
    {
        var cut = RenderEditor(ValidEssay());

        cut.Find("button[data-testid=add-trait]").Click();
        cut.FindAll("[data-testid=rubric-trait]")[6].QuerySelector("input")!.Change("Use of sources");

        var rows = cut.FindAll("[data-testid=rubric-trait]");
        Assert.True(rows[0].QuerySelector("[data-testid=rubric-max] input, input[data-testid=rubric-max]")!.HasAttribute("disabled")); // Cohesion
        Assert.False(rows[6].QuerySelector("[data-testid=rubric-max] input, input[data-testid=rubric-max]")!.HasAttribute("disabled"));
    }

    [Fact]
    public void Validate_AiTraitRescaled_IsRefused()
    {
        var input = ValidEssay();
        input.EssayRubric = Rubrics.DefaultAnalytic();
        input.EssayRubric[0].Max = 10;

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(input, new(input), errors, validateAllProperties: true));

        Assert.Equal("The AI scores Cohesion on 1–5, so its scale stays 1–5. Add a trait of your own for another scale.", Assert.Single(errors).ErrorMessage);
    }

    private static AssignmentInput ValidEssay() => new()
    {
        Kind = AssignmentKind.Essay,
        Title = "My favourite place",
        EssayPrompt = "Describe a place that matters to you.",
    };

    private IRenderedComponent<AssignmentEditor> RenderEditor(AssignmentInput input, AssignmentStatus? status = null) =>
        Render<AssignmentEditor>(p => p
            .Add(x => x.Value, input)
            .Add(x => x.Status, status)
            .Add(x => x.OnSave, request => _saved.Add(request)));
}

using Bunit;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Web.Components.Student;

namespace TutorPlatform.Tests.Components.Student;

public sealed class AssignmentBriefTests : MudComponentTest
{
    [Fact]
    public void Render_Essay_ShowsPromptGenreLengthAndRubric()
    {
        var essay = new EssaySettings { Prompt = "Describe your town.", Genre = EssayGenre.ResponseToText, TargetWords = 400, Rubric = Rubrics.DefaultAnalytic() };

        var cut = Render<AssignmentBrief>(p => p.Add(x => x.Assignment, Details(AssignmentKind.Essay, essay, null)));

        var brief = cut.Find("[data-testid=essay-brief]").TextContent;
        Assert.Contains("Describe your town.", brief);
        Assert.Contains("Response to a text", brief);
        Assert.Contains("About 400 words", brief);
        Assert.Equal(6, cut.FindAll("[data-testid=rubric-traits] li").Count);
        Assert.Contains("Cohesion (1–5)", cut.Find("[data-testid=rubric-traits] li").TextContent);
    }

    [Fact]
    public void Render_RolePlay_ShowsScenarioAndGoals()
    {
        var speaking = new SpeakingSettings { Mode = SpeakingMode.RolePlay, Scenario = "At the station.", Goals = ["Buy a ticket", "Find the platform"] };

        var cut = Render<AssignmentBrief>(p => p.Add(x => x.Assignment, Details(AssignmentKind.Speaking, null, speaking)));

        Assert.Contains("At the station.", cut.Find("[data-testid=role-play-brief]").TextContent);
        Assert.Equal(["Buy a ticket", "Find the platform"], cut.FindAll("[data-testid=role-play-goals] li").Select(li => li.TextContent));
    }

    [Fact]
    public void Render_ReadAloud_ShowsThePassage()
    {
        var speaking = new SpeakingSettings { Mode = SpeakingMode.ReadAloud, Passage = "The North Wind and the Sun were disputing." };

        var cut = Render<AssignmentBrief>(p => p.Add(x => x.Assignment, Details(AssignmentKind.Speaking, null, speaking)));

        Assert.Contains("The North Wind and the Sun", cut.Find("[data-testid=read-aloud-brief]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=role-play-brief]"));
    }

    [Fact]
    public void Render_DueDate_ShowsItWithTitleAndClass()
    {
        var cut = Render<AssignmentBrief>(p => p.Add(x => x.Assignment, Details(AssignmentKind.Essay, new EssaySettings { Prompt = "Write." }, null)));

        Assert.Equal("Town essay", cut.Find("[data-testid=assignment-heading]").TextContent);
        Assert.Contains("Due Thu 12 Nov 2026, 17:00 UTC", cut.Find("[data-testid=assignment-due]").TextContent);
        Assert.Contains("Year 9", cut.Markup);
    }

    private static AssignmentDetails Details(AssignmentKind kind, EssaySettings? essay, SpeakingSettings? speaking) => new(
        Guid.NewGuid(), Guid.NewGuid(), "Year 9", kind, "Town essay", null, AssignmentState.Published, AssignmentStatus.Open,
        null, new DateTimeOffset(2026, 11, 12, 17, 0, 0, TimeSpan.Zero), null, Now, Now, essay, speaking);
}

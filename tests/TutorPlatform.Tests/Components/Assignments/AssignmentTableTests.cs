using Bunit;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Web.Components.Assignments;

namespace TutorPlatform.Tests.Components.Assignments;

public sealed class AssignmentTableTests : MudComponentTest
{
    [Theory]
    [InlineData(AssignmentStatus.Draft, "Edit,Publish now,Schedule,Delete")]
    [InlineData(AssignmentStatus.Scheduled, "Edit,Publish now,Schedule,Close")]
    [InlineData(AssignmentStatus.Open, "Edit,Grade,Close")]
    [InlineData(AssignmentStatus.Closed, "Edit,Grade,Reopen")]
    public void Render_Status_OffersTheActionsThatStatusAllows(AssignmentStatus status, string expected)
    {
        var cut = Render<AssignmentTable>(p => p.Add(x => x.Assignments, [Details("Essay one", status)]));

        var actions = cut.FindAll("[data-testid=assignment-actions] .mud-button-root").Select(b => b.TextContent.Trim());
        Assert.Equal(expected.Split(','), actions);
        Assert.Equal(status.ToString(), cut.Find("[data-testid=assignment-status]").TextContent.Trim());
    }

    [Fact]
    public void PublishNow_Clicked_RaisesOnPublishWithThatAssignment()
    {
        var draft = Details("Essay one", AssignmentStatus.Draft);
        AssignmentDetails? published = null;
        var cut = Render<AssignmentTable>(p => p.Add(x => x.Assignments, [draft]).Add(x => x.OnPublish, a => published = a));

        cut.FindAll("[data-testid=assignment-actions] button").Single(b => b.TextContent.Trim() == "Publish now").Click();

        Assert.Equal(draft, published);
    }

    [Fact]
    public void Delete_Confirmed_RaisesOnDelete()
    {
        var host = RenderDialogHost();
        var draft = Details("Essay one", AssignmentStatus.Draft);
        AssignmentDetails? deleted = null;
        var cut = Render<AssignmentTable>(p => p.Add(x => x.Assignments, [draft]).Add(x => x.OnDelete, a => deleted = a));

        cut.FindAll("[data-testid=assignment-actions] button").Single(b => b.TextContent.Trim() == "Delete").Click();
        host.WaitForElement("[data-testid=confirm-button]").Click();

        Assert.Equal(draft, deleted);
    }

    [Fact]
    public void Render_Assignment_LinksTitleToEditorAndShowsDueDate()
    {
        var open = Details("Essay one", AssignmentStatus.Open) with { DueAt = new DateTimeOffset(2026, 11, 17, 16, 0, 0, TimeSpan.Zero) };

        var cut = Render<AssignmentTable>(p => p.Add(x => x.Assignments, [open]));

        Assert.Equal($"teacher/assignments/{open.Id}/edit", cut.Find("[data-testid=assignment-title]").GetAttribute("href"));
        Assert.Contains("Tue 17 Nov 2026, 16:00 UTC", cut.Find("tbody").TextContent);
        Assert.Equal("Essay", cut.Find("[data-testid=assignment-kind]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_NoAssignments_ShowsEmptyState()
    {
        var cut = Render<AssignmentTable>(p => p.Add(x => x.Assignments, []));

        Assert.Contains("No assignments yet", cut.Find("[data-testid=assignments-empty]").TextContent);
    }

    private static AssignmentDetails Details(string title, AssignmentStatus status) => new(
        Guid.NewGuid(), Guid.NewGuid(), "Year 9", AssignmentKind.Essay, title, null,
        status switch { AssignmentStatus.Draft => AssignmentState.Draft, AssignmentStatus.Closed => AssignmentState.Closed, _ => AssignmentState.Published },
        status, status == AssignmentStatus.Scheduled ? Now.AddDays(1) : null, null, null, Now, Now,
        new EssaySettings { Prompt = "Write.", Rubric = Rubrics.DefaultAnalytic() }, null);
}

using Bunit;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Web.Components.Student;

namespace TutorPlatform.Tests.Components.Student;

public sealed class StudentAssignmentListTests : MudComponentTest
{
    [Theory]
    [InlineData(StudentAssignmentStatus.ToDo, "To do")]
    [InlineData(StudentAssignmentStatus.DueSoon, "Due soon")]
    [InlineData(StudentAssignmentStatus.Overdue, "Overdue")]
    [InlineData(StudentAssignmentStatus.Submitted, "Submitted")]
    [InlineData(StudentAssignmentStatus.Closed, "Closed")]
    [InlineData(StudentAssignmentStatus.Returned, "Teacher's review back")]
    public void Render_Status_ShowsItsChip(StudentAssignmentStatus status, string text)
    {
        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments, [Assignment("Essay one", status, Now.AddDays(3))]));

        var chip = cut.Find("[data-testid=student-status]");
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Equal(status.ToString(), chip.GetAttribute("data-status"));
    }

    [Fact]
    public void Render_SpeakingTakeHandedIn_SaysHandedIn_AsItsPageDoes()
    {
        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments,
            [Assignment("Read aloud", StudentAssignmentStatus.Submitted, null, AssignmentKind.Speaking)]));

        Assert.Equal("Handed in", cut.Find("[data-testid=student-status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(StudentAssignmentStatus.ToDo, false, "Not available yet")]
    [InlineData(StudentAssignmentStatus.Overdue, false, "Not available yet")]
    [InlineData(StudentAssignmentStatus.ToDo, true, "To do")]
    [InlineData(StudentAssignmentStatus.Submitted, false, "Handed in")]
    [InlineData(StudentAssignmentStatus.Returned, false, "Teacher's review back")]
    public void Render_RolePlay_SaysNotAvailableWhileNoLargeModelIsConfigured(StudentAssignmentStatus status, bool configured, string text)
    {
        ChatStatus.IsConfigured = configured;

        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments,
            [Assignment("Ordering food", status, null, AssignmentKind.Speaking) with { SpeakingMode = SpeakingMode.RolePlay }]));

        Assert.Equal(text, cut.Find("[data-testid=student-status]").TextContent.Trim());
        Assert.Contains("Year 9 · Speaking (Role-play)", cut.Find("[data-testid=student-assignment]").TextContent);
    }

    [Fact]
    public void Render_ReadAloudWithNoLargeModel_IsStillToDo()
    {
        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments,
            [Assignment("Read aloud", StudentAssignmentStatus.ToDo, null, AssignmentKind.Speaking)]));

        Assert.Equal("To do", cut.Find("[data-testid=student-status]").TextContent.Trim());
    }

    [Fact]
    public void Render_DueDate_ShowsAbsoluteAndRelativeTime()
    {
        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments, [Assignment("Essay one", StudentAssignmentStatus.ToDo, Now.AddDays(3).AddHours(8))]));

        var due = cut.Find("[data-testid=student-assignment-due]").TextContent;
        Assert.Contains("Fri 13 Nov 2026, 17:00 UTC", due);
        Assert.Contains("due in 3 days", due);
    }

    [Fact]
    public void Render_Overdue_SaysHowLongAgo()
    {
        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments, [Assignment("Essay one", StudentAssignmentStatus.Overdue, Now.AddHours(-5))]));

        Assert.Contains("was due 5 hours ago", cut.Find("[data-testid=student-assignment-due]").TextContent);
    }

    [Fact]
    public void Render_Assignments_KeepsTheServicesOrderAndShowsClassAndKind()
    {
        var first = Assignment("Speech", StudentAssignmentStatus.DueSoon, Now.AddHours(20), AssignmentKind.Speaking, "Year 9 B");
        var second = Assignment("Essay", StudentAssignmentStatus.ToDo, null);

        var cut = Render<StudentAssignmentList>(p => p.Add(x => x.Assignments, [first, second]));

        var items = cut.FindAll("[data-testid=student-assignment]");
        Assert.Equal(["Speech", "Essay"], items.Select(i => i.QuerySelector("[data-testid=student-assignment-title]")!.TextContent));
        Assert.Contains("Year 9 B · Speaking (Read aloud)", items[0].TextContent);
        Assert.Contains("No due date", items[1].TextContent);
        Assert.Equal($"student/assignments/{first.Id}", items[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Render_NoAssignments_ShowsEmptyStateWithItsAction()
    {
        var cut = Render<StudentAssignmentList>(p => p
            .Add(x => x.Assignments, [])
            .Add(x => x.EmptyAction, "<a href=\"student/join\">Join a class</a>"));

        var empty = cut.Find("[data-testid=student-assignments-empty]");
        Assert.Contains("Nothing to do yet", empty.TextContent);
        Assert.Equal("student/join", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    private static StudentAssignment Assignment(string title, StudentAssignmentStatus status, DateTimeOffset? due,
        AssignmentKind kind = AssignmentKind.Essay, string className = "Year 9") =>
        new(Guid.NewGuid(), Guid.NewGuid(), className, kind, title, due, status);
}

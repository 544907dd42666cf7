using Bunit;
using TutorPlatform.Core.Classes;
using TutorPlatform.Web.Components.Classes;

namespace TutorPlatform.Tests.Components.Classes;

public sealed class RosterTableTests : MudComponentTest
{
    private static readonly RosterEntry Amira = new(Guid.NewGuid(), "Amira Haddad", "amira@school.example", Now.AddDays(-20));
    private static readonly RosterEntry Li = new(Guid.NewGuid(), "Li Wei", "li@school.example", Now.AddDays(-3));

    [Fact]
    public void Render_Students_ShowsNameEmailAndJoinDate()
    {
        var cut = Render<RosterTable>(p => p.Add(x => x.Entries, [Amira, Li]).Add(x => x.ClassName, "Year 9"));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Amira Haddad", rows[0].TextContent);
        Assert.Contains("amira@school.example", rows[0].TextContent);
        Assert.Contains("21 Oct 2026", rows[0].TextContent);
    }

    [Fact]
    public void Render_NoStudents_ShowsEmptyState()
    {
        var cut = Render<RosterTable>(p => p.Add(x => x.Entries, []).Add(x => x.ClassName, "Year 9"));

        Assert.Contains("No students yet", cut.Find("[data-testid=roster-empty]").TextContent);
    }

    [Fact]
    public void Remove_Confirmed_RaisesOnRemoveWithThatStudent()
    {
        var host = RenderDialogHost();
        RosterEntry? removed = null;
        var cut = Render<RosterTable>(p => p.Add(x => x.Entries, [Amira, Li]).Add(x => x.ClassName, "Year 9").Add(x => x.OnRemove, s => removed = s));

        cut.FindAll("button[data-testid=remove-student]")[1].Click();
        host.WaitForElement("[data-testid=confirm-button]").Click();

        Assert.Equal(Li, removed);
    }

    [Fact]
    public void Remove_Clicked_ConfirmSaysTheirWorkStaysTheirs()
    {
        var host = RenderDialogHost();
        var cut = Render<RosterTable>(p => p.Add(x => x.Entries, [Amira]).Add(x => x.ClassName, "Year 9"));

        cut.Find("button[data-testid=remove-student]").Click();

        var dialog = host.WaitForElement(".mud-dialog");
        Assert.Contains("Remove Amira Haddad?", dialog.TextContent);
        Assert.Contains("Their work stays theirs", dialog.TextContent);
    }

    [Fact]
    public void Remove_Cancelled_DoesNotRaiseOnRemove()
    {
        var host = RenderDialogHost();
        var raised = false;
        var cut = Render<RosterTable>(p => p.Add(x => x.Entries, [Amira]).Add(x => x.ClassName, "Year 9").Add(x => x.OnRemove, _ => raised = true));

        cut.Find("button[data-testid=remove-student]").Click();
        host.WaitForElement(".mud-dialog");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
        Assert.False(raised);
    }
}

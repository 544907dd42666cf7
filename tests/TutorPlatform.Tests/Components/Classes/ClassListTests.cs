using Bunit;
using TutorPlatform.Core.Classes;
using TutorPlatform.Web.Components.Classes;

namespace TutorPlatform.Tests.Components.Classes;

public sealed class ClassListTests : MudComponentTest
{
    [Fact]
    public void Render_Class_ShowsNameCountsFormattedCodeAndLink()
    {
        var id = Guid.NewGuid();
        var summary = new ClassSummary(id, "Year 9 English", "Mondays", "ABCDEFGH", Guid.NewGuid(), "Ms Ray", 1, 3, Now, false, false);

        var cut = Render<ClassList>(p => p.Add(x => x.Classes, [summary]));

        var card = cut.Find("[data-testid=class-card]");
        Assert.Contains("1 student", card.TextContent);
        Assert.Contains("3 assignments", card.TextContent);
        Assert.Equal("ABCD-EFGH", cut.Find("[data-testid=class-join-code]").TextContent);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == $"teacher/classes/{id}" && a.TextContent == "Year 9 English");
    }

    [Fact]
    public void Render_ArchivedClass_IsMarkedArchived()
    {
        var summary = new ClassSummary(Guid.NewGuid(), "Old class", null, "ABCDEFGH", Guid.NewGuid(), "Ms Ray", 0, 0, Now, true, false);

        var cut = Render<ClassList>(p => p.Add(x => x.Classes, [summary]));

        Assert.Contains("Archived", cut.Find("[data-testid=class-card]").TextContent);
    }

    [Fact]
    public void Render_NoClasses_ShowsEmptyState()
    {
        var cut = Render<ClassList>(p => p.Add(x => x.Classes, []));

        Assert.Contains("No classes yet", cut.Find("[data-testid=classes-empty]").TextContent);
    }
}

using Bunit;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Web.Components.Assignments;

namespace TutorPlatform.Tests.Components.Assignments;

public sealed class RubricEditorTests : MudComponentTest
{
    [Fact]
    public void AddTrait_Clicked_AppendsAnEmptyTraitOnOneToFive()
    {
        var traits = Rubrics.DefaultAnalytic();
        var changes = 0;
        var cut = Render<RubricEditor>(p => p.Add(x => x.Traits, traits).Add(x => x.OnChanged, () => changes++));

        cut.Find("button[data-testid=add-trait]").Click();

        Assert.Equal(7, traits.Count);
        Assert.Equal(("", 1d, 5d), (traits[6].Name, traits[6].Min, traits[6].Max));
        Assert.Equal(7, cut.FindAll("[data-testid=rubric-trait]").Count);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void AddedTrait_IsMarkedAsScoredByTheTeacher_TheSixAreNot()
    {
        List<RubricTrait> traits = [.. Rubrics.DefaultAnalytic(), new RubricTrait { Name = "Use of sources", Min = 0, Max = 10 }];

        var cut = Render<RubricEditor>(p => p.Add(x => x.Traits, traits));

        var marks = cut.FindAll("[data-testid=rubric-trait]").Select(t => t.QuerySelector("[data-testid=rubric-teacher-scored]") is not null).ToList();
        Assert.Equal([false, false, false, false, false, false, true], marks);
        Assert.Contains("Scored by you", cut.Find("[data-testid=rubric-teacher-scored]").TextContent);
    }

    [Fact]
    public void RemoveTrait_Clicked_RemovesThatTrait()
    {
        var traits = Rubrics.DefaultAnalytic();
        var cut = Render<RubricEditor>(p => p.Add(x => x.Traits, traits));

        cut.FindAll("button[data-testid=remove-trait]")[1].Click();

        Assert.Equal(["cohesion", "vocabulary", "phraseology", "grammar", "conventions"], traits.Select(t => t.Key));
    }

    [Fact]
    public void EditName_Changed_UpdatesTheTrait()
    {
        var traits = Rubrics.DefaultAnalytic();
        var cut = Render<RubricEditor>(p => p.Add(x => x.Traits, traits));

        cut.FindAll("[data-testid=rubric-trait] .rubric-name input")[0].Change("Organisation");
        cut.FindAll("[data-testid=rubric-trait] .rubric-max input")[0].Change("4");

        Assert.Equal("Organisation", traits[0].Name);
        Assert.Equal(4, traits[0].Max);
    }

    [Fact]
    public void Reset_Clicked_RestoresTheSixDefaultTraits()
    {
        var traits = new List<RubricTrait> { new() { Name = "Ideas", Min = 0, Max = 10 } };
        var cut = Render<RubricEditor>(p => p.Add(x => x.Traits, traits));

        cut.Find("button[data-testid=reset-rubric]").Click();

        Assert.Equal(Rubrics.DefaultAnalytic().Select(t => t.Key), traits.Select(t => t.Key));
    }
}

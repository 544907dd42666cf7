using Bunit;
using TutorPlatform.Core.Classes;
using TutorPlatform.Web.Components.Classes;

namespace TutorPlatform.Tests.Components.Classes;

public sealed class ClassFormTests : MudComponentTest
{
    [Fact]
    public void Submit_EmptyName_ShowsMessageAndDoesNotRaiseOnSubmit()
    {
        ClassInput? submitted = null;
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Create class").Add(x => x.OnSubmit, input => submitted = input));

        cut.Find("form").Submit();

        Assert.Null(submitted);
        Assert.Contains("Give the class a name.", FieldErrors(cut));
    }

    [Fact]
    public void Render_ShowsTheNamesLimitAsACounter_SoACutPasteIsNoSurprise()
    {
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Create class").Add(x => x.OnSubmit, _ => { }));

        cut.Find("input[data-testid=class-name]").Change("Year 9 English");

        Assert.Contains($"14 / {SchoolClass.NameMaxLength}", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_OneLetterName_ShowsLengthMessage()
    {
        ClassInput? submitted = null;
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Create class").Add(x => x.OnSubmit, input => submitted = input));

        cut.Find("input[data-testid=class-name]").Change("A");
        cut.Find("form").Submit();

        Assert.Null(submitted);
        Assert.Contains("The name must be 2 to 120 characters.", FieldErrors(cut));
    }

    [Fact]
    public void Submit_NameAndDescription_RaisesOnSubmitWithTrimmedValues()
    {
        ClassInput? submitted = null;
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Create class").Add(x => x.OnSubmit, input => submitted = input));

        cut.Find("input[data-testid=class-name]").Change("  Year 9 English  ");
        cut.Find("textarea[data-testid=class-description]").Change(" Mondays ");
        cut.Find("button[type=submit]").Click();

        Assert.Equal(new ClassInput("Year 9 English", "Mondays"), submitted);
        Assert.Empty(FieldErrors(cut));
    }

    [Fact]
    public void Submit_BlankDescription_SendsNullDescription()
    {
        ClassInput? submitted = null;
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Create class").Add(x => x.OnSubmit, input => submitted = input));

        cut.Find("input[data-testid=class-name]").Change("Year 9 English");
        cut.Find("textarea[data-testid=class-description]").Change("   ");
        cut.Find("form").Submit();

        Assert.Equal(new ClassInput("Year 9 English", null), submitted);
    }

    [Fact]
    public void Render_WithValue_PrefillsFieldsAndUsesSubmitText()
    {
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Save changes").Add(x => x.Value, new ClassInput("Year 9", "Room 4")));

        Assert.Equal("Year 9", cut.Find("input[data-testid=class-name]").GetAttribute("value"));
        Assert.Equal("Room 4", cut.Find("textarea[data-testid=class-description]").TextContent);
        Assert.Equal("Save changes", cut.Find("button[type=submit]").TextContent.Trim());
    }

    [Fact]
    public void Render_WithErrorMessage_ShowsItAndKeepsWhatWasTyped()
    {
        var cut = Render<ClassForm>(p => p.Add(x => x.SubmitText, "Create class"));
        cut.Find("input[data-testid=class-name]").Change("Year 9 English");

        cut.Render(p => p.Add(x => x.ErrorMessage, "You already have a class called \"Year 9 English\"."));

        Assert.Contains("You already have a class called", cut.Find("[data-testid=class-form-error]").TextContent);
        Assert.Equal("Year 9 English", cut.Find("input[data-testid=class-name]").GetAttribute("value"));
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using TutorPlatform.Core.Classes;
using TutorPlatform.Web.Components.Student;

namespace TutorPlatform.Tests.Components.Student;

public sealed class JoinClassFormTests : MudComponentTest
{
    [Fact]
    public void Submit_EmptyCode_ShowsMessageAndDoesNotRaiseOnJoin()
    {
        string? joined = null;
        var cut = Render<JoinClassForm>(p => p.Add(x => x.OnJoin, code => joined = code));

        cut.Find("form").Submit();

        Assert.Null(joined);
        Assert.Contains("Enter the join code your teacher gave you.", FieldErrors(cut));
    }

    [Fact]
    public void Submit_CodeOfWrongLength_ShowsLengthMessageAndDoesNotRaiseOnJoin()
    {
        string? joined = null;
        var cut = Render<JoinClassForm>(p => p.Add(x => x.OnJoin, code => joined = code));

        cut.Find("input[data-testid=join-code-input]").Change("ABC-123");
        cut.Find("form").Submit();

        Assert.Null(joined);
        Assert.Contains("A join code has 8 letters and digits, like ABCD-EFGH.", FieldErrors(cut));
    }

    [Theory]
    [InlineData("abcd-efgh", "abcd-efgh")]
    [InlineData(" ABCDEFGH ", "ABCDEFGH")]
    public void Submit_CodeInAnyCaseWithOrWithoutDash_RaisesOnJoinWithTheCode(string typed, string expected)
    {
        string? joined = null;
        var cut = Render<JoinClassForm>(p => p.Add(x => x.OnJoin, code => joined = code));

        cut.Find("input[data-testid=join-code-input]").Change(typed);
        cut.Find("button[type=submit]").Click();

        Assert.Equal(expected, joined);
    }

    [Fact]
    public void Render_InitialCode_PrefillsTheField()
    {
        var cut = Render<JoinClassForm>(p => p.Add(x => x.InitialCode, "WXYZ-2345"));

        Assert.Equal("WXYZ-2345", cut.Find("input[data-testid=join-code-input]").GetAttribute("value"));
    }

    [Theory]
    [InlineData(JoinOutcome.Joined, "You joined Year 9 English")]
    [InlineData(JoinOutcome.Rejoined, "you are in Year 9 English again")]
    [InlineData(JoinOutcome.AlreadyMember, "You are already in Year 9 English")]
    [InlineData(JoinOutcome.ClassArchived, "Year 9 English has been archived")]
    [InlineData(JoinOutcome.UnknownCode, "No class has that code")]
    public void Result_EachOutcome_ShowsItsMessage(JoinOutcome outcome, string expected)
    {
        var cut = Render<JoinClassForm>(p => p.Add(x => x.OnJoin, _ => { }));
        cut.Find("input[data-testid=join-code-input]").Change("ABCD-EFGH");
        cut.Find("form").Submit();

        cut.Render(p => p.Add(x => x.Result, new JoinResult(outcome, Guid.NewGuid(), "Year 9 English")));

        var message = cut.Find("[data-testid=join-result]");
        Assert.Equal(outcome.ToString(), message.GetAttribute("data-outcome"));
        Assert.Contains(expected, message.TextContent.Replace("  ", " "));
    }

    [Fact]
    public void Result_JoinedOrAlreadyMember_LinksToTheDashboard()
    {
        var cut = Render<JoinClassForm>(p => p.Add(x => x.OnJoin, _ => { }));
        cut.Find("input[data-testid=join-code-input]").Change("ABCD-EFGH");
        cut.Find("form").Submit();

        cut.Render(p => p.Add(x => x.Result, new JoinResult(JoinOutcome.AlreadyMember, Guid.NewGuid(), "Year 9 English")));

        Assert.Equal("student", cut.Find("[data-testid=join-result] a").GetAttribute("href"));
    }

    [Fact]
    public void Result_AfterTheCodeIsEdited_IsNoLongerShown()
    {
        var cut = Render<JoinClassForm>(p => p.Add(x => x.OnJoin, _ => { }));
        cut.Find("input[data-testid=join-code-input]").Change("ZZZZ-ZZZZ");
        cut.Find("form").Submit();
        cut.Render(p => p.Add(x => x.Result, new JoinResult(JoinOutcome.UnknownCode)));
        Assert.NotEmpty(cut.FindAll("[data-testid=join-result]"));

        cut.Find("input[data-testid=join-code-input]").Change("ABCD-EFGH");

        Assert.Empty(cut.FindAll("[data-testid=join-result]"));
    }

    [Fact]
    public void Render_BeforeTheCircuitIsInteractive_DisablesFieldAndButton()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<JoinClassForm>(p => p.Add(x => x.InitialCode, "WXYZ-2345"));

        Assert.True(cut.Find("input[data-testid=join-code-input]").HasAttribute("disabled"));
        Assert.True(cut.Find("button[type=submit]").HasAttribute("disabled"));
    }
}

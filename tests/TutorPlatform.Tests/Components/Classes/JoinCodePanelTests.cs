using Bunit;
using TutorPlatform.Web.Components.Classes;

namespace TutorPlatform.Tests.Components.Classes;

public sealed class JoinCodePanelTests : MudComponentTest
{
    [Fact]
    public void Render_Code_ShowsItFormattedUnderTheJoinCodeTestId()
    {
        var cut = Render<JoinCodePanel>(p => p.Add(x => x.Code, "QRSTUVWX"));

        Assert.Equal("QRST-UVWX", cut.Find("[data-testid=join-code]").TextContent.Trim());
    }

    [Fact]
    public void Rotate_Confirmed_RaisesOnRotate()
    {
        var host = RenderDialogHost();
        var rotated = false;
        var cut = Render<JoinCodePanel>(p => p.Add(x => x.Code, "QRSTUVWX").Add(x => x.OnRotate, () => rotated = true));

        cut.Find("button[data-testid=rotate-join-code]").Click();
        var dialog = host.WaitForElement(".mud-dialog");
        Assert.Contains("QRST-UVWX stops working", dialog.TextContent);
        host.Find("[data-testid=confirm-button]").Click();

        Assert.True(rotated);
    }

    [Fact]
    public void Copy_Clicked_CopiesTheFormattedCode()
    {
        var cut = Render<JoinCodePanel>(p => p.Add(x => x.Code, "QRSTUVWX"));

        cut.Find("button[data-testid=copy-join-code]").Click();

        var copy = JSInterop.Invocations.Single(i => i.Identifier == "copyText");
        Assert.Equal("QRST-UVWX", copy.Arguments[0]);
    }
}

using Bunit;
using TutorPlatform.Web.Components.Shared;

namespace TutorPlatform.Tests.Components.Shared;

public sealed class StatusMessageTests : MudComponentTest
{
    [Fact]
    public void Render_Error_ShowsAnAlertWithoutTheErrorMarker()
    {
        var cut = Render<StatusMessage>(p => p.Add(m => m.Message, "Error: that e-mail and password do not match an account."));

        var box = cut.Find("[data-testid=status-message]");
        Assert.Equal("alert", box.GetAttribute("role"));
        Assert.Contains("status-error", box.ClassName, StringComparison.Ordinal);
        Assert.Equal("That e-mail and password do not match an account.", box.TextContent.Trim());
    }

    [Fact]
    public void Render_Success_ShowsTheMessageAsItIs()
    {
        var cut = Render<StatusMessage>(p => p.Add(m => m.Message, "Your account was created."));

        var box = cut.Find("[data-testid=status-message]");
        Assert.Equal("status", box.GetAttribute("role"));
        Assert.Equal("Your account was created.", box.TextContent.Trim());
    }
}

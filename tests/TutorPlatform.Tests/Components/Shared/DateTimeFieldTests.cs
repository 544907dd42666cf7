using Bunit;
using TutorPlatform.Web.Components.Shared;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Tests.Components.Shared;

public sealed class DateTimeFieldTests : MudComponentTest
{
    [Fact]
    public void PickDate_InUsersZone_RaisesTheUtcInstantOfDefaultTimeThatDay()
    {
        DateTimeOffset? picked = null;
        var berlin = UserTime.FromTimeZoneId("Europe/Berlin");
        var cut = Render<CascadingValueHost>(p => p.Add(x => x.Time, berlin).AddChildContent<DateTimeField>(f => f
            .Add(x => x.Label, "Due").Add(x => x.TestId, "due")
            .Add(x => x.ValueChanged, v => picked = v)));

        cut.Find("input[data-testid=due-date]").Change("2026-12-10");

        Assert.Equal(new DateTimeOffset(2026, 12, 10, 16, 0, 0, TimeSpan.Zero), picked);
        Assert.Equal(TimeSpan.Zero, picked!.Value.Offset);
    }

    [Fact]
    public void Render_Value_ShowsTheUsersWallClockDateAndTime()
    {
        var berlin = UserTime.FromTimeZoneId("Europe/Berlin");
        var cut = Render<CascadingValueHost>(p => p.Add(x => x.Time, berlin).AddChildContent<DateTimeField>(f => f
            .Add(x => x.Label, "Due").Add(x => x.TestId, "due")
            .Add(x => x.Value, new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero))));

        Assert.Equal("2026-07-02", cut.Find("input[data-testid=due-date]").GetAttribute("value"));
        Assert.Equal("00:30", cut.Find("input[data-testid=due-time]").GetAttribute("value"));
    }

    [Fact]
    public void Render_ErrorText_ShowsItUnderBothFields()
    {
        var cut = Render<DateTimeField>(p => p.Add(x => x.Label, "Due").Add(x => x.TestId, "due").Add(x => x.ErrorText, "Pick a later date."));

        Assert.Equal("Pick a later date.", cut.Find("[data-testid=due-error]").TextContent.Trim());
    }
}

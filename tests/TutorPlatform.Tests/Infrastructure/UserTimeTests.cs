using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Tests.Infrastructure;

public sealed class UserTimeTests
{
    private readonly UserTime _berlin = UserTime.FromTimeZoneId("Europe/Berlin");

    [Fact]
    public void FromTimeZoneId_UnknownOrEmpty_FallsBackToUtc()
    {
        Assert.True(UserTime.FromTimeZoneId("Not/AZone").IsUtc);
        Assert.True(UserTime.FromTimeZoneId(null).IsUtc);
    }

    [Fact]
    public void Format_InUsersZone_ShowsLocalWallClockWithoutUtcSuffix()
    {
        var instant = new DateTimeOffset(2026, 11, 10, 16, 0, 0, TimeSpan.Zero);

        Assert.Equal("Tue 10 Nov 2026, 17:00", _berlin.Format(instant));
        Assert.Equal("Tue 10 Nov 2026, 16:00 UTC", UserTime.Utc.Format(instant));
    }

    [Fact]
    public void FromLocal_WallClockInSummer_UsesThatDaysOffset()
    {
        var instant = _berlin.FromLocal(new DateTime(2026, 7, 1), new TimeSpan(17, 0, 0));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero), instant.ToUniversalTime());
    }

    [Fact]
    public void FromLocal_TimeSkippedByClockChange_MovesAnHourForward()
    {
        // Berlin skips 02:00-03:00 on 29 March 2026.
        var instant = _berlin.FromLocal(new DateTime(2026, 3, 29), new TimeSpan(2, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant.ToUniversalTime());
    }
}

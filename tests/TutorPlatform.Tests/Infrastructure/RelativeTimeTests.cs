using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Tests.Infrastructure;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "due now")]
    [InlineData(30, "due in 30 minutes")]
    [InlineData(60, "due in 1 hour")]
    [InlineData(5 * 60, "due in 5 hours")]
    [InlineData(24 * 60, "due in 1 day")]
    [InlineData(3 * 24 * 60 + 20 * 60, "due in 3 days")]
    [InlineData(-1, "was due 1 minute ago")]
    [InlineData(-2 * 24 * 60, "was due 2 days ago")]
    public void Due_MinutesFromNow_DescribesTheDistance(int minutes, string expected) =>
        Assert.Equal(expected, RelativeTime.Due(Now.AddMinutes(minutes), Now));
}

using TutorPlatform.Web.Components.Assignments;

namespace TutorPlatform.Tests.Components.Assignments;

public sealed class PublishTimingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_FutureMomentBeforeDue_IsFine() => Assert.Null(PublishTiming.Check(Now.AddDays(1), Now.AddDays(2), Now));

    [Fact]
    public void Check_NoMoment_AsksForOne() => Assert.StartsWith("Pick the date and time", PublishTiming.Check(null, null, Now));

    [Fact]
    public void Check_PastMoment_AsksForTheFuture() => Assert.StartsWith("Pick a moment in the future", PublishTiming.Check(Now.AddMinutes(-1), null, Now));

    [Fact]
    public void Check_MomentAfterDue_SaysStudentsMustSeeItBeforeItIsDue() =>
        Assert.StartsWith("Students must see it before it is due", PublishTiming.Check(Now.AddDays(3), Now.AddDays(2), Now));
}

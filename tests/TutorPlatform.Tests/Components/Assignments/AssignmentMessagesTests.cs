using TutorPlatform.Core.Assignments;
using TutorPlatform.Web.Components.Assignments;

namespace TutorPlatform.Tests.Components.Assignments;

public sealed class AssignmentMessagesTests
{
    [Theory]
    [InlineData(null, AssignmentStatus.Open, "Published: students can see it now.")]
    [InlineData(AssignmentStatus.Draft, AssignmentStatus.Open, "Published: students can see it now.")]
    [InlineData(AssignmentStatus.Open, AssignmentStatus.Open, "Saved: students see the changes now.")]
    [InlineData(null, AssignmentStatus.Draft, "Saved as a draft. Students do not see it yet.")]
    [InlineData(AssignmentStatus.Draft, AssignmentStatus.Scheduled, "Scheduled: students see it from the moment you picked.")]
    public void Saved_SaysWhatChangedForStudents(AssignmentStatus? before, AssignmentStatus after, string message)
    {
        var now = DateTimeOffset.UnixEpoch;
        var assignment = new AssignmentDetails(Guid.NewGuid(), Guid.NewGuid(), "7B", AssignmentKind.Speaking, "Read", null,
            AssignmentState.Published, after, null, null, null, now, now, null, null);

        Assert.Equal(message, AssignmentMessages.Saved(assignment, before));
    }
}

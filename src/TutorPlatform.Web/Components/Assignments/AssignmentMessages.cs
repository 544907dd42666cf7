using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

public static class AssignmentMessages
{
    /// <summary>
    /// What a teacher is told after saving, by where the assignment now stands. Without the title: the list
    /// beside the message already shows it, and repeating it would put the same text on the page twice.
    /// </summary>
    /// <param name="assignment">The assignment as saved.</param>
    /// <param name="before">Where it stood before the save (null for a new one): an open one edited is not newly published.</param>
    public static string Saved(AssignmentDetails assignment, AssignmentStatus? before = null) => (before, assignment.Status) switch
    {
        (AssignmentStatus.Open, AssignmentStatus.Open) => "Saved: students see the changes now.",
        (_, AssignmentStatus.Draft) => "Saved as a draft. Students do not see it yet.",
        (_, AssignmentStatus.Scheduled) => "Scheduled: students see it from the moment you picked.",
        (_, AssignmentStatus.Open) => "Published: students can see it now.",
        _ => "Saved.",
    };
}

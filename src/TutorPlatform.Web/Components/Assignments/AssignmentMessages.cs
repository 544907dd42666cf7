using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

public static class AssignmentMessages
{
    /// <summary>
    /// What a teacher is told after saving, by where the assignment now stands. Without the title: the list
    /// beside the message already shows it, and repeating it would put the same text on the page twice.
    /// </summary>
    public static string Saved(AssignmentDetails assignment) => assignment.Status switch
    {
        AssignmentStatus.Draft => "Saved as a draft. Students do not see it yet.",
        AssignmentStatus.Scheduled => "Scheduled: students see it from the moment you picked.",
        AssignmentStatus.Open => "Published: students can see it now.",
        _ => "Saved.",
    };
}

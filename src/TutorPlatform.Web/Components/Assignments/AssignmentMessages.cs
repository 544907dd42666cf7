using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

public static class AssignmentMessages
{
    /// <summary>What a teacher is told after saving, by where the assignment now stands.</summary>
    public static string Saved(AssignmentDetails assignment) => assignment.Status switch
    {
        AssignmentStatus.Draft => $"{assignment.Title} is saved as a draft. Students do not see it yet.",
        AssignmentStatus.Scheduled => $"{assignment.Title} is scheduled.",
        AssignmentStatus.Open => $"{assignment.Title} is published: students can see it now.",
        _ => $"{assignment.Title} is saved.",
    };
}

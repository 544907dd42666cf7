using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

/// <summary>What the teacher pressed at the bottom of the assignment editor.</summary>
public enum PublishAction
{
    /// <summary>Keep it a draft; students do not see it.</summary>
    SaveDraft,

    /// <summary>Students see it at once.</summary>
    PublishNow,

    /// <summary>Students see it from <see cref="AssignmentInput.PublishAt"/>.</summary>
    Schedule,

    /// <summary>An assignment that is already published or closed: change its content, keep its state.</summary>
    SaveChanges,
}

/// <summary>A validated assignment and what to do with it.</summary>
public sealed record AssignmentSaveRequest(AssignmentInput Input, PublishAction Action);

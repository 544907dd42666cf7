using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

/// <summary>Publish <see cref="Assignment"/> so that students see it from <see cref="At"/>.</summary>
public sealed record ScheduleRequest(AssignmentDetails Assignment, DateTimeOffset At);

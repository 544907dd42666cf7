using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Core.Classes;

public sealed record ClassInput(
    [property: Required(ErrorMessage = "Give the class a name."), StringLength(SchoolClass.NameMaxLength, MinimumLength = 2, ErrorMessage = "The name must be 2 to 120 characters.")] string Name,
    [property: StringLength(SchoolClass.DescriptionMaxLength, ErrorMessage = "The description can have at most 1000 characters.")] string? Description = null);

public sealed record ClassSummary(
    Guid Id,
    string Name,
    string? Description,
    string JoinCode,
    Guid TeacherId,
    string TeacherName,
    int StudentCount,
    int AssignmentCount,
    DateTimeOffset CreatedAt,
    bool IsArchived,
    bool IsDemo);

public sealed record RosterEntry(Guid StudentId, string DisplayName, string Email, DateTimeOffset JoinedAt);

public enum JoinOutcome
{
    Joined,
    AlreadyMember,
    Rejoined,
    UnknownCode,
    ClassArchived,
}

public sealed record JoinResult(JoinOutcome Outcome, Guid? ClassId = null, string? ClassName = null);

using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Core.Classes;

public sealed class SchoolClass
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeacherId { get; set; }
    public AppUser? Teacher { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string JoinCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public bool IsDemo { get; set; }
    public List<Enrollment> Enrollments { get; set; } = [];
    public List<Assignment> Assignments { get; set; } = [];
}

public sealed class Enrollment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ClassId { get; set; }
    public SchoolClass? Class { get; set; }
    public Guid StudentId { get; set; }
    public AppUser? Student { get; set; }
    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>Set when the teacher removes the student: the row stays so the student's work keeps its context.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    public bool IsActive => RemovedAt is null;
}

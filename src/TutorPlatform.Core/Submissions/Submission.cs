using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Essays;

namespace TutorPlatform.Core.Submissions;

[JsonConverter(typeof(JsonStringEnumConverter<SubmissionStatus>))]
public enum SubmissionStatus
{
    Draft,
    Submitted,
    Scored,
    Reviewed,
    Released,
}

/// <summary>
/// A student's piece of work for an assignment. It belongs to the student: removing them from a class keeps it,
/// deleting their account deletes it. The essay and speaking coaches add their content to it.
/// </summary>
public sealed class Submission
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }
    public Guid StudentId { get; set; }
    public AppUser? Student { get; set; }
    public AssignmentKind Kind { get; set; }
    public SubmissionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Essay: the text being written, autosaved as the student types; kept after submitting for the next revision.</summary>
    public string? DraftText { get; set; }
    public DateTimeOffset? DraftSavedAt { get; set; }

    /// <summary>Essay: every submitted version, oldest first by <see cref="EssayVersion.Number"/>.</summary>
    public List<EssayVersion> EssayVersions { get; set; } = [];
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> submission)
    {
        submission.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        submission.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        submission.Property(s => s.DraftText).HasMaxLength(EssayVersion.TextMaxLength);
        submission.HasIndex(s => new { s.StudentId, s.AssignmentId });
        submission.HasOne(s => s.Assignment).WithMany().HasForeignKey(s => s.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        submission.HasOne(s => s.Student).WithMany().HasForeignKey(s => s.StudentId).OnDelete(DeleteBehavior.Cascade);
    }
}

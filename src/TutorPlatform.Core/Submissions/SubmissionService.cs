using Microsoft.EntityFrameworkCore;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Submissions;

public sealed record SubmissionSummary(
    Guid Id,
    Guid AssignmentId,
    string AssignmentTitle,
    Guid ClassId,
    AssignmentKind Kind,
    SubmissionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt);

public sealed class SubmissionService(IDbContextFactory<TutorDbContext> dbFactory)
{
    /// <summary>
    /// A student's work in one of the actor's classes, newest first; null when the class is not the actor's or the
    /// student was never in it. Work done after a removal still belongs to the class's assignments, so it is listed.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionSummary>?> ListForStudentInClassAsync(Actor teacher, Guid classId, Guid studentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var allowed = await db.Classes.AnyAsync(
            c => c.Id == classId && (teacher.IsAdmin || c.TeacherId == teacher.UserId) && c.Enrollments.Any(e => e.StudentId == studentId), ct);
        if (!allowed)
        {
            return null;
        }

        return await Summaries(db.Submissions.Where(s => s.StudentId == studentId && s.Assignment!.ClassId == classId)).ToListAsync(ct);
    }

    /// <summary>Everything the student has done, in every class they were ever in.</summary>
    public async Task<IReadOnlyList<SubmissionSummary>> ListOwnAsync(Actor student, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(db.Submissions.Where(s => s.StudentId == student.UserId)).ToListAsync(ct);
    }

    private static IQueryable<SubmissionSummary> Summaries(IQueryable<Submission> query) =>
        query.OrderByDescending(s => s.CreatedAt).Select(s => new SubmissionSummary(
            s.Id, s.AssignmentId, s.Assignment!.Title, s.Assignment.ClassId, s.Kind, s.Status, s.CreatedAt, s.SubmittedAt));
}

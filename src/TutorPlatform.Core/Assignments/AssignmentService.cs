using Microsoft.EntityFrameworkCore;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core.Assignments;

public sealed class AssignmentService(IDbContextFactory<TutorDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How close a due date must be for a student's list to say "due soon".</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(48);

    /// <summary>Creates a draft, or publishes at once when <paramref name="publish"/> is set. Null when the class is not the teacher's.</summary>
    public async Task<AssignmentDetails?> CreateAsync(Actor teacher, Guid classId, AssignmentInput input, bool publish, CancellationToken ct = default)
    {
        Validation.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await ClassService.Owned(db, teacher).AnyAsync(c => c.Id == classId && c.ArchivedAt == null, ct))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var assignment = new Assignment
        {
            ClassId = classId,
            Kind = input.Kind,
            State = publish ? AssignmentState.Published : AssignmentState.Draft,
            CreatedAt = now,
        };
        Apply(assignment, input, now);
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return await GetForTeacherAsync(teacher, assignment.Id, ct);
    }

    public async Task<AssignmentDetails?> UpdateAsync(Actor teacher, Guid assignmentId, AssignmentInput input, CancellationToken ct = default)
    {
        Validation.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await OwnedAssignments(db, teacher).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        if (assignment.Kind != input.Kind)
        {
            throw new DomainRuleException("An assignment cannot change between essay and speaking; create a new one instead.");
        }

        Apply(assignment, input, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone else changed this assignment while you were editing it. Reload it and try again.");
        }

        return await GetForTeacherAsync(teacher, assignmentId, ct);
    }

    /// <summary>Publishes now, or at <paramref name="at"/> when given (scheduling).</summary>
    public Task<AssignmentDetails?> PublishAsync(Actor teacher, Guid assignmentId, DateTimeOffset? at = null, CancellationToken ct = default) =>
        ChangeStateAsync(teacher, assignmentId, a =>
        {
            if (at is { } when && a.DueAt is { } due && due <= when)
            {
                throw new DomainRuleException("The due date must come after the date students first see it.");
            }

            a.State = AssignmentState.Published;
            a.PublishAt = at?.ToUniversalTime(); // Npgsql writes only UTC offsets to timestamptz
            a.ClosedAt = null;
        }, ct);

    public Task<AssignmentDetails?> CloseAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default) =>
        ChangeStateAsync(teacher, assignmentId, a =>
        {
            if (a.State == AssignmentState.Draft)
            {
                throw new DomainRuleException("A draft has not been published, so there is nothing to close.");
            }

            a.State = AssignmentState.Closed;
            a.ClosedAt = clock.GetUtcNow();
        }, ct);

    public Task<AssignmentDetails?> ReopenAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default) =>
        ChangeStateAsync(teacher, assignmentId, a =>
        {
            a.State = AssignmentState.Published;
            a.ClosedAt = null;
        }, ct);

    public async Task<bool> DeleteDraftAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await OwnedAssignments(db, teacher).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return false;
        }

        if (assignment.State != AssignmentState.Draft)
        {
            throw new DomainRuleException("Only drafts can be deleted; close a published assignment instead, so students keep their work.");
        }

        db.Assignments.Remove(assignment);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Every assignment of a class, drafts included. Null when the class is not the teacher's.</summary>
    public async Task<IReadOnlyList<AssignmentDetails>?> ListForClassAsync(Actor teacher, Guid classId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await ClassService.Owned(db, teacher).AnyAsync(c => c.Id == classId, ct))
        {
            return null;
        }

        var list = await db.Assignments.AsNoTracking().Include(a => a.Class)
            .Where(a => a.ClassId == classId)
            .OrderBy(a => a.DueAt == null).ThenBy(a => a.DueAt).ThenBy(a => a.CreatedAt)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return list.Select(a => ToDetails(a, now)).ToList();
    }

    public async Task<AssignmentDetails?> GetForTeacherAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await OwnedAssignments(db, teacher).AsNoTracking().Include(a => a.Class).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        return assignment is null ? null : ToDetails(assignment, clock.GetUtcNow());
    }

    /// <summary>An assignment the student may see: published (or closed) in a class they are an active member of.</summary>
    public async Task<AssignmentDetails?> GetForStudentAsync(Actor student, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var assignment = await VisibleToStudent(db, student, now).AsNoTracking().Include(a => a.Class).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        return assignment is null ? null : ToDetails(assignment, now);
    }

    /// <summary>The student's dashboard: what is visible to them across their classes, with where each stands.</summary>
    public async Task<IReadOnlyList<StudentAssignment>> ListForStudentAsync(Actor student, Guid? classId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var query = VisibleToStudent(db, student, now);
        if (classId is { } id)
        {
            query = query.Where(a => a.ClassId == id);
        }

        var rows = await query
            .Select(a => new
            {
                a.Id,
                a.ClassId,
                ClassName = a.Class!.Name,
                a.Kind,
                RolePlay = a.Speaking != null && a.Speaking.Mode == SpeakingMode.RolePlay,
                a.Title,
                a.DueAt,
                a.State,
                Submitted = db.Submissions.Any(s => s.AssignmentId == a.Id && s.StudentId == student.UserId && s.Status != SubmissionStatus.Draft),
                Returned = db.Submissions.Any(s => s.AssignmentId == a.Id && s.StudentId == student.UserId && s.Status == SubmissionStatus.Released),
            })
            .ToListAsync(ct);

        return rows
            .Select(r => new StudentAssignment(r.Id, r.ClassId, r.ClassName, r.Kind, r.Title, r.DueAt, StudentStatus(r.State, r.DueAt, r.Submitted, now, r.Returned),
                r.RolePlay ? SpeakingMode.RolePlay : SpeakingMode.ReadAloud))
            .OrderBy(a => a.Status is StudentAssignmentStatus.Submitted or StudentAssignmentStatus.Returned or StudentAssignmentStatus.Closed)
            .ThenBy(a => a.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(a => a.Title, StringComparer.CurrentCulture)
            .ToList();
    }

    public static StudentAssignmentStatus StudentStatus(AssignmentState state, DateTimeOffset? dueAt, bool submitted, DateTimeOffset now, bool returned = false) =>
        (submitted, state, dueAt) switch
        {
            (true, _, _) when returned => StudentAssignmentStatus.Returned,
            (true, _, _) => StudentAssignmentStatus.Submitted,
            (_, AssignmentState.Closed, _) => StudentAssignmentStatus.Closed,
            (_, _, { } due) when due < now => StudentAssignmentStatus.Overdue,
            (_, _, { } due) when due - now <= DueSoonWindow => StudentAssignmentStatus.DueSoon,
            _ => StudentAssignmentStatus.ToDo,
        };

    private async Task<AssignmentDetails?> ChangeStateAsync(Actor teacher, Guid assignmentId, Action<Assignment> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await OwnedAssignments(db, teacher).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        change(assignment);
        assignment.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await GetForTeacherAsync(teacher, assignmentId, ct);
    }

    private static IQueryable<Assignment> OwnedAssignments(TutorDbContext db, Actor teacher) =>
        teacher.IsAdmin ? db.Assignments : db.Assignments.Where(a => a.Class!.TeacherId == teacher.UserId);

    private static IQueryable<Assignment> VisibleToStudent(TutorDbContext db, Actor student, DateTimeOffset now) =>
        db.Assignments.Where(a =>
            a.Class!.ArchivedAt == null
            && a.Class.Enrollments.Any(e => e.StudentId == student.UserId && e.RemovedAt == null)
            && (a.State == AssignmentState.Closed || (a.State == AssignmentState.Published && (a.PublishAt == null || a.PublishAt <= now))));

    private static void Apply(Assignment assignment, AssignmentInput input, DateTimeOffset now)
    {
        assignment.Title = input.Title.Trim();
        assignment.Instructions = string.IsNullOrWhiteSpace(input.Instructions) ? null : input.Instructions.Trim();
        assignment.DueAt = input.DueAt?.ToUniversalTime();
        assignment.PublishAt = input.PublishAt?.ToUniversalTime();
        assignment.UpdatedAt = now;
        if (input.Kind == AssignmentKind.Essay)
        {
            assignment.Essay = new EssaySettings
            {
                Prompt = input.EssayPrompt!.Trim(),
                Genre = input.EssayGenre,
                TargetWords = input.EssayTargetWords,
                Rubric = input.EssayRubric is { Count: > 0 } rubric ? rubric.Select(Normalize).ToList() : Rubrics.DefaultAnalytic(),
            };
            assignment.Speaking = null;
        }
        else
        {
            var readAloud = input.SpeakingMode == SpeakingMode.ReadAloud;
            assignment.Speaking = new SpeakingSettings
            {
                Mode = input.SpeakingMode,
                Passage = readAloud ? input.SpeakingPassage?.Trim() : null,
                Scenario = readAloud ? null : input.SpeakingScenario?.Trim(),
                Goals = readAloud ? [] : input.SpeakingGoals.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).ToList(),
            };
            assignment.Essay = null;
        }
    }

    private static RubricTrait Normalize(RubricTrait trait) => new()
    {
        Key = Rubrics.KeyOf(trait),
        Name = trait.Name.Trim(),
        Description = trait.Description.Trim(),
        Min = trait.Min,
        Max = trait.Max,
    };

    private static AssignmentDetails ToDetails(Assignment a, DateTimeOffset now) => new(
        a.Id, a.ClassId, a.Class?.Name ?? "", a.Kind, a.Title, a.Instructions, a.State, a.StatusAt(now),
        a.PublishAt, a.DueAt, a.ClosedAt, a.CreatedAt, a.UpdatedAt, a.Essay, a.Speaking);
}

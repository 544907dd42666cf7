using Microsoft.EntityFrameworkCore;
using Npgsql;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Classes;

public sealed class ClassService(IDbContextFactory<TutorDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ClassSummary> CreateAsync(Actor teacher, ClassInput input, CancellationToken ct = default)
    {
        Validation.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = input.Name.Trim();
        if (await db.Classes.AnyAsync(c => c.TeacherId == teacher.UserId && c.Name == name && c.ArchivedAt == null, ct))
        {
            throw new ConflictException($"You already have a class called \"{name}\".");
        }

        var schoolClass = new SchoolClass
        {
            TeacherId = teacher.UserId,
            Name = name,
            Description = Blank(input.Description),
            JoinCode = JoinCodes.Create(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Classes.Add(schoolClass);
        await SaveAsync(db, $"You already have a class called \"{name}\".", ct);
        return (await GetAsync(teacher, schoolClass.Id, ct))!;
    }

    public async Task<ClassSummary?> UpdateAsync(Actor teacher, Guid classId, ClassInput input, CancellationToken ct = default)
    {
        Validation.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolClass = await Owned(db, teacher).FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (schoolClass is null)
        {
            return null;
        }

        var name = input.Name.Trim();
        if (await db.Classes.AnyAsync(c => c.TeacherId == schoolClass.TeacherId && c.Name == name && c.Id != classId && c.ArchivedAt == null, ct))
        {
            throw new ConflictException($"You already have a class called \"{name}\".");
        }

        schoolClass.Name = name;
        schoolClass.Description = Blank(input.Description);
        await SaveAsync(db, $"You already have a class called \"{name}\".", ct);
        return await GetAsync(teacher, classId, ct);
    }

    /// <summary>Classes the teacher owns; an admin sees every class.</summary>
    public async Task<IReadOnlyList<ClassSummary>> ListForTeacherAsync(Actor teacher, bool includeArchived = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Owned(db, teacher);
        if (!includeArchived)
        {
            query = query.Where(c => c.ArchivedAt == null);
        }

        return await Summaries(query.OrderBy(c => c.Name)).ToListAsync(ct);
    }

    public async Task<ClassSummary?> GetAsync(Actor teacher, Guid classId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(Owned(db, teacher).Where(c => c.Id == classId)).FirstOrDefaultAsync(ct);
    }

    /// <summary>A class the student is an active member of; null for any other class, so its existence is not revealed.</summary>
    public async Task<ClassSummary?> GetForStudentAsync(Actor student, Guid classId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(Joined(db, student).Where(c => c.Id == classId)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ClassSummary>> ListForStudentAsync(Actor student, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(Joined(db, student).Where(c => c.ArchivedAt == null).OrderBy(c => c.Name)).ToListAsync(ct);
    }

    public async Task<string?> RotateJoinCodeAsync(Actor teacher, Guid classId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolClass = await Owned(db, teacher).FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (schoolClass is null)
        {
            return null;
        }

        schoolClass.JoinCode = JoinCodes.Create();
        await db.SaveChangesAsync(ct);
        return schoolClass.JoinCode;
    }

    public async Task<bool> ArchiveAsync(Actor teacher, Guid classId, bool archived, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolClass = await Owned(db, teacher).FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (schoolClass is null)
        {
            return false;
        }

        schoolClass.ArchivedAt = archived ? clock.GetUtcNow() : null;
        await SaveAsync(db, $"You already have an active class called \"{schoolClass.Name}\".", ct);
        return true;
    }

    /// <summary>Active members, for the class's teacher (or an admin); null when the class is not theirs.</summary>
    public async Task<IReadOnlyList<RosterEntry>?> GetRosterAsync(Actor teacher, Guid classId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Owned(db, teacher).AnyAsync(c => c.Id == classId, ct))
        {
            return null;
        }

        return await db.Enrollments
            .Where(e => e.ClassId == classId && e.RemovedAt == null)
            .OrderBy(e => e.Student!.DisplayName)
            .Select(e => new RosterEntry(e.StudentId, e.Student!.DisplayName, e.Student.Email ?? "", e.JoinedAt))
            .ToListAsync(ct);
    }

    /// <summary>True when the student is (or was) a member of one of the actor's classes.</summary>
    public async Task<bool> IsStudentOfAsync(Actor teacher, Guid classId, Guid studentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Owned(db, teacher).AnyAsync(c => c.Id == classId && c.Enrollments.Any(e => e.StudentId == studentId), ct);
    }

    /// <summary>Takes the student off the roster. Their submissions stay theirs: only the membership ends.</summary>
    public async Task<bool> RemoveStudentAsync(Actor teacher, Guid classId, Guid studentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enrollment = await db.Enrollments.FirstOrDefaultAsync(
            e => e.ClassId == classId && e.StudentId == studentId && e.RemovedAt == null
                 && (teacher.IsAdmin || e.Class!.TeacherId == teacher.UserId), ct);
        if (enrollment is null)
        {
            return false;
        }

        enrollment.RemovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<JoinResult> JoinAsync(Actor student, string? code, CancellationToken ct = default)
    {
        var normalized = JoinCodes.Normalize(code);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schoolClass = normalized.Length == JoinCodes.Length
            ? await db.Classes.FirstOrDefaultAsync(c => c.JoinCode == normalized, ct)
            : null;
        if (schoolClass is null)
        {
            return new JoinResult(JoinOutcome.UnknownCode);
        }

        if (schoolClass.ArchivedAt is not null)
        {
            return new JoinResult(JoinOutcome.ClassArchived, schoolClass.Id, schoolClass.Name);
        }

        var enrollment = await db.Enrollments.FirstOrDefaultAsync(e => e.ClassId == schoolClass.Id && e.StudentId == student.UserId, ct);
        var outcome = JoinOutcome.Joined;
        if (enrollment is null)
        {
            db.Enrollments.Add(new Enrollment { ClassId = schoolClass.Id, StudentId = student.UserId, JoinedAt = clock.GetUtcNow() });
        }
        else if (enrollment.RemovedAt is null)
        {
            return new JoinResult(JoinOutcome.AlreadyMember, schoolClass.Id, schoolClass.Name);
        }
        else
        {
            // The teacher rotates the code to keep a removed student out; with the current code they may come back.
            enrollment.RemovedAt = null;
            enrollment.JoinedAt = clock.GetUtcNow();
            outcome = JoinOutcome.Rejoined;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new JoinResult(JoinOutcome.AlreadyMember, schoolClass.Id, schoolClass.Name); // a double click raced itself
        }

        return new JoinResult(outcome, schoolClass.Id, schoolClass.Name);
    }

    internal static IQueryable<SchoolClass> Owned(TutorDbContext db, Actor teacher) =>
        teacher.IsAdmin ? db.Classes : db.Classes.Where(c => c.TeacherId == teacher.UserId);

    internal static IQueryable<SchoolClass> Joined(TutorDbContext db, Actor student) =>
        db.Classes.Where(c => c.Enrollments.Any(e => e.StudentId == student.UserId && e.RemovedAt == null));

    private static IQueryable<ClassSummary> Summaries(IQueryable<SchoolClass> query) =>
        query.Select(c => new ClassSummary(
            c.Id, c.Name, c.Description, c.JoinCode, c.TeacherId, c.Teacher!.DisplayName,
            c.Enrollments.Count(e => e.RemovedAt == null), c.Assignments.Count, c.CreatedAt, c.ArchivedAt != null, c.IsDemo));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task SaveAsync(TutorDbContext db, string conflictMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException(conflictMessage);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Essays;

namespace TutorPlatform.Core.Privacy;

public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    PersonalProfile Profile,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ExportedMembership> Memberships,
    IReadOnlyList<ExportedClass> ClassesTaught,
    IReadOnlyList<ExportedSubmission> Submissions,
    IReadOnlyList<ExportedApiKey> ApiKeys)
{
    /// <summary>Essays the user had assessed through the API.</summary>
    public IReadOnlyList<ExportedEssayAssessment> EssayAssessments { get; init; } = [];

    /// <summary>Every speaking take (read-aloud and role-play lines) with its scores; the recordings are played from the app.</summary>
    public IReadOnlyList<ExportedSpeakingTake> SpeakingTakes { get; init; } = [];

    /// <summary>Role-play conversations: every line, and the summary.</summary>
    public IReadOnlyList<ExportedRolePlay> RolePlays { get; init; } = [];
}

public sealed record PersonalProfile(Guid Id, string DisplayName, string Email, DateTimeOffset CreatedAt);

public sealed record ExportedMembership(Guid ClassId, string ClassName, string TeacherName, DateTimeOffset JoinedAt, DateTimeOffset? RemovedAt);

public sealed record ExportedClass(Guid ClassId, string Name, string? Description, DateTimeOffset CreatedAt, int AssignmentCount);

public sealed record ExportedSubmission(Guid Id, Guid AssignmentId, string AssignmentTitle, string Kind, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt)
{
    /// <summary>Essay: the autosaved draft.</summary>
    public string? EssayDraft { get; init; }

    /// <summary>Essay: every submitted version with its scores, feedback and released teacher review.</summary>
    public IReadOnlyList<ExportedEssayVersion> EssayVersions { get; init; } = [];
}

public sealed record ExportedEssayVersion(
    int Number, string Text, DateTimeOffset CreatedAt, EssayTraitScores? Scores, string? ModelVersion, string? Feedback,
    IReadOnlyList<TeacherTraitScore> TeacherScores, string? TeacherComment, DateTimeOffset? ReleasedAt)
{
    /// <summary>The teacher's released scores for the traits they added to the rubric.</summary>
    public IReadOnlyList<TeacherRubricScore> TeacherRubricScores { get; init; } = [];
}

public sealed record ExportedEssayAssessment(Guid Id, string Text, string? Prompt, EssayTraitScores? Scores, string? Feedback, DateTimeOffset CreatedAt);

public sealed record ExportedSpeakingTake(
    Guid Id, Guid? AssignmentId, string? DrillKey, string Mode, string ReferenceText, string RecognizedText, double AudioSeconds,
    double? Accuracy, double? Fluency, double? Completeness, double? Prosody, double? Total, DateTimeOffset CreatedAt,
    DateTimeOffset? HandedInAt, double? TeacherScore, string? TeacherComment, bool AudioKept);

public sealed record ExportedRolePlay(Guid Id, Guid AssignmentId, string TranscriptJson, string? SummaryJson, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

public sealed record ExportedApiKey(string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed class PrivacyService(IDbContextFactory<TutorDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Everything stored about the user, as one document they can download.</summary>
    public async Task<PersonalDataExport?> ExportAsync(Actor user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var profile = await db.Users.Where(u => u.Id == user.UserId)
            .Select(u => new PersonalProfile(u.Id, u.DisplayName, u.Email ?? "", u.CreatedAt)).FirstOrDefaultAsync(ct);
        if (profile is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == user.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        var memberships = await db.Enrollments.Where(e => e.StudentId == user.UserId).OrderBy(e => e.JoinedAt)
            .Select(e => new ExportedMembership(e.ClassId, e.Class!.Name, e.Class.Teacher!.DisplayName, e.JoinedAt, e.RemovedAt)).ToListAsync(ct);
        var taught = await db.Classes.Where(c => c.TeacherId == user.UserId).OrderBy(c => c.CreatedAt)
            .Select(c => new ExportedClass(c.Id, c.Name, c.Description, c.CreatedAt, c.Assignments.Count)).ToListAsync(ct);
        var submissions = await db.Submissions.Where(s => s.StudentId == user.UserId).OrderBy(s => s.CreatedAt)
            .Select(s => new ExportedSubmission(s.Id, s.AssignmentId, s.Assignment!.Title, s.Kind.ToString(), s.Status.ToString(), s.CreatedAt, s.SubmittedAt))
            .ToListAsync(ct);
        var versions = (await db.EssayVersions.AsNoTracking().Where(v => v.Submission!.StudentId == user.UserId).OrderBy(v => v.Number).ToListAsync(ct))
            .ToLookup(v => v.SubmissionId);
        var drafts = await db.Submissions.Where(s => s.StudentId == user.UserId && s.DraftText != null).ToDictionaryAsync(s => s.Id, s => s.DraftText, ct);
        submissions = submissions.Select(s => s with
        {
            EssayDraft = drafts.GetValueOrDefault(s.Id),
            // Teacher scores the student has not been shown yet stay with the teacher until released.
            EssayVersions = versions[s.Id].Select(v => new ExportedEssayVersion(v.Number, v.Text, v.CreatedAt, v.Scores, v.ModelVersion, v.Feedback,
                v.ReleasedAt is null ? [] : v.TeacherScores, v.ReleasedAt is null ? null : v.TeacherComment, v.ReleasedAt)
            {
                TeacherRubricScores = v.ReleasedAt is null ? [] : v.TeacherRubricScores,
            }).ToList(),
        }).ToList();
        var assessments = await db.EssayAssessments.AsNoTracking().Where(a => a.OwnerId == user.UserId).OrderBy(a => a.CreatedAt)
            .Select(a => new ExportedEssayAssessment(a.Id, a.Text, a.Prompt, a.Scores, a.Feedback, a.CreatedAt)).ToListAsync(ct);
        var keys = await db.ApiKeys.Where(k => k.OwnerId == user.UserId).OrderBy(k => k.CreatedAt)
            .Select(k => new ExportedApiKey(k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToListAsync(ct);
        var takes = await db.SpeakingAttempts.AsNoTracking().Where(a => a.StudentId == user.UserId).OrderBy(a => a.CreatedAt)
            .Select(a => new ExportedSpeakingTake(a.Id, a.AssignmentId, a.DrillKey, a.Mode.ToString(), a.ReferenceText, a.RecognizedText, a.AudioSeconds,
                a.Accuracy, a.Fluency, a.Completeness, a.Prosody, a.Total, a.CreatedAt, a.HandedInAt, a.TeacherScore, a.TeacherComment, a.AudioDeletedAt == null))
            .ToListAsync(ct);
        var rolePlays = await db.RolePlayConversations.AsNoTracking().Where(c => c.StudentId == user.UserId).OrderBy(c => c.StartedAt)
            .Select(c => new ExportedRolePlay(c.Id, c.AssignmentId, c.TranscriptJson, c.SummaryJson, c.StartedAt, c.EndedAt)).ToListAsync(ct);
        return new PersonalDataExport(clock.GetUtcNow(), profile, roles, memberships, taught, submissions, keys)
        {
            EssayAssessments = assessments,
            SpeakingTakes = takes,
            RolePlays = rolePlays,
        };
    }

    /// <summary>
    /// Deletes the account with its memberships, work and keys. A teacher who still owns classes is refused: those
    /// classes hold other students' work, which must not vanish with the teacher.
    /// </summary>
    public async Task DeleteAccountAsync(Actor user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var classCount = await db.Classes.CountAsync(c => c.TeacherId == user.UserId, ct);
        if (classCount > 0)
        {
            throw new DomainRuleException(
                $"You still teach {classCount} class(es). Ask an administrator to hand them to another teacher before deleting your account, so your students keep their work.");
        }

        // Enrollments, submissions (with their essay versions), essay assessments, speaking takes with their audio, role-plays, API keys and Identity rows go with the user through ON DELETE CASCADE.
        await db.Users.Where(u => u.Id == user.UserId).ExecuteDeleteAsync(ct);
    }
}

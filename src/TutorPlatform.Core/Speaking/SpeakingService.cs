using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Speech;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core.Speaking;

/// <summary>
/// The speaking coach's read-aloud work and its records, scoped by who asks: students record and hand in takes for
/// their own visible assignments and the built-in drills; teachers read and override the takes on their classes'
/// assignments. Every take is saved with its audio (16 kHz WAV) until retention removes it.
/// </summary>
public sealed class SpeakingService(
    IDbContextFactory<TutorDbContext> dbFactory,
    TimeProvider clock,
    IAudioDecoder decoder,
    IOptions<SpeakingOptions> options,
    IPronunciationAssessor? assessor = null)
{
    public const string NoAssessorMessage = "The pronunciation scorer is not installed on this server, so read-aloud takes cannot be scored yet.";

    public SpeakingOptions Options => options.Value;

    /// <summary>The text a student reads for the target, or null when the assignment is not theirs to do or the drill does not exist.</summary>
    public async Task<string?> GetPassageAsync(Actor student, ReadAloudTarget target, CancellationToken ct = default)
    {
        if (target.DrillKey is { } key)
        {
            return StarterDrills.Find(key)?.Passage;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await VisibleToStudent(db, student).AsNoTracking().FirstOrDefaultAsync(a => a.Id == target.AssignmentId, ct);
        return assignment?.Speaking is { Mode: SpeakingMode.ReadAloud, Passage: { } passage } ? passage : null;
    }

    /// <summary>Decodes, checks and scores one read-aloud take, then saves it with its audio.</summary>
    /// <returns>The saved take, or null when the target is not the student's to do.</returns>
    /// <exception cref="SpeakingInputException">The audio is empty, of another format, too large, too long, undecodable or silent.</exception>
    /// <exception cref="DomainRuleException">The assignment is closed.</exception>
    /// <exception cref="SpeechEngineException">The scorer or speech engine is missing or failed.</exception>
    public async Task<SpeakingAttemptView?> AssessReadAloudAsync(Actor student, ReadAloudTarget target, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        string passage;
        if (target.DrillKey is { } key)
        {
            if (StarterDrills.Find(key) is not { } drill)
            {
                return null;
            }

            passage = drill.Passage;
        }
        else
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var assignment = await VisibleToStudent(db, student).AsNoTracking().FirstOrDefaultAsync(a => a.Id == target.AssignmentId, ct);
            if (assignment?.Speaking is not { Mode: SpeakingMode.ReadAloud, Passage: { } text })
            {
                return null;
            }

            if (assignment.State == AssignmentState.Closed)
            {
                throw new DomainRuleException("This assignment is closed: it takes no more work.");
            }

            passage = text;
        }

        var audio = await SpeakingAudioPipeline.DecodeAsync(decoder, data, options.Value, ct);
        var assessment = await AssessAsync(audio, passage, ct);
        var attempt = SpeakingAttempt.Take(student.UserId, SpeakingMode.ReadAloud, audio, assessment, clock.GetUtcNow());
        attempt.AssignmentId = target.AssignmentId;
        attempt.DrillKey = target.DrillKey;
        attempt.ReferenceText = passage;
        attempt.RecognizedText = Truncate(assessment.RecognizedText);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.SpeakingAttempts.Add(attempt);
            await db.SaveChangesAsync(ct);
        }

        return await GetOwnAsync(student, attempt.Id, ct);
    }

    /// <summary>Scores audio against a text without saving anything (the public API, role-play notes).</summary>
    /// <exception cref="SpeechEngineException">No scorer is installed, or the engine failed.</exception>
    /// <exception cref="AlignmentException">The text has no words that can be aligned.</exception>
    public async Task<PronunciationAssessment> AssessAsync(PcmAudio audio, string referenceText, CancellationToken ct = default)
    {
        if (assessor is null)
        {
            throw new SpeechEngineException(NoAssessorMessage);
        }

        return await assessor.AssessAsync(audio, referenceText, ct);
    }

    public bool CanAssess => assessor is not null;

    /// <summary>The student's takes at one target, newest first.</summary>
    public async Task<IReadOnlyList<SpeakingAttemptView>> ListOwnAsync(Actor student, ReadAloudTarget target, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.SpeakingAttempts.Where(a => a.StudentId == student.UserId && a.Mode == SpeakingMode.ReadAloud);
        query = target.DrillKey is { } key ? query.Where(a => a.DrillKey == key) : query.Where(a => a.AssignmentId == target.AssignmentId);
        return await ViewsAsync(query.OrderByDescending(a => a.CreatedAt), ct);
    }

    /// <summary>Every read-aloud take of the student, oldest first, and the words and sounds that keep going wrong.</summary>
    public async Task<SpeakingHistory> GetHistoryAsync(Actor student, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attempts = await ViewsAsync(
            db.SpeakingAttempts.Where(a => a.StudentId == student.UserId && a.Mode == SpeakingMode.ReadAloud).OrderBy(a => a.CreatedAt), ct);
        return new SpeakingHistory(attempts, TroubleWords(attempts), TroubleSounds(attempts));
    }

    /// <summary>Hands one take in as the student's work for its assignment (replacing any take handed in before).</summary>
    /// <returns>The take, or null when it is not the student's or not assignment work.</returns>
    public async Task<SpeakingAttemptView?> HandInAsync(Actor student, Guid attemptId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attempt = await db.SpeakingAttempts.FirstOrDefaultAsync(a => a.Id == attemptId && a.StudentId == student.UserId && a.AssignmentId != null, ct);
        if (attempt is null)
        {
            return null;
        }

        var assignment = await VisibleToStudent(db, student).AsNoTracking().FirstOrDefaultAsync(a => a.Id == attempt.AssignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        if (assignment.State == AssignmentState.Closed)
        {
            throw new DomainRuleException("This assignment is closed: it takes no more work.");
        }

        if (assignment.Speaking?.Mode == SpeakingMode.ReadAloud && assignment.Speaking.Passage is { } passage && attempt.ReferenceText != passage)
        {
            throw new DomainRuleException("This take was read against an earlier version of the passage: record the passage as it is now to hand in.");
        }

        var now = clock.GetUtcNow();
        await db.SpeakingAttempts
            .Where(a => a.StudentId == student.UserId && a.AssignmentId == attempt.AssignmentId && a.HandedInAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.HandedInAt, (DateTimeOffset?)null), ct);
        attempt.HandedInAt = now;
        await MarkSubmittedAsync(db, student, assignment.Id, now, ct);
        await db.SaveChangesAsync(ct);
        return await GetOwnAsync(student, attemptId, ct);
    }

    /// <summary>Every take of every student on one of the teacher's assignments, by student then newest first; null when not theirs.</summary>
    public async Task<IReadOnlyList<SpeakingAttemptView>?> ListForAssignmentAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await OwnedAssignments(db, teacher).AnyAsync(a => a.Id == assignmentId, ct))
        {
            return null;
        }

        return await ViewsAsync(
            db.SpeakingAttempts.Where(a => a.AssignmentId == assignmentId).OrderBy(a => a.Student!.DisplayName).ThenByDescending(a => a.CreatedAt), ct);
    }

    /// <summary>The teacher's score (0–100) and comment on a take of their class; null when the take is not theirs to review.</summary>
    public async Task<SpeakingAttemptView?> ReviewAsync(Actor teacher, Guid attemptId, SpeakingReview review, CancellationToken ct = default)
    {
        if (review.Score is { } score && (double.IsNaN(score) || score < 0 || score > 100))
        {
            throw new DomainRuleException("A score must be between 0 and 100.");
        }

        if (review.Comment?.Length > SpeakingAttempt.CommentMaxLength)
        {
            throw new DomainRuleException($"A comment can have at most {SpeakingAttempt.CommentMaxLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owned = OwnedAssignments(db, teacher).Select(a => (Guid?)a.Id);
        var attempt = await db.SpeakingAttempts.FirstOrDefaultAsync(a => a.Id == attemptId && owned.Contains(a.AssignmentId), ct);
        if (attempt is null)
        {
            return null;
        }

        attempt.TeacherScore = review.Score is { } s ? Math.Round(s, 1) : null;
        attempt.TeacherComment = string.IsNullOrWhiteSpace(review.Comment) ? null : review.Comment.Trim();
        attempt.ReviewedById = teacher.UserId;
        attempt.ReviewedAt = clock.GetUtcNow();
        if (attempt.HandedInAt is not null
            && await db.Submissions.FirstOrDefaultAsync(s => s.AssignmentId == attempt.AssignmentId && s.StudentId == attempt.StudentId, ct) is { } submission)
        {
            // A speaking review is the student's as soon as it is saved: the handed-in work is returned (their
            // dashboard says so), or back to submitted where the teacher cleared the review. Saved with the review.
            submission.Status = attempt.TeacherScore is not null || attempt.TeacherComment is not null ? SubmissionStatus.Released : SubmissionStatus.Submitted;
        }

        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db.SpeakingAttempts.Where(a => a.Id == attemptId), ct)).Single();
    }

    /// <summary>A take's WAV for its student, the teacher of its assignment, or an admin; null otherwise or once removed.</summary>
    public async Task<byte[]?> GetAudioAsync(Actor actor, Guid attemptId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owned = OwnedAssignments(db, actor).Select(a => (Guid?)a.Id);
        return await db.SpeakingAudio
            .Where(a => a.AttemptId == attemptId)
            .Where(a => db.SpeakingAttempts.Any(t => t.Id == a.AttemptId && (actor.IsAdmin || t.StudentId == actor.UserId || owned.Contains(t.AssignmentId))))
            .Select(a => a.Wav)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Removes audio older than the retention period (the scores stay); returns how many takes lost their audio.</summary>
    public async Task<int> DeleteExpiredAudioAsync(CancellationToken ct = default)
    {
        var days = options.Value.AudioRetentionDays;
        if (days == 0)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow().AddDays(-days);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var expired = db.SpeakingAttempts.Where(a => a.CreatedAt < cutoff && a.AudioDeletedAt == null);
        await db.SpeakingAudio.Where(a => expired.Any(t => t.Id == a.AttemptId)).ExecuteDeleteAsync(ct);
        var count = await expired.ExecuteUpdateAsync(s => s.SetProperty(a => a.AudioDeletedAt, now), ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    internal async Task<SpeakingAttemptView?> GetOwnAsync(Actor student, Guid attemptId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ViewsAsync(db.SpeakingAttempts.Where(a => a.Id == attemptId && a.StudentId == student.UserId), ct)).SingleOrDefault();
    }

    internal static async Task MarkSubmittedAsync(TutorDbContext db, Actor student, Guid assignmentId, DateTimeOffset now, CancellationToken ct)
    {
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.StudentId == student.UserId && s.AssignmentId == assignmentId, ct);
        if (submission is null)
        {
            db.Submissions.Add(new Submission
            {
                AssignmentId = assignmentId,
                StudentId = student.UserId,
                Kind = AssignmentKind.Speaking,
                Status = SubmissionStatus.Submitted,
                CreatedAt = now,
                SubmittedAt = now,
            });
        }
        else
        {
            submission.Status = SubmissionStatus.Submitted;
            submission.SubmittedAt = now;
        }
    }

    internal static IQueryable<Assignment> VisibleToStudent(TutorDbContext db, Actor student)
    {
        var now = DateTimeOffset.UtcNow;
        return db.Assignments.Where(a =>
            a.Kind == AssignmentKind.Speaking
            && a.Class!.ArchivedAt == null
            && a.Class.Enrollments.Any(e => e.StudentId == student.UserId && e.RemovedAt == null)
            && (a.State == AssignmentState.Closed || (a.State == AssignmentState.Published && (a.PublishAt == null || a.PublishAt <= now))));
    }

    internal static IQueryable<Assignment> OwnedAssignments(TutorDbContext db, Actor teacher) =>
        teacher.IsAdmin ? db.Assignments : db.Assignments.Where(a => a.Class!.TeacherId == teacher.UserId);

    internal static async Task<IReadOnlyList<SpeakingAttemptView>> ViewsAsync(IQueryable<SpeakingAttempt> query, CancellationToken ct)
    {
        var rows = await query.Select(a => new
        {
            a.Id,
            a.StudentId,
            StudentName = a.Student!.DisplayName,
            a.AssignmentId,
            a.DrillKey,
            a.Mode,
            a.ReferenceText,
            a.RecognizedText,
            a.AudioSeconds,
            a.Accuracy,
            a.Fluency,
            a.Completeness,
            a.Prosody,
            a.Total,
            a.AssessmentJson,
            a.FeedbackJson,
            a.CreatedAt,
            a.HandedInAt,
            a.TeacherScore,
            a.TeacherComment,
            a.ReviewedAt,
            a.AudioDeletedAt,
        }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new SpeakingAttemptView(
            r.Id, r.StudentId, r.StudentName, r.AssignmentId, r.DrillKey, r.Mode, r.ReferenceText, r.RecognizedText, r.AudioSeconds,
            r.Total is { } total ? new SpeakingScores(r.Accuracy ?? 0, r.Fluency ?? 0, r.Completeness ?? 0, r.Prosody ?? 0, total) : null,
            SpeakingJson.Read<PronunciationAssessment>(r.AssessmentJson),
            SpeakingJson.Read<TurnFeedback>(r.FeedbackJson),
            r.CreatedAt, r.HandedInAt, r.TeacherScore, r.TeacherComment, r.ReviewedAt, r.AudioDeletedAt is null)).ToList();
    }

    /// <summary>Words marked wrong or scored under 60, most often first.</summary>
    internal static IReadOnlyList<TroubleSpot> TroubleWords(IReadOnlyList<SpeakingAttemptView> attempts) =>
        Trouble(attempts.SelectMany(a => a.Assessment?.Words ?? [])
            .Where(w => w.ErrorType != WordErrorType.Insertion)
            .Select(w => (Key: Normalize(w.Word), w.Accuracy, Wrong: w.ErrorType != WordErrorType.None || w.Accuracy < WeakScore)));

    /// <summary>Phones scored under 60, most often first.</summary>
    internal static IReadOnlyList<TroubleSpot> TroubleSounds(IReadOnlyList<SpeakingAttemptView> attempts) =>
        Trouble(attempts.SelectMany(a => a.Assessment?.Words ?? []).SelectMany(w => w.Phones)
            .Select(p => (Key: p.Phone.ToUpperInvariant(), p.Accuracy, Wrong: p.Accuracy < WeakScore)));

    public const double WeakScore = 60;

    private static List<TroubleSpot> Trouble(IEnumerable<(string Key, double Accuracy, bool Wrong)> items) =>
        items.Where(i => i.Key.Length > 0)
            .GroupBy(i => i.Key, StringComparer.Ordinal)
            .Select(g => new TroubleSpot(g.Key, g.Count(i => i.Wrong), g.Count(), Math.Round(g.Average(i => i.Accuracy), 0)))
            .Where(t => t.Times > 0)
            .OrderByDescending(t => t.Times)
            .ThenBy(t => t.AverageAccuracy)
            .Take(10)
            .ToList();

    private static string Normalize(string word) => new string(word.Where(c => char.IsLetterOrDigit(c) || c == '\'').ToArray()).ToLowerInvariant();

    private static string Truncate(string text) => text.Length <= SpeakingAttempt.TextMaxLength ? text : text[..SpeakingAttempt.TextMaxLength];
}

using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core.Essays;

/// <summary>
/// The essay coach's data, scoped by the actor: a student writes (autosaved draft), submits versions that the on-device
/// models score and check at once, and reads their teacher's review once it is released; the assignment's teacher sees
/// the grading queue, overrides trait scores with comments, releases and exports. The large model's feedback is written
/// by <see cref="EssayFeedbackWriter"/> and saved here with its version.
/// </summary>
public sealed partial class EssayCoachService(
    IDbContextFactory<TutorDbContext> dbFactory,
    TimeProvider clock,
    EssayModels models,
    ILogger<EssayCoachService> logger)
{
    // ---- Student ----

    /// <summary>The student's essay for an assignment they can see; null when it is not an essay assignment visible to them.</summary>
    public async Task<StudentEssay?> GetForStudentAsync(Actor student, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await VisibleEssay(db, student, clock.GetUtcNow()).AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        var submission = await OwnSubmission(db, student, assignmentId).AsNoTracking().Include(s => s.EssayVersions).FirstOrDefaultAsync(ct);
        var canSubmit = assignment.State == AssignmentState.Published;
        var traits = Rubrics.ModelScored(assignment.Essay?.Rubric);
        return submission is null
            ? new StudentEssay(null, null, "", null, [], canSubmit)
            : new StudentEssay(submission.Id, submission.Status, submission.DraftText ?? "", submission.DraftSavedAt,
                submission.EssayVersions.OrderBy(v => v.Number).Select(v => ToView(v, forStudent: true, traits)).ToList(), canSubmit);
    }

    /// <summary>Autosaves the draft (creating the student's submission on the first save) and returns when it was saved.</summary>
    public async Task<DateTimeOffset?> SaveDraftAsync(Actor student, Guid assignmentId, string text, CancellationToken ct = default)
    {
        CheckLength(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var submission = await OpenSubmissionAsync(db, student, assignmentId, ct);
        if (submission is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        submission.DraftText = text;
        submission.DraftSavedAt = now;
        await db.SaveChangesAsync(ct);
        return now;
    }

    /// <summary>
    /// Submits the text as the next version: scored by the small model and checked on-device at once. The feedback starts
    /// out Pending (Unavailable when <paramref name="feedbackAvailable"/> is false). Null when the assignment is not the student's.
    /// </summary>
    public async Task<EssayVersionView?> SubmitAsync(Actor student, Guid assignmentId, string text, bool feedbackAvailable, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("Write your essay before you submit it.");
        }

        CheckLength(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var submission = await OpenSubmissionAsync(db, student, assignmentId, ct);
        if (submission is null)
        {
            return null;
        }

        _ = models.Scorer; // no scorer installed: refuse clearly rather than store an unscored version
        var essay = await db.Assignments.AsNoTracking().Where(a => a.Id == assignmentId).Select(a => a.Essay!).FirstAsync(ct);
        var prompt = essay.Prompt;
        var lastNumber = await db.EssayVersions.Where(v => v.SubmissionId == submission.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        var now = clock.GetUtcNow();
        var version = new EssayVersion
        {
            SubmissionId = submission.Id,
            Number = lastNumber + 1,
            Text = text,
            WordCount = EssayText.WordCount(text),
            CreatedAt = now,
            FeedbackStatus = feedbackAvailable ? EssayFeedbackStatus.Pending : EssayFeedbackStatus.Unavailable,
        };
        Assess(version, text, prompt);
        db.EssayVersions.Add(version);
        submission.DraftText = text;
        submission.DraftSavedAt = now;
        submission.SubmittedAt = now;
        submission.Status = version.Scores is null ? SubmissionStatus.Submitted : SubmissionStatus.Scored;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("This essay was just submitted from another tab. Reload the page to see the new version.");
        }

        return ToView(version, forStudent: true, Rubrics.ModelScored(essay.Rubric));
    }

    /// <summary>Saves the large model's feedback on one of the student's versions (never over feedback already saved).</summary>
    public async Task<bool> SaveFeedbackAsync(Actor student, Guid versionId, EssayFeedbackStatus status, string? feedback, string? error, string? promptId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.EssayVersions.FirstOrDefaultAsync(v => v.Id == versionId && v.Submission!.StudentId == student.UserId, ct);
        if (version is null || version.FeedbackStatus == EssayFeedbackStatus.Ready)
        {
            return false;
        }

        version.FeedbackStatus = status;
        version.Feedback = feedback;
        version.FeedbackError = error is null ? null : Truncate(error, 1000);
        version.FeedbackPromptId = promptId;
        await db.SaveChangesAsync(ct);
        return true;
    }

    // ---- Teacher ----

    /// <summary>Every active student of the class with where their essay stands; null when the assignment is not the teacher's essay assignment.</summary>
    public async Task<EssayQueue?> GetQueueAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await OwnedEssays(db, teacher).AsNoTracking().Include(a => a.Class).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        var students = await db.Enrollments.AsNoTracking()
            .Where(e => e.ClassId == assignment.ClassId && e.RemovedAt == null)
            .Select(e => new { e.StudentId, e.Student!.DisplayName, e.Student.Email })
            .ToListAsync(ct);
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.AssignmentId == assignmentId)
            .Include(s => s.EssayVersions)
            .Include(s => s.Student)
            .ToListAsync(ct);
        var byStudent = submissions.GroupBy(s => s.StudentId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.CreatedAt).First());

        var teacherScored = Rubrics.TeacherScored(assignment.Essay?.Rubric);
        var traits = Rubrics.ModelScored(assignment.Essay?.Rubric);
        var rows = new List<EssayQueueRow>();
        foreach (var student in students)
        {
            byStudent.Remove(student.StudentId, out var submission);
            rows.Add(Row(student.StudentId, student.DisplayName, student.Email ?? "", submission, teacherScored, traits));
        }

        // Work by students removed from the class since still belongs to the assignment.
        rows.AddRange(byStudent.Values.Select(s => Row(s.StudentId, s.Student?.DisplayName ?? "Former student", s.Student?.Email ?? "", s, teacherScored, traits)));
        var ordered = rows
            .OrderBy(r => QueueOrder(r.Status))
            .ThenBy(r => r.SubmittedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.StudentName, StringComparer.CurrentCulture)
            .ToList();
        return new EssayQueue(ToDetails(assignment), ordered);
    }

    /// <summary>A submission of the teacher's essay assignment with all its versions; null when it is not theirs.</summary>
    public async Task<TeacherEssay?> GetForTeacherAsync(Actor teacher, Guid submissionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var submission = await OwnedSubmissions(db, teacher).AsNoTracking()
            .Include(s => s.EssayVersions).Include(s => s.Student).Include(s => s.Assignment!.Class)
            .FirstOrDefaultAsync(s => s.Id == submissionId, ct);
        return submission is null
            ? null
            : new TeacherEssay(submission.Id, ToDetails(submission.Assignment!), submission.StudentId, submission.Student?.DisplayName ?? "Student", submission.Status,
                submission.EssayVersions.OrderBy(v => v.Number).Select(v => ToView(v, forStudent: false, Rubrics.ModelScored(submission.Assignment!.Essay?.Rubric))).ToList());
    }

    /// <summary>Saves the teacher's trait overrides and comment on a version; the submission becomes Reviewed unless already released.</summary>
    public async Task<EssayVersionView?> ReviewAsync(Actor teacher, Guid versionId, EssayReviewInput review, CancellationToken ct = default)
    {
        foreach (var score in review.Scores)
        {
            if (score.Score is < 1 or > 5 || double.IsNaN(score.Score))
            {
                throw new DomainRuleException($"A {score.Trait} score must be between 1 and 5.");
            }

            if (score.Comment?.Length > EssayJson.CommentMaxLength)
            {
                throw new DomainRuleException($"The comment on {score.Trait} can have at most {EssayJson.CommentMaxLength} characters.");
            }
        }

        if (review.Scores.GroupBy(s => s.Trait).Any(g => g.Count() > 1)
            || review.RubricScores.GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            throw new DomainRuleException("Give each trait at most one score.");
        }

        if (review.Comment?.Length > EssayJson.CommentMaxLength)
        {
            throw new DomainRuleException($"The overall comment can have at most {EssayJson.CommentMaxLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.EssayVersions.Include(v => v.Submission!.Assignment)
            .FirstOrDefaultAsync(v => v.Id == versionId && OwnedSubmissions(db, teacher).Any(s => s.Id == v.SubmissionId), ct);
        if (version is null)
        {
            return null;
        }

        var kept = Rubrics.ModelScored(version.Submission!.Assignment!.Essay?.Rubric);
        if (review.Scores.FirstOrDefault(s => !kept.Contains(s.Trait)) is { } removed)
        {
            throw new DomainRuleException($"{removed.Trait} is not in this assignment's rubric, so it has no score to change.");
        }

        var teacherScored = Rubrics.TeacherScored(version.Submission!.Assignment!.Essay?.Rubric);
        foreach (var score in review.RubricScores)
        {
            var trait = teacherScored.FirstOrDefault(t => string.Equals(t.Key, score.Key, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainRuleException($"\"{score.Key}\" is not a trait you added to this assignment's rubric.");
            if (double.IsNaN(score.Score) || score.Score < trait.Min || score.Score > trait.Max)
            {
                throw new DomainRuleException($"A {trait.Name} score must be between {trait.Min:0.##} and {trait.Max:0.##}.");
            }

            if (score.Comment?.Length > EssayJson.CommentMaxLength)
            {
                throw new DomainRuleException($"The comment on {trait.Name} can have at most {EssayJson.CommentMaxLength} characters.");
            }
        }

        version.TeacherScores = review.Scores
            .Select(s => new TeacherTraitScore(s.Trait, Math.Round(s.Score, 2), string.IsNullOrWhiteSpace(s.Comment) ? null : s.Comment.Trim()))
            .OrderBy(s => s.Trait)
            .ToList();
        version.TeacherRubricScores = teacherScored
            .Select(t => review.RubricScores.FirstOrDefault(s => string.Equals(s.Key, t.Key, StringComparison.OrdinalIgnoreCase)) is { } s
                ? new TeacherRubricScore(t.Key, Math.Round(s.Score, 2), string.IsNullOrWhiteSpace(s.Comment) ? null : s.Comment.Trim())
                : null)
            .OfType<TeacherRubricScore>()
            .ToList();
        version.TeacherComment = string.IsNullOrWhiteSpace(review.Comment) ? null : review.Comment.Trim();
        version.ReviewedAt = clock.GetUtcNow();
        var latest = await db.EssayVersions.Where(v => v.SubmissionId == version.SubmissionId).MaxAsync(v => v.Number, ct);
        if (version.Number == latest && version.Submission!.Status != SubmissionStatus.Released)
        {
            version.Submission.Status = SubmissionStatus.Reviewed;
        }

        await db.SaveChangesAsync(ct);
        return ToView(version, forStudent: false, Rubrics.ModelScored(version.Submission!.Assignment!.Essay?.Rubric));
    }

    /// <summary>
    /// Releases the latest version of each given submission of the assignment to its student; returns how many were
    /// released. Nothing is released while any of them lacks the teacher's score for a trait the teacher added to the
    /// rubric (the model does not score those), and the error names who and what.
    /// </summary>
    public async Task<int> ReleaseAsync(Actor teacher, Guid assignmentId, IReadOnlyCollection<Guid> submissionIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var submissions = await OwnedSubmissions(db, teacher)
            .Where(s => s.AssignmentId == assignmentId && submissionIds.Contains(s.Id) && s.EssayVersions.Any())
            .Include(s => s.EssayVersions)
            .Include(s => s.Student)
            .Include(s => s.Assignment)
            .ToListAsync(ct);
        var teacherScored = Rubrics.TeacherScored(submissions.FirstOrDefault()?.Assignment?.Essay?.Rubric);
        var unscored = submissions
            .Select(s => (Student: s.Student?.DisplayName ?? "a student", Missing: MissingTeacherScores(s.EssayVersions.MaxBy(v => v.Number)!, teacherScored)))
            .Where(x => x.Missing.Count > 0)
            .ToList();
        if (unscored.Count > 0)
        {
            var who = string.Join("; ", unscored.Select(x => $"{x.Student} ({string.Join(", ", x.Missing)})"));
            throw new DomainRuleException($"Nothing was released: score the traits you added to the rubric first, since the AI does not score them. Missing: {who}.");
        }

        var now = clock.GetUtcNow();
        var released = 0;
        foreach (var submission in submissions)
        {
            var latest = submission.EssayVersions.MaxBy(v => v.Number)!;
            if (latest.ReleasedAt is not null && submission.Status == SubmissionStatus.Released)
            {
                continue;
            }

            latest.ReleasedAt = now;
            submission.Status = SubmissionStatus.Released;
            released++;
        }

        await db.SaveChangesAsync(ct);
        return released;
    }

    /// <summary>The class's scores on the assignment as CSV (one row per student, the latest version); null when not the teacher's.</summary>
    public async Task<EssayScoresCsv?> ExportCsvAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default)
    {
        var queue = await GetQueueAsync(teacher, assignmentId, ct);
        if (queue is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.EssayVersions.AsNoTracking()
            .Where(v => v.Submission!.AssignmentId == assignmentId)
            .GroupBy(v => v.SubmissionId)
            .Select(g => g.OrderByDescending(v => v.Number).First())
            .ToListAsync(ct);
        var bySubmission = latest.ToDictionary(v => v.SubmissionId);
        var teacherScored = Rubrics.TeacherScored(queue.Assignment.Essay?.Rubric);
        var traits = Rubrics.ModelScored(queue.Assignment.Essay?.Rubric);
        var csv = new StringBuilder();
        csv.Append("student,email,status,version,submitted_at,words,off_topic,");
        csv.AppendJoin(',', traits.SelectMany(t => new[] { $"{Key(t)}_ai", $"{Key(t)}_teacher", Key(t) }));
        foreach (var trait in teacherScored)
        {
            csv.Append(',').Append(Csv($"{trait.Key}_teacher"));
        }

        csv.Append(",overall,cefr,released\n");
        foreach (var row in queue.Rows)
        {
            var version = row.SubmissionId is { } id && bySubmission.TryGetValue(id, out var v) ? ToView(v, forStudent: false, traits) : null;
            var cells = new List<string>
            {
                Csv(row.StudentName), Csv(row.Email), row.Status.ToString(), version?.Number.ToString(CultureInfo.InvariantCulture) ?? "",
                row.SubmittedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "",
                version?.WordCount.ToString(CultureInfo.InvariantCulture) ?? "", row.OffTopic ? "yes" : "no",
            };
            foreach (var trait in traits)
            {
                cells.Add(Number(version?.Scores?[trait]));
                cells.Add(Number(version?.TeacherScore(trait)?.Score));
                cells.Add(Number(version?.FinalScore(trait)));
            }

            cells.AddRange(teacherScored.Select(t => Number(version?.RubricScore(t.Key)?.Score)));

            cells.Add(Number(version?.FinalOverall));
            cells.Add(version?.FinalOverall is { } overall ? CefrBands.For(overall).Level : "");
            cells.Add(version?.ReleasedAt is null ? "no" : "yes");
            csv.AppendJoin(',', cells).Append('\n');
        }

        return new EssayScoresCsv(EssayScoresCsv.FileNameFor(queue.Assignment.Title), csv.ToString());
    }

    // ---- Helpers ----

    /// <summary>Scores and checks a text; a scorer or checker that throws leaves its part empty (logged), never the submission lost.</summary>
    private void Assess(EssayVersion version, string text, string? prompt)
    {
        try
        {
            version.Scores = models.Scorer.Score(text);
            version.ModelVersion = models.Scorer.ModelVersion;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogScoringFailed(logger, ex);
        }

        try
        {
            var check = models.Checker.Check(text, prompt);
            version.Issues = check.Issues.Where(i => i.Start >= 0 && i.Length >= 0 && i.Start + i.Length <= text.Length).ToList();
            version.Relevance = check.Relevance;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckingFailed(logger, ex);
        }
    }

    private async Task<Submission?> OpenSubmissionAsync(TutorDbContext db, Actor student, Guid assignmentId, CancellationToken ct)
    {
        var assignment = await VisibleEssay(db, student, clock.GetUtcNow()).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null)
        {
            return null;
        }

        if (assignment.State != AssignmentState.Published)
        {
            throw new DomainRuleException("This assignment is closed: your teacher no longer accepts work for it.");
        }

        var submission = await OwnSubmission(db, student, assignmentId).FirstOrDefaultAsync(ct);
        if (submission is null)
        {
            submission = new Submission
            {
                AssignmentId = assignmentId,
                StudentId = student.UserId,
                Kind = AssignmentKind.Essay,
                Status = SubmissionStatus.Draft,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Submissions.Add(submission);
        }

        return submission;
    }

    private static void CheckLength(string text)
    {
        if (text.Length > EssayVersion.TextMaxLength)
        {
            throw new DomainRuleException($"An essay can have at most {EssayVersion.TextMaxLength:N0} characters; this one has {text.Length:N0}.");
        }
    }

    private static IQueryable<Submission> OwnSubmission(TutorDbContext db, Actor student, Guid assignmentId) =>
        db.Submissions.Where(s => s.AssignmentId == assignmentId && s.StudentId == student.UserId).OrderBy(s => s.CreatedAt);

    private static IQueryable<Assignment> VisibleEssay(TutorDbContext db, Actor student, DateTimeOffset now) =>
        db.Assignments.Where(a =>
            a.Kind == AssignmentKind.Essay
            && a.Class!.ArchivedAt == null
            && a.Class.Enrollments.Any(e => e.StudentId == student.UserId && e.RemovedAt == null)
            && (a.State == AssignmentState.Closed || (a.State == AssignmentState.Published && (a.PublishAt == null || a.PublishAt <= now))));

    private static IQueryable<Assignment> OwnedEssays(TutorDbContext db, Actor teacher) =>
        db.Assignments.Where(a => a.Kind == AssignmentKind.Essay && (teacher.IsAdmin || a.Class!.TeacherId == teacher.UserId));

    private static IQueryable<Submission> OwnedSubmissions(TutorDbContext db, Actor teacher) =>
        db.Submissions.Where(s => s.Kind == AssignmentKind.Essay && (teacher.IsAdmin || s.Assignment!.Class!.TeacherId == teacher.UserId));

    private static EssayQueueRow Row(Guid studentId, string name, string email, Submission? submission, IReadOnlyList<RubricTrait> teacherScored,
        IReadOnlyList<EssayTrait> traits)
    {
        var latest = submission?.EssayVersions.MaxBy(v => v.Number);
        var view = latest is null ? null : ToView(latest, forStudent: false, traits);
        var status = submission switch
        {
            null => EssayQueueStatus.NotStarted,
            { Status: SubmissionStatus.Draft } => EssayQueueStatus.Writing,
            { Status: SubmissionStatus.Submitted } => EssayQueueStatus.Submitted,
            { Status: SubmissionStatus.Scored } => EssayQueueStatus.AiScored,
            { Status: SubmissionStatus.Reviewed } => EssayQueueStatus.Reviewed,
            _ => EssayQueueStatus.Released,
        };
        return new EssayQueueRow(studentId, name, email, submission?.Id, status, submission?.EssayVersions.Count ?? 0, submission?.SubmittedAt,
            view?.AiOverall, view?.FinalOverall, view?.Relevance?.OffTopic == true)
        {
            AwaitingTeacherScores = latest is null ? [] : MissingTeacherScores(latest, teacherScored),
        };
    }

    /// <summary>The names of the teacher-scored traits the version has no teacher score for.</summary>
    private static List<string> MissingTeacherScores(EssayVersion version, IReadOnlyList<RubricTrait> teacherScored) =>
        teacherScored.Where(t => !version.TeacherRubricScores.Any(s => string.Equals(s.Key, t.Key, StringComparison.OrdinalIgnoreCase)))
            .Select(t => t.Name)
            .ToList();

    // Work waiting for the teacher first, then what is done, then students who have not handed anything in.
    private static int QueueOrder(EssayQueueStatus status) => status switch
    {
        EssayQueueStatus.AiScored or EssayQueueStatus.Submitted => 0,
        EssayQueueStatus.Reviewed => 1,
        EssayQueueStatus.Released => 2,
        EssayQueueStatus.Writing => 3,
        _ => 4,
    };

    internal static EssayVersionView ToView(EssayVersion v, bool forStudent, IReadOnlyList<EssayTrait> traits)
    {
        var showReview = !forStudent || v.ReleasedAt is not null;
        return new EssayVersionView(v.Id, v.Number, v.Text, v.WordCount, v.Scores, v.ModelVersion, v.Issues, v.Relevance,
            v.Feedback, v.FeedbackStatus, v.FeedbackError,
            showReview ? v.TeacherScores : [], showReview ? v.TeacherComment : null, showReview ? v.ReviewedAt : null, v.ReleasedAt, v.CreatedAt)
        {
            RubricScores = showReview ? v.TeacherRubricScores : [],
            Traits = traits,
        };
    }

    private AssignmentDetails ToDetails(Assignment a) => new(
        a.Id, a.ClassId, a.Class?.Name ?? "", a.Kind, a.Title, a.Instructions, a.State, a.StatusAt(clock.GetUtcNow()),
        a.PublishAt, a.DueAt, a.ClosedAt, a.CreatedAt, a.UpdatedAt, a.Essay, a.Speaking);

    private static string Key(EssayTrait trait) => trait.ToString().ToLowerInvariant();

    private static string Number(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    // Quotes fields with separators, and defuses spreadsheet formulas (a name starting with = + - @).
    private static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "The essay scorer failed; the version is kept without scores.")]
    private static partial void LogScoringFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "The essay checker failed; the version is kept without corrections.")]
    private static partial void LogCheckingFailed(ILogger logger, Exception ex);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Essays;
using TutorPlatform.Core.Privacy;
using TutorPlatform.Core.Submissions;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Essays;

/// <summary>The essay coach's data on the real PostgreSQL: drafts, versions, reviews, release and the CSV export.</summary>
public sealed class EssayCoachServiceTests(TutorApiFactory app)
{
    private const string FirstDraft = "Many people think school should start later. I agree becuase teenagers need more sleep.";
    private const string Revision = "Many people believe school should start later, and I agree, because teenagers need more sleep than adults do. " +
                                    "Rested students concentrate, remember and participate far better in their lessons.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EssayCoachService Coach => app.Services.GetRequiredService<EssayCoachService>();

    [Fact]
    public async Task SaveDraft_ThenSubmitTwice_KeepsTheDraftAndEveryScoredVersion()
    {
        var s = await NewClassAsync();

        var savedAt = await Coach.SaveDraftAsync(s.Student, s.AssignmentId, FirstDraft, Ct);
        var draft = await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct);
        Assert.NotNull(savedAt);
        Assert.Equal(FirstDraft, draft!.DraftText);
        Assert.Equal(SubmissionStatus.Draft, draft.Status);
        Assert.Empty(draft.Versions);

        var first = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: false, Ct);
        var second = await Coach.SubmitAsync(s.Student, s.AssignmentId, Revision, feedbackAvailable: true, Ct);

        var essay = await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct);
        Assert.Equal([1, 2], essay!.Versions.Select(v => v.Number));
        Assert.Equal(SubmissionStatus.Scored, essay.Status);
        Assert.Equal(Revision, essay.DraftText);
        Assert.Equal(FirstDraft, essay.Versions[0].Text);
        Assert.All(essay.Versions, v => Assert.InRange(v.Scores!.Overall, 1.0, 5.0));
        Assert.All(essay.Versions, v => Assert.False(string.IsNullOrEmpty(v.ModelVersion)));
        Assert.Equal(EssayFeedbackStatus.Unavailable, first!.FeedbackStatus);
        Assert.Equal(EssayFeedbackStatus.Pending, second!.FeedbackStatus);
        Assert.Equal(14, essay.Versions[0].WordCount);
    }

    [Fact]
    public async Task SaveFeedback_Ready_IsKeptAndNeverOverwritten()
    {
        var s = await NewClassAsync();
        var version = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: true, Ct);

        Assert.True(await Coach.SaveFeedbackAsync(s.Student, version!.Id, EssayFeedbackStatus.Ready, "### Grammar\nGood.", null, "essay-feedback@v2", Ct));
        Assert.False(await Coach.SaveFeedbackAsync(s.Student, version.Id, EssayFeedbackStatus.Failed, null, "late failure", null, Ct));
        Assert.False(await Coach.SaveFeedbackAsync(s.Teacher, version.Id, EssayFeedbackStatus.Ready, "not theirs", null, null, Ct));

        var saved = (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.Versions.Single();
        Assert.Equal(EssayFeedbackStatus.Ready, saved.FeedbackStatus);
        Assert.Equal("### Grammar\nGood.", saved.Feedback);
    }

    [Fact]
    public async Task ReviewAndRelease_StudentSeesTeacherScoresOnlyAfterRelease_QueueAndCsvFollow()
    {
        var s = await NewClassAsync();
        var version = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: false, Ct);
        var queue = await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct);
        var row = Assert.Single(queue!.Rows);
        Assert.Equal(EssayQueueStatus.AiScored, row.Status);

        await Coach.ReviewAsync(s.Teacher, version!.Id, new EssayReviewInput([new TeacherTraitScore(EssayTrait.Grammar, 4.5, "Good agreement.")], "Nice work."), Ct);

        var beforeRelease = (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!;
        Assert.Empty(beforeRelease.Versions.Single().TeacherScores);
        Assert.Null(beforeRelease.Versions.Single().TeacherComment);
        Assert.Equal(EssayQueueStatus.Reviewed, (await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows.Single().Status);
        var assignments = app.Services.GetRequiredService<AssignmentService>();
        Assert.Equal(StudentAssignmentStatus.Submitted, (await assignments.ListForStudentAsync(s.Student, ct: Ct)).Single(a => a.Id == s.AssignmentId).Status);

        Assert.Equal(1, await Coach.ReleaseAsync(s.Teacher, s.AssignmentId, [row.SubmissionId!.Value], Ct));
        // The dashboard tells the student the review is back, not just "Submitted" as before.
        Assert.Equal(StudentAssignmentStatus.Returned, (await assignments.ListForStudentAsync(s.Student, ct: Ct)).Single(a => a.Id == s.AssignmentId).Status);

        var released = (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!;
        var grammar = Assert.Single(released.Versions.Single().TeacherScores);
        Assert.Equal(new TeacherTraitScore(EssayTrait.Grammar, 4.5, "Good agreement."), grammar);
        Assert.Equal("Nice work.", released.Versions.Single().TeacherComment);
        Assert.Equal(SubmissionStatus.Released, released.Status);
        Assert.Equal(EssayQueueStatus.Released, (await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows.Single().Status);

        var export = (await Coach.ExportCsvAsync(s.Teacher, s.AssignmentId, Ct))!;
        Assert.StartsWith("essay-scores-", export.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".csv", export.FileName, StringComparison.Ordinal);
        var csv = export.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var cells = csv[1].Split(',');
        Assert.Equal(2, csv.Length);
        Assert.Equal("Essay Student", cells[Array.IndexOf(header, "student")]);
        Assert.Equal("4.50", cells[Array.IndexOf(header, "grammar_teacher")]);
        Assert.Equal("4.50", cells[Array.IndexOf(header, "grammar")]);
        Assert.Equal("yes", cells[Array.IndexOf(header, "released")]);
    }

    [Fact]
    public async Task Revise_AfterRelease_GoesBackToTheQueueAsAiScored()
    {
        var s = await NewClassAsync();
        var first = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: false, Ct);
        var submissionId = (await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows.Single().SubmissionId!.Value;
        await Coach.ReleaseAsync(s.Teacher, s.AssignmentId, [submissionId], Ct);

        await Coach.SubmitAsync(s.Student, s.AssignmentId, Revision, feedbackAvailable: false, Ct);

        var row = (await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows.Single();
        Assert.Equal(EssayQueueStatus.AiScored, row.Status);
        Assert.Equal(2, row.VersionCount);
        var versions = (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.Versions;
        Assert.NotNull(versions.Single(v => v.Id == first!.Id).ReleasedAt);
    }

    [Fact]
    public async Task Access_OtherTeacherOrOutsider_SeesNothing()
    {
        var s = await NewClassAsync();
        var version = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: false, Ct);
        var submissionId = (await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows.Single().SubmissionId!.Value;
        var otherTeacher = app.School.TeacherB.Actor();
        var outsider = app.School.StudentB.Actor();

        Assert.Null(await Coach.GetQueueAsync(otherTeacher, s.AssignmentId, Ct));
        Assert.Null(await Coach.GetForTeacherAsync(otherTeacher, submissionId, Ct));
        Assert.Null(await Coach.ReviewAsync(otherTeacher, version!.Id, new EssayReviewInput([], "x"), Ct));
        Assert.Equal(0, await Coach.ReleaseAsync(otherTeacher, s.AssignmentId, [submissionId], Ct));
        Assert.Null(await Coach.ExportCsvAsync(otherTeacher, s.AssignmentId, Ct));
        Assert.Null(await Coach.GetForStudentAsync(outsider, s.AssignmentId, Ct));
        Assert.Null(await Coach.SubmitAsync(outsider, s.AssignmentId, FirstDraft, false, Ct));
        Assert.NotNull(await Coach.GetQueueAsync(app.School.Admin.Actor(isAdmin: true), s.AssignmentId, Ct));
    }

    [Fact]
    public async Task Submit_EmptyTooLongOrClosed_IsRefusedWithAReason()
    {
        var s = await NewClassAsync();

        var empty = await Assert.ThrowsAsync<DomainRuleException>(() => Coach.SubmitAsync(s.Student, s.AssignmentId, "   ", false, Ct));
        var tooLong = await Assert.ThrowsAsync<DomainRuleException>(() => Coach.SubmitAsync(s.Student, s.AssignmentId, new string('a', EssayVersion.TextMaxLength + 1), false, Ct));
        await app.Services.GetRequiredService<AssignmentService>().CloseAsync(s.Teacher, s.AssignmentId, Ct);
        var closed = await Assert.ThrowsAsync<DomainRuleException>(() => Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, false, Ct));

        Assert.Contains("Write your essay", empty.Message);
        Assert.Contains("20,000", tooLong.Message);
        Assert.Contains("closed", closed.Message);
        Assert.False((await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.CanSubmit);
    }

    [Fact]
    public async Task PersonalDataExport_IncludesDraftVersionsAndOnlyReleasedTeacherReviews()
    {
        var s = await NewClassAsync();
        var first = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, false, Ct);
        await Coach.ReviewAsync(s.Teacher, first!.Id, new EssayReviewInput([new TeacherTraitScore(EssayTrait.Cohesion, 4, "Clear.")], "Good."), Ct);
        await Coach.SaveDraftAsync(s.Student, s.AssignmentId, Revision, Ct);

        var export = await app.Services.GetRequiredService<PrivacyService>().ExportAsync(s.Student, Ct);

        var submission = Assert.Single(export!.Submissions);
        Assert.Equal(Revision, submission.EssayDraft);
        var version = Assert.Single(submission.EssayVersions);
        Assert.Equal(FirstDraft, version.Text);
        Assert.NotNull(version.Scores);
        Assert.Empty(version.TeacherScores); // reviewed, not released: still the teacher's
        Assert.Null(version.TeacherComment);
    }

    [Fact]
    public async Task Review_ScoreOutsideTheScale_IsRefused()
    {
        var s = await NewClassAsync();
        var version = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, false, Ct);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Coach.ReviewAsync(s.Teacher, version!.Id, new EssayReviewInput([new TeacherTraitScore(EssayTrait.Syntax, 6, null)], null), Ct));

        Assert.Contains("between 1 and 5", error.Message);
    }

    [Fact]
    public async Task RubricTraitAddedByTheTeacher_IsNeverScoredByTheModel_AndMustBeScoredByTheTeacherBeforeRelease()
    {
        var s = await NewClassAsync([.. Rubrics.DefaultAnalytic(), new RubricTrait { Name = "Use of sources", Description = "Quotes and names its sources.", Min = 0, Max = 10 }]);
        var version = await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: false, Ct);
        Assert.Empty(version!.RubricScores); // the model scored its six traits, and nothing else

        // The queue says the teacher's score is needed, and nothing can be released without it.
        Assert.Equal(["Use of sources"], Assert.Single((await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows).AwaitingTeacherScores);
        var submissionId = (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.SubmissionId!.Value;
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Coach.ReleaseAsync(s.Teacher, s.AssignmentId, [submissionId], Ct));
        Assert.Contains("Essay Student (Use of sources)", refused.Message);
        Assert.Null((await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.Versions.Single().ReleasedAt);

        // Scores outside the trait's own scale, or for a trait the model scores, are refused.
        var outOfScale = await Assert.ThrowsAsync<DomainRuleException>(() => Coach.ReviewAsync(s.Teacher, version.Id,
            new EssayReviewInput([], null) { RubricScores = [new TeacherRubricScore("use_of_sources", 11, null)] }, Ct));
        Assert.Contains("between 0 and 10", outOfScale.Message);
        await Assert.ThrowsAsync<DomainRuleException>(() => Coach.ReviewAsync(s.Teacher, version.Id,
            new EssayReviewInput([], null) { RubricScores = [new TeacherRubricScore("grammar", 3, null)] }, Ct));

        await Coach.ReviewAsync(s.Teacher, version.Id,
            new EssayReviewInput([], null) { RubricScores = [new TeacherRubricScore("use_of_sources", 7.5, "Two sources named.\nQuote one of them.")] }, Ct);
        Assert.Empty(Assert.Single((await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows).AwaitingTeacherScores);
        Assert.Empty((await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.Versions.Single().RubricScores); // not released yet

        Assert.Equal(1, await Coach.ReleaseAsync(s.Teacher, s.AssignmentId, [submissionId], Ct));
        var released = (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.Versions.Single();
        Assert.Equal(new TeacherRubricScore("use_of_sources", 7.5, "Two sources named.\nQuote one of them."), Assert.Single(released.RubricScores));
        var csv = (await Coach.ExportCsvAsync(s.Teacher, s.AssignmentId, Ct))!.Content.Split('\n');
        var column = Array.IndexOf(csv[0].Split(','), "use_of_sources_teacher");
        Assert.True(column > 0, csv[0]);
        Assert.Equal("7.50", csv[1].Split(',')[column]);
    }

    private sealed record Setup(Actor Teacher, Actor Student, Guid ClassId, Guid AssignmentId);

    [Fact]
    public async Task RubricTraitRemovedByTheTeacher_IsNotShownCountedExportedOrOverridable()
    {
        var s = await NewClassAsync([.. Rubrics.DefaultAnalytic().Where(t => t.Key != "phraseology")]);

        var version = (await Coach.SubmitAsync(s.Student, s.AssignmentId, FirstDraft, feedbackAvailable: false, Ct))!;
        var kept = new[] { EssayTrait.Cohesion, EssayTrait.Syntax, EssayTrait.Vocabulary, EssayTrait.Grammar, EssayTrait.Conventions };
        Assert.Equal(kept, version.Traits);
        Assert.Equal(kept.Average(t => version.Scores![t]), version.AiOverall!.Value, 6);
        Assert.Equal(kept, (await Coach.GetForStudentAsync(s.Student, s.AssignmentId, Ct))!.Versions.Single().Traits);
        var row = (await Coach.GetQueueAsync(s.Teacher, s.AssignmentId, Ct))!.Rows.Single();
        Assert.Equal(version.AiOverall!.Value, row.AiOverall!.Value, 6);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Coach.ReviewAsync(s.Teacher, version.Id,
            new EssayReviewInput([new TeacherTraitScore(EssayTrait.Phraseology, 2, null)], null), Ct));
        Assert.Contains("not in this assignment's rubric", refused.Message);

        var csv = (await Coach.ExportCsvAsync(s.Teacher, s.AssignmentId, Ct))!.Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        Assert.DoesNotContain(header, h => h.StartsWith("phraseology", StringComparison.Ordinal));
        Assert.Contains("grammar_ai", header);
        Assert.Equal(version.AiOverall!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), csv[1].Split(',')[Array.IndexOf(header, "overall")]);
    }

    private async Task<Setup> NewClassAsync(List<RubricTrait>? rubric = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var student = await TestSchool.CreateUserAsync(users, $"essay.{suffix}@test.example", "Essay Student", Roles.Student);
        var classes = scope.ServiceProvider.GetRequiredService<ClassService>();
        var teacher = app.School.TeacherA.Actor();
        var schoolClass = await classes.CreateAsync(teacher, new ClassInput($"Essay class {suffix}"), Ct);
        await classes.JoinAsync(student.Actor(), schoolClass.JoinCode, Ct);
        var input = TestSchool.EssayInput("Should school start later?", null);
        input.EssayRubric = rubric ?? input.EssayRubric;
        var assignment = await scope.ServiceProvider.GetRequiredService<AssignmentService>().CreateAsync(teacher, schoolClass.Id, input, publish: true, Ct);
        return new Setup(teacher, student.Actor(), schoolClass.Id, assignment!.Id);
    }
}

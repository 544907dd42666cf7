using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Submissions;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Speaking;

[Collection(SpeakingCollection.Name)]
public sealed class SpeakingServiceTests(SpeakingAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestSchool School => app.School;

    private SpeakingService Speaking => app.Services.GetRequiredService<SpeakingService>();

    [Fact]
    public async Task AssessReadAloud_OnOwnAssignment_SavesTakeWithScoresAndPlayableAudio()
    {
        var assignment = await ReadAloudAssignmentAsync("The weather is fine today.");

        var take = await Speaking.AssessReadAloudAsync(School.StudentA.Actor(), ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(2), Ct);

        Assert.NotNull(take);
        Assert.Equal(78, take.Scores!.Total);
        Assert.Equal("The weather is fine today.", take.ReferenceText);
        Assert.Equal(5, take.Assessment!.Words.Count);
        var wav = await Speaking.GetAudioAsync(School.StudentA.Actor(), take.Id, Ct);
        Assert.NotNull(wav);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.InRange(wav.Length, 44 + (2 * 16_000 * 2) - 400, 44 + (2 * 16_000 * 2) + 400); // 2 s at 16 kHz, 16-bit
    }

    [Fact]
    public async Task AssessReadAloud_OnAnotherClassesAssignment_ReturnsNullAndSavesNothing()
    {
        var before = await CountAttemptsAsync(School.StudentA);

        var take = await Speaking.AssessReadAloudAsync(School.StudentA.Actor(), ReadAloudTarget.ForAssignment(School.PublishedSpeakingB), TestAudio.Tone(1), Ct);

        Assert.Null(take);
        Assert.Equal(before, await CountAttemptsAsync(School.StudentA));
    }

    [Fact]
    public async Task AssessReadAloud_WithSilence_RefusesWithSilentError()
    {
        var ex = await Assert.ThrowsAsync<SpeakingInputException>(() =>
            Speaking.AssessReadAloudAsync(School.StudentA.Actor(), ReadAloudTarget.ForDrill("greetings"), TestAudio.Silence(2), Ct));

        Assert.Equal(SpeakingInputError.Silent, ex.Error);
    }

    [Fact]
    public async Task AssessReadAloud_OnUnknownDrill_ReturnsNull() =>
        Assert.Null(await Speaking.AssessReadAloudAsync(School.StudentA.Actor(), ReadAloudTarget.ForDrill("no-such-drill"), TestAudio.Tone(1), Ct));

    [Fact]
    public async Task HandIn_MarksOnlyTheChosenTakeAndSubmitsTheAssignment()
    {
        var assignment = await ReadAloudAssignmentAsync("I like green apples.");
        var student = School.StudentA.Actor();
        var first = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);
        var second = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);

        await Speaking.HandInAsync(student, first!.Id, Ct);
        await Speaking.HandInAsync(student, second!.Id, Ct);

        var takes = await Speaking.ListOwnAsync(student, ReadAloudTarget.ForAssignment(assignment), Ct);
        Assert.Equal([second.Id], takes.Where(t => t.HandedInAt is not null).Select(t => t.Id));
        var status = (await app.Services.GetRequiredService<AssignmentService>().ListForStudentAsync(student, School.ClassA, Ct)).Single(a => a.Id == assignment).Status;
        Assert.Equal(StudentAssignmentStatus.Submitted, status);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        var submission = await db.Submissions.SingleAsync(s => s.AssignmentId == assignment && s.StudentId == School.StudentA.Id, Ct);
        Assert.Equal((AssignmentKind.Speaking, SubmissionStatus.Submitted), (submission.Kind, submission.Status));
    }

    [Fact]
    public async Task Review_OfTheHandedInTake_ReturnsTheWorkToTheStudent_AndClearingItSubmitsItAgain()
    {
        var assignment = await ReadAloudAssignmentAsync("The sun was warm.");
        var student = School.StudentA.Actor();
        var take = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);
        var other = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);
        await Speaking.HandInAsync(student, take!.Id, Ct);
        var assignments = app.Services.GetRequiredService<AssignmentService>();
        async Task<StudentAssignmentStatus> StatusAsync() => (await assignments.ListForStudentAsync(student, School.ClassA, Ct)).Single(a => a.Id == assignment).Status;

        await Speaking.ReviewAsync(School.TeacherA.Actor(), other!.Id, new SpeakingReview(50, "Not the one handed in."), Ct);
        Assert.Equal(StudentAssignmentStatus.Submitted, await StatusAsync());

        await Speaking.ReviewAsync(School.TeacherA.Actor(), take.Id, new SpeakingReview(90, "Well read."), Ct);
        Assert.Equal(StudentAssignmentStatus.Returned, await StatusAsync());

        await Speaking.ReviewAsync(School.TeacherA.Actor(), take.Id, new SpeakingReview(null, " "), Ct);
        Assert.Equal(StudentAssignmentStatus.Submitted, await StatusAsync());
    }

    [Fact]
    public async Task HandIn_OfATakeReadBeforeTheTeacherEditedThePassage_IsRefused_ATakeOfTheNewTextIsTaken()
    {
        var assignment = await ReadAloudAssignmentAsync("The first version.");
        var student = School.StudentA.Actor();
        var old = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);
        var assignments = app.Services.GetRequiredService<AssignmentService>();
        var input = (await assignments.GetForTeacherAsync(School.TeacherA.Actor(), assignment, Ct))!.ToInput();
        input.SpeakingPassage = "The second version.";
        await assignments.UpdateAsync(School.TeacherA.Actor(), assignment, input, Ct);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Speaking.HandInAsync(student, old!.Id, Ct));
        var fresh = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);
        var handed = await Speaking.HandInAsync(student, fresh!.Id, Ct);

        Assert.Contains("earlier version of the passage", refused.Message, StringComparison.Ordinal);
        Assert.Equal("The second version.", fresh.ReferenceText);
        Assert.NotNull(handed!.HandedInAt);
    }

    [Fact]
    public async Task ListForAssignment_GivesTheTeacherTheTakesAndOtherTeachersNothing()
    {
        var assignment = await ReadAloudAssignmentAsync("Birds sing in the morning.");
        var take = await Speaking.AssessReadAloudAsync(School.StudentA.Actor(), ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);

        var forTeacher = await Speaking.ListForAssignmentAsync(School.TeacherA.Actor(), assignment, Ct);
        var forOther = await Speaking.ListForAssignmentAsync(School.TeacherB.Actor(), assignment, Ct);

        Assert.Equal([take!.Id], forTeacher!.Select(t => t.Id));
        Assert.Equal("Student A", forTeacher![0].StudentName);
        Assert.Null(forOther);
        Assert.NotNull(await Speaking.GetAudioAsync(School.TeacherA.Actor(), take.Id, Ct));
        Assert.Null(await Speaking.GetAudioAsync(School.TeacherB.Actor(), take.Id, Ct));
        Assert.Null(await Speaking.GetAudioAsync(School.StudentB.Actor(), take.Id, Ct));
    }

    [Fact]
    public async Task Review_ByTheTeacher_OverridesTheScoreWithAComment()
    {
        var assignment = await ReadAloudAssignmentAsync("We walked to the park.");
        var take = await Speaking.AssessReadAloudAsync(School.StudentA.Actor(), ReadAloudTarget.ForAssignment(assignment), TestAudio.Tone(1.5), Ct);

        var reviewed = await Speaking.ReviewAsync(School.TeacherA.Actor(), take!.Id, new SpeakingReview(85, "  Clear and confident.  "), Ct);
        var byOther = await Speaking.ReviewAsync(School.TeacherB.Actor(), take.Id, new SpeakingReview(10, "no"), Ct);

        Assert.Equal((85.0, "Clear and confident.", 85.0), (reviewed!.TeacherScore, reviewed.TeacherComment, reviewed.FinalScore));
        Assert.Null(byOther);
        var own = Assert.Single(await Speaking.ListOwnAsync(School.StudentA.Actor(), ReadAloudTarget.ForAssignment(assignment), Ct));
        Assert.Equal(85, own.TeacherScore);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task Review_WithScoreOutOfRange_IsRefused(double score)
    {
        var ex = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Speaking.ReviewAsync(School.TeacherA.Actor(), Guid.NewGuid(), new SpeakingReview(score, null), Ct));

        Assert.Contains("between 0 and 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_CollectsScoresAndTheWordsAndSoundsThatGoWrong()
    {
        var student = await NewStudentAsync();
        await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForDrill("th-sounds"), TestAudio.Tone(2), Ct);
        await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForDrill("th-sounds"), TestAudio.Tone(2), Ct);

        var history = await Speaking.GetHistoryAsync(student, Ct);

        Assert.Equal(2, history.Attempts.Count);
        var word = Assert.Single(history.Words); // the fake marks the second word of every take
        Assert.Equal(("think", 2, 2), (word.Text, word.Times, word.Seen));
        Assert.Equal("TH", history.Sounds[0].Text);
    }

    [Fact]
    public async Task DeleteExpiredAudio_RemovesOldAudioAndKeepsTheScores()
    {
        var student = await NewStudentAsync();
        var take = await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForDrill("greetings"), TestAudio.Tone(1), Ct);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.SpeakingAttempts.Where(a => a.Id == take!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, DateTimeOffset.UtcNow.AddDays(-400)), Ct);
        }

        var removed = await Speaking.DeleteExpiredAudioAsync(Ct);

        Assert.True(removed >= 1);
        Assert.Null(await Speaking.GetAudioAsync(student, take!.Id, Ct));
        var kept = Assert.Single((await Speaking.GetHistoryAsync(student, Ct)).Attempts);
        Assert.Equal((78.0, false), (kept.Scores!.Total, kept.HasAudio));
    }

    [Fact]
    public async Task PersonalDataExport_IncludesTheStudentsTakes()
    {
        var student = await NewStudentAsync();
        await Speaking.AssessReadAloudAsync(student, ReadAloudTarget.ForDrill("linking"), TestAudio.Tone(1.5), Ct);

        var export = await app.Services.GetRequiredService<Core.Privacy.PrivacyService>().ExportAsync(student, Ct);

        var take = Assert.Single(export!.SpeakingTakes);
        Assert.Equal(("linking", "ReadAloud", 78.0, true), (take.DrillKey, take.Mode, take.Total, take.AudioKept));
    }

    [Fact]
    public async Task ListForStudent_TellsARolePlayFromAReadAloud()
    {
        var assignments = app.Services.GetRequiredService<AssignmentService>();
        var readAloud = await ReadAloudAssignmentAsync("Bread is on the table.");
        var rolePlay = await assignments.CreateAsync(School.TeacherA.Actor(), School.ClassA, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = $"Role-play {Guid.NewGuid():N}"[..30],
            SpeakingMode = SpeakingMode.RolePlay,
            SpeakingScenario = "Order lunch at a cafe.",
            SpeakingGoals = ["Ask for the menu"],
        }, publish: true, Ct);

        var listed = await assignments.ListForStudentAsync(School.StudentA.Actor(), School.ClassA, Ct);

        Assert.True(listed.Single(a => a.Id == rolePlay!.Id).IsRolePlay);
        Assert.False(listed.Single(a => a.Id == readAloud).IsRolePlay);
        Assert.DoesNotContain(listed, a => a.Kind == AssignmentKind.Essay && a.IsRolePlay);
    }

    private async Task<Guid> ReadAloudAssignmentAsync(string passage)
    {
        var assignments = app.Services.GetRequiredService<AssignmentService>();
        var created = await assignments.CreateAsync(School.TeacherA.Actor(), School.ClassA, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = $"Read aloud {Guid.NewGuid():N}"[..30],
            SpeakingMode = SpeakingMode.ReadAloud,
            SpeakingPassage = passage,
        }, publish: true, Ct);
        return created!.Id;
    }

    private async Task<Actor> NewStudentAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.AppUser>>();
        var user = await TestSchool.CreateUserAsync(users, $"speaker.{Guid.NewGuid():N}@test.example", "Speaker", Core.Accounts.Roles.Student);
        return user.Actor();
    }

    private async Task<int> CountAttemptsAsync(TestUser student)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContextAsync(Ct);
        return await db.SpeakingAttempts.CountAsync(a => a.StudentId == student.Id, Ct);
    }
}

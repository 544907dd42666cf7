using System.Net;
using TutorPlatform.IntegrationTests.Fixtures;
using static TutorPlatform.Web.Api.StudentsApi;

namespace TutorPlatform.IntegrationTests.Api;

public sealed class StudentsApiTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestSchool School => app.School;

    [Fact]
    public async Task GetRoster_WithTeacherKey_ListsActiveMembersOnly()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var roster = await ApiAssert.OkAsync<List<RosterStudent>>(await client.GetAsync(Roster(School.ClassA), Ct));

        var student = Assert.Single(roster);
        Assert.Equal((School.StudentA.Id, "Student A", School.StudentA.Email), (student.StudentId, student.DisplayName, student.Email));
        Assert.DoesNotContain(roster, s => s.StudentId == School.RemovedStudent.Id);
    }

    [Fact]
    public async Task GetRoster_WithAdminKey_ReadsAnyClass()
    {
        using var client = app.CreateApiClient(School.AdminKey);

        var roster = await ApiAssert.OkAsync<List<RosterStudent>>(await client.GetAsync(Roster(School.ClassB), Ct));

        Assert.Equal([School.StudentB.Id], roster.Select(s => s.StudentId));
    }

    [Fact]
    public async Task GetRoster_AsSignedInStudentOfTheClass_Returns403Problem()
    {
        var client = await app.SignedInClientAsync(School.StudentA);

        var response = await client.GetAsync(Roster(School.ClassA), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListStudentSubmissions_WithTeacherKey_ReturnsTheStudentsWork()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.GetAsync(Submissions(School.ClassA, School.StudentA.Id), Ct);

        // Nobody can submit work yet (the coaches come later), so the history is an empty list, not a 404.
        Assert.Empty(await ApiAssert.OkAsync<List<StudentSubmission>>(response));
    }

    [Fact]
    public async Task ListStudentSubmissions_ForStudentRemovedFromTheClass_StillAnswers()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.GetAsync(Submissions(School.ClassA, School.RemovedStudent.Id), Ct);

        Assert.Empty(await ApiAssert.OkAsync<List<StudentSubmission>>(response));
    }

    [Fact]
    public async Task ListStudentSubmissions_ForStudentNeverInTheClass_Returns404Problem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.GetAsync(Submissions(School.ClassA, School.StudentB.Id), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListStudentSubmissions_AsTheSignedInStudent_Returns403Problem()
    {
        var client = await app.SignedInClientAsync(School.StudentA);

        var response = await client.GetAsync(Submissions(School.ClassA, School.StudentA.Id), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    private static Uri Roster(Guid classId) => new($"/api/v1/classes/{classId}/students", UriKind.Relative);

    private static Uri Submissions(Guid classId, Guid studentId) => new($"/api/v1/classes/{classId}/students/{studentId}/submissions", UriKind.Relative);
}

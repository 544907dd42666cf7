using System.Net;
using System.Net.Http.Json;
using System.Text;
using TutorPlatform.Core.Classes;
using TutorPlatform.IntegrationTests.Fixtures;
using ClassSummary = TutorPlatform.Web.Api.ClassesApi.ClassSummary;

namespace TutorPlatform.IntegrationTests.Api;

public sealed class ClassesApiTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestSchool School => app.School;

    [Fact]
    public async Task ListClasses_WithTeacherKey_ReturnsOnlyTheTeachersClassesWithJoinCodes()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var classes = await ApiAssert.OkAsync<List<ClassSummary>>(await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct));

        Assert.Contains(classes, c => c.Id == School.ClassA);
        Assert.DoesNotContain(classes, c => c.Id == School.ClassB);
        Assert.All(classes, c => Assert.Equal(School.TeacherA.Id, c.TeacherId));
        Assert.All(classes, c => Assert.Equal(JoinCodes.Length, c.JoinCode?.Length));
    }

    [Fact]
    public async Task ListClasses_WithBearerKey_AcceptsAuthorizationHeader()
    {
        using var client = app.CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", School.TeacherBKey);

        var classes = await ApiAssert.OkAsync<List<ClassSummary>>(await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct));

        Assert.Contains(classes, c => c.Id == School.ClassB);
    }

    [Fact]
    public async Task ListClasses_WithAdminKey_SeesEveryTeachersClasses()
    {
        using var client = app.CreateApiClient(School.AdminKey);

        var classes = await ApiAssert.OkAsync<List<ClassSummary>>(await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct));

        Assert.Contains(classes, c => c.Id == School.ClassA && c.TeacherId == School.TeacherA.Id);
        Assert.Contains(classes, c => c.Id == School.ClassB && c.TeacherId == School.TeacherB.Id);
    }

    [Fact]
    public async Task ListClasses_AsSignedInStudent_ReturnsOnlyTheirClassesWithoutJoinCode()
    {
        var client = await app.SignedInClientAsync(School.StudentA);

        var classes = await ApiAssert.OkAsync<List<ClassSummary>>(await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct));

        var only = Assert.Single(classes);
        Assert.Equal(School.ClassA, only.Id);
        Assert.Null(only.JoinCode);
    }

    [Fact]
    public async Task GetClass_OwnClassWithTeacherKey_ReturnsSummaryWithCounts()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var found = await ApiAssert.OkAsync<ClassSummary>(await client.GetAsync(new Uri($"/api/v1/classes/{School.ClassA}", UriKind.Relative), Ct));

        Assert.Equal(School.ClassAName, found.Name);
        Assert.Equal("Teacher A's class", found.Description);
        Assert.Equal("Teacher A", found.TeacherName);
        Assert.Equal(1, found.StudentCount); // the removed student no longer counts
        Assert.True(found.AssignmentCount >= 3);
        Assert.False(found.IsArchived);
    }

    [Fact]
    public async Task GetClass_UnknownId_Returns404Problem()
    {
        using var client = app.CreateApiClient(School.AdminKey);

        var response = await client.GetAsync(new Uri($"/api/v1/classes/{Guid.NewGuid()}", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateClass_WithTeacherKey_Returns201WithLocationOfTheNewClass()
    {
        using var client = app.CreateApiClient(School.TeacherBKey);
        var name = $"Created {Guid.NewGuid():N}";

        var response = await client.PostAsJsonAsync("/api/v1/classes", new { name, description = "  Made by the API  " }, Ct);

        var created = await ApiAssert.OkAsync<ClassSummary>(response, HttpStatusCode.Created);
        Assert.Equal(name, created.Name);
        Assert.Equal("Made by the API", created.Description);
        Assert.Equal(School.TeacherB.Id, created.TeacherId);
        Assert.Equal(0, created.StudentCount);
        Assert.Equal(JoinCodes.Length, created.JoinCode?.Length);
        Assert.Equal($"/api/v1/classes/{created.Id}", response.Headers.Location?.OriginalString);
        var again = await ApiAssert.OkAsync<ClassSummary>(await client.GetAsync(response.Headers.Location, Ct));
        Assert.Equal(created, again);
    }

    [Fact]
    public async Task CreateClass_DuplicateNameForSameTeacher_Returns409Problem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);
        var body = new { name = $"Duplicate {Guid.NewGuid():N}" };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/classes", body, Ct)).StatusCode);

        var second = await client.PostAsJsonAsync("/api/v1/classes", body, Ct);

        var problem = await ApiAssert.ProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Contains(body.name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateClass_SameNameAsAnotherTeachersClass_Returns201()
    {
        var name = $"Shared name {Guid.NewGuid():N}";
        using var teacherA = app.CreateApiClient(School.TeacherAKey);
        using var teacherB = app.CreateApiClient(School.TeacherBKey);
        Assert.Equal(HttpStatusCode.Created, (await teacherA.PostAsJsonAsync("/api/v1/classes", new { name }, Ct)).StatusCode);

        var response = await teacherB.PostAsJsonAsync("/api/v1/classes", new { name }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateClass_WithoutName_Returns400ValidationProblem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync("/api/v1/classes", new { description = "no name" }, Ct);

        await ApiAssert.ValidationProblemAsync(response, "name");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("   ")]
    public async Task CreateClass_NameTooShortOrBlank_Returns400ValidationProblem(string name)
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync("/api/v1/classes", new { name }, Ct);

        await ApiAssert.ValidationProblemAsync(response, "name");
    }

    [Fact]
    public async Task CreateClass_NameLongerThanMaximum_Returns400ValidationProblem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync("/api/v1/classes", new { name = new string('x', SchoolClass.NameMaxLength + 1) }, Ct);

        await ApiAssert.ValidationProblemAsync(response, "name");
    }

    [Fact]
    public async Task CreateClass_DescriptionLongerThanMaximum_Returns400ValidationProblem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync(
            "/api/v1/classes", new { name = $"Long {Guid.NewGuid():N}", description = new string('x', SchoolClass.DescriptionMaxLength + 1) }, Ct);

        await ApiAssert.ValidationProblemAsync(response, "description");
    }

    [Theory]
    [InlineData("{ \"name\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ \"name\": 42 }")]
    public async Task CreateClass_MalformedJson_Returns400Problem(string json)
    {
        using var client = app.CreateApiClient(School.TeacherAKey);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/v1/classes", UriKind.Relative), content, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("The request body is not valid JSON for this endpoint", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateClass_EmptyBody_Returns400Problem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);
        using var content = new StringContent("", Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/v1/classes", UriKind.Relative), content, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("This endpoint needs a JSON request body", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateClass_NotJson_Returns415Problem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);
        using var content = new StringContent("name=Plain", Encoding.UTF8, "text/plain");

        var response = await client.PostAsync(new Uri("/api/v1/classes", UriKind.Relative), content, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.StartsWith("This endpoint takes application/json, not text/plain.", problem.GetProperty("detail").GetString());
    }
}

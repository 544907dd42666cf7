using System.Net;
using System.Net.Http.Json;
using TutorPlatform.Core.Assignments;
using TutorPlatform.IntegrationTests.Fixtures;
using AssignmentDetails = TutorPlatform.Web.Api.AssignmentsApi.AssignmentDetails;
using AssignmentSummary = TutorPlatform.Web.Api.AssignmentsApi.AssignmentSummary;
using ClassSummary = TutorPlatform.Web.Api.ClassesApi.ClassSummary;

namespace TutorPlatform.IntegrationTests.Api;

public sealed class AssignmentsApiTests(TutorApiFactory app)
{
    private static readonly string[] RolePlayGoals = ["Say the day", " ", "Ask about the menu"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestSchool School => app.School;

    [Fact]
    public async Task ListAssignments_WithTeacherKey_IncludesDraftsAndScheduledWithTheirStatus()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var list = await ApiAssert.OkAsync<List<AssignmentSummary>>(await client.GetAsync(Url(School.ClassA), Ct));

        Assert.Equal(AssignmentStatus.Open, list.Single(a => a.Id == School.PublishedEssayA).Status);
        Assert.Equal(AssignmentStatus.Draft, list.Single(a => a.Id == School.DraftA).Status);
        Assert.Equal(AssignmentStatus.Scheduled, list.Single(a => a.Id == School.ScheduledA).Status);
        Assert.All(list, a => Assert.Null(a.StudentStatus));
        Assert.All(list, a => Assert.Equal(School.ClassA, a.ClassId));
    }

    [Fact]
    public async Task ListAssignments_AsSignedInStudent_ShowsOnlyVisibleOnesWithTheirOwnStatus()
    {
        var client = await app.SignedInClientAsync(School.StudentA);

        var list = await ApiAssert.OkAsync<List<AssignmentSummary>>(await client.GetAsync(Url(School.ClassA), Ct));

        var only = Assert.Single(list, a => a.Id == School.PublishedEssayA);
        Assert.Equal(StudentAssignmentStatus.ToDo, only.StudentStatus);
        Assert.Null(only.Status);
        Assert.DoesNotContain(list, a => a.Id == School.DraftA || a.Id == School.ScheduledA);
    }

    [Fact]
    public async Task GetAssignment_WithTeacherKey_ReturnsEssaySettingsWithDefaultRubric()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var found = await ApiAssert.OkAsync<AssignmentDetails>(await client.GetAsync(Url(School.ClassA, School.PublishedEssayA), Ct));

        Assert.Equal("Should school start later?", found.Title);
        Assert.Equal(AssignmentKind.Essay, found.Kind);
        Assert.Equal(School.ClassAName, found.ClassName);
        Assert.NotNull(found.Essay);
        Assert.Equal("Give reasons and examples.", found.Essay.Prompt);
        Assert.Equal(Rubrics.DefaultAnalytic().Select(t => t.Key), found.Essay.Rubric.Select(t => t.Key));
        Assert.Null(found.Speaking);
    }

    [Fact]
    public async Task GetAssignment_AsSignedInStudent_ReturnsPublishedAssignment()
    {
        var client = await app.SignedInClientAsync(School.StudentA);

        var found = await ApiAssert.OkAsync<AssignmentDetails>(await client.GetAsync(Url(School.ClassA, School.PublishedEssayA), Ct));

        Assert.Equal(School.PublishedEssayA, found.Id);
        Assert.Equal(AssignmentStatus.Open, found.Status);
    }

    [Fact]
    public async Task GetAssignment_ThroughAnotherClassesPath_Returns404Problem()
    {
        using var client = app.CreateApiClient(School.AdminKey);

        var response = await client.GetAsync(Url(School.ClassB, School.PublishedEssayA), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateAssignment_PublishedEssay_Returns201AndStudentsOfTheClassSeeIt()
    {
        var (classId, key, student) = (School.ClassA, School.TeacherAKey, School.StudentA);
        using var client = app.CreateApiClient(key);
        var due = DateTimeOffset.UtcNow.AddDays(14);
        var title = $"Essay {Guid.NewGuid():N}";

        var response = await client.PostAsJsonAsync(Url(classId), new
        {
            kind = "Essay",
            title,
            instructions = "Plan first.",
            dueAt = due,
            publish = true,
            essay = new
            {
                prompt = "Describe a place that matters to you.",
                genre = "Descriptive",
                targetWords = 300,
                rubric = new[] { new { name = "Ideas", description = "Clear main idea", min = 0, max = 4 } },
            },
        }, Ct);

        var created = await ApiAssert.OkAsync<AssignmentDetails>(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/classes/{classId}/assignments/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(AssignmentStatus.Open, created.Status);
        Assert.Equal(EssayGenre.Descriptive, created.Essay?.Genre);
        Assert.Equal(300, created.Essay?.TargetWords);
        var trait = Assert.Single(created.Essay!.Rubric);
        Assert.Equal(("ideas", "Ideas", 0d, 4d), (trait.Key, trait.Name, trait.Min, trait.Max));
        Assert.Equal(due.ToUnixTimeSeconds(), created.DueAt?.ToUnixTimeSeconds());
        var studentClient = await app.SignedInClientAsync(student);
        var visible = await ApiAssert.OkAsync<List<AssignmentSummary>>(await studentClient.GetAsync(Url(classId), Ct));
        Assert.Contains(visible, a => a.Id == created.Id);
    }

    [Fact]
    public async Task CreateAssignment_DraftRolePlay_Returns201AsDraftHiddenFromStudents()
    {
        using var client = app.CreateApiClient(School.TeacherBKey);

        var response = await client.PostAsJsonAsync(Url(School.ClassB), new
        {
            kind = "Speaking",
            title = "Role-play: booking a table",
            speaking = new { mode = "RolePlay", scenario = "Book a table for four.", goals = RolePlayGoals },
        }, Ct);

        var created = await ApiAssert.OkAsync<AssignmentDetails>(response, HttpStatusCode.Created);
        Assert.Equal(AssignmentStatus.Draft, created.Status);
        Assert.Equal(SpeakingMode.RolePlay, created.Speaking?.Mode);
        Assert.Equal(["Say the day", "Ask about the menu"], created.Speaking?.Goals);
        Assert.Null(created.Essay);
        var student = await app.SignedInClientAsync(School.StudentB);
        var studentView = await student.GetAsync(Url(School.ClassB, created.Id), Ct);
        await ApiAssert.ProblemAsync(studentView, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateAssignment_IncreasesTheClassAssignmentCount()
    {
        using var client = app.CreateApiClient(School.TeacherBKey);
        var classResponse = await client.PostAsJsonAsync("/api/v1/classes", new { name = $"Counting {Guid.NewGuid():N}" }, Ct);
        var schoolClass = await ApiAssert.OkAsync<ClassSummary>(classResponse, HttpStatusCode.Created);

        var response = await client.PostAsJsonAsync(Url(schoolClass.Id), new { kind = "Speaking", title = "Read", speaking = new { passage = "Hello there." } }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await ApiAssert.OkAsync<ClassSummary>(await client.GetAsync(classResponse.Headers.Location, Ct));
        Assert.Equal(1, after.AssignmentCount);
    }

    public static TheoryData<string, object> InvalidAssignments => new()
    {
        { "title", new { kind = "Essay", essay = new { prompt = "p" } } },
        { "title", new { kind = "Essay", title = new string('t', Assignment.TitleMaxLength + 1), essay = new { prompt = "p" } } },
        { "kind", new { title = "No kind", essay = new { prompt = "p" } } },
        { "essay", new { kind = "Essay", title = "Essay without settings" } },
        { "speaking", new { kind = "Speaking", title = "Speaking without settings" } },
        { "essay.prompt", new { kind = "Essay", title = "Empty prompt", essay = new { prompt = "" } } },
        { "essay.targetWords", new { kind = "Essay", title = "Too short", essay = new { prompt = "p", targetWords = 10 } } },
        { "essay.rubric[0].max", new { kind = "Essay", title = "Bad rubric", essay = new { prompt = "p", rubric = new[] { new { name = "Ideas", min = 3, max = 3 } } } } },
        { "speaking.passage", new { kind = "Speaking", title = "Read nothing", speaking = new { mode = "ReadAloud" } } },
        { "speaking.passage", new { kind = "Speaking", title = "Read for ten minutes", speaking = new { mode = "ReadAloud", passage = new string('a', SpeakingSettings.PassageMaxLength + 1) } } },
        { "speaking.goals", new { kind = "Speaking", title = "Aimless", speaking = new { mode = "RolePlay", scenario = "At the shop", goals = Array.Empty<string>() } } },
        { "dueAt", new { kind = "Essay", title = "Due first", essay = new { prompt = "p" }, publishAt = "2030-01-10T00:00:00Z", dueAt = "2030-01-01T00:00:00Z" } },
    };

    [Theory]
    [MemberData(nameof(InvalidAssignments))]
    public async Task CreateAssignment_InvalidRequest_Returns400ValidationProblemNamingTheField(string field, object body)
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync(Url(School.ClassA), body, Ct);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task CreateAssignment_UnknownKind_Returns400Problem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync(Url(School.ClassA), new { kind = "Poem", title = "Not a kind" }, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateAssignment_InUnknownClass_Returns404Problem()
    {
        using var client = app.CreateApiClient(School.AdminKey);

        var response = await client.PostAsJsonAsync(Url(Guid.NewGuid()), new { kind = "Essay", title = "Lost", essay = new { prompt = "p" } }, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static Uri Url(Guid classId, Guid? assignmentId = null) =>
        new($"/api/v1/classes/{classId}/assignments" + (assignmentId is { } id ? $"/{id}" : ""), UriKind.Relative);
}

using System.Net;
using System.Text.Json;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Api;

/// <summary>The published OpenAPI document read as a contract: what clients generate their code from.</summary>
public sealed class OpenApiDocumentTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Path, string Method, string OperationId)[] ExpectedOperations =
    [
        ("/api/v1/classes", "get", "ListClasses"),
        ("/api/v1/classes", "post", "CreateClass"),
        ("/api/v1/classes/{classId}", "get", "GetClass"),
        ("/api/v1/classes/{classId}/assignments", "get", "ListAssignments"),
        ("/api/v1/classes/{classId}/assignments", "post", "CreateAssignment"),
        ("/api/v1/classes/{classId}/assignments/{assignmentId}", "get", "GetAssignment"),
        ("/api/v1/classes/{classId}/students", "get", "GetRoster"),
        ("/api/v1/classes/{classId}/students/{studentId}/submissions", "get", "ListStudentSubmissions"),
        ("/api/v1/essays/assessments", "post", "CreateEssayAssessment"),
        ("/api/v1/essays/assessments/{assessmentId}", "get", "GetEssayAssessment"),
        ("/api/v1/essays/assignments/{assignmentId}/scores.csv", "get", "ExportEssayScores"),
        ("/api/v1/speech/assessments", "post", "AssessPronunciation"),
        ("/api/v1/speech/transcriptions", "post", "TranscribeSpeech"),
    ];

    public static TheoryData<string, string, string> Operations => new(ExpectedOperations);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Document_EachOperation_IsNamedDescribedTaggedAndSecuredByTheApiKey(string path, string method, string operationId)
    {
        var document = await DocumentAsync();

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()));
        Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
        var security = operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(s => s.Name);
        Assert.Contains("ApiKey", security);
        var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("401", responses);
        Assert.Contains("429", responses);
        // A POST that stores something answers 201; the speech operations compute an answer and store nothing (200).
        Assert.Contains(method == "post" && !path.StartsWith("/api/v1/speech/", StringComparison.Ordinal) ? "201" : "200", responses);
    }

    [Fact]
    public async Task Document_Paths_AreExactlyTheV1Operations()
    {
        var document = await DocumentAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete").Select(o => (p.Name, o.Name)))
            .Order()
            .ToList();

        Assert.Equal(ExpectedOperations.Select(o => (o.Path, o.Method)).Order(), operations);
    }

    [Fact]
    public async Task Document_SecuritySchemes_DeclareTheApiKeyHeader()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");

        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Document_ClassSummarySchema_HasTheExpectedProperties()
    {
        var schema = Schema(await DocumentAsync(), "ClassSummary");

        var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(
            ["assignmentCount", "createdAt", "description", "id", "isArchived", "isDemo", "joinCode", "name", "studentCount", "teacherId", "teacherName"],
            properties.Order());
        Assert.Equal("uuid", schema.GetProperty("properties").GetProperty("id").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Document_CreateEssayAssessmentRequest_TextNeedsOneToTwentyThousandCharacters()
    {
        var text = Schema(await DocumentAsync(), "CreateEssayAssessmentRequest").GetProperty("properties").GetProperty("text");

        Assert.Equal(1, text.GetProperty("minLength").GetInt32());
        Assert.Equal(20_000, text.GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task Document_CreateClassRequestSchema_MatchesTheDomainLimits()
    {
        var schema = Schema(await DocumentAsync(), "CreateClassRequest");

        var name = schema.GetProperty("properties").GetProperty("name");

        Assert.Equal(SchoolClass.NameMaxLength, name.GetProperty("maxLength").GetInt32());
        Assert.Equal(2, name.GetProperty("minLength").GetInt32());
        Assert.Equal(SchoolClass.DescriptionMaxLength, schema.GetProperty("properties").GetProperty("description").GetProperty("maxLength").GetInt32());
        Assert.Contains("name", schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEmpty(schema.GetProperty("examples").EnumerateArray());
    }

    [Fact]
    public async Task Document_AssignmentSchemas_DescribeBothKindsWithStringEnums()
    {
        var document = await DocumentAsync();

        var request = Schema(document, "CreateAssignmentRequest").GetProperty("properties");
        var details = Schema(document, "AssignmentDetails").GetProperty("properties");

        Assert.Equal(Assignment.TitleMaxLength, request.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.True(request.TryGetProperty("essay", out _) && request.TryGetProperty("speaking", out _) && request.TryGetProperty("publish", out _));
        Assert.True(details.TryGetProperty("essay", out _) && details.TryGetProperty("speaking", out _) && details.TryGetProperty("status", out _));
        Assert.Equal(["Essay", "Speaking"], Schema(document, "AssignmentKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).OfType<string>());
        Assert.Equal(["Draft", "Scheduled", "Open", "Closed"], Schema(document, "AssignmentStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("integer", Schema(document, "EssayRequest").GetProperty("properties").GetProperty("targetWords").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Document_OtherKeySchemas_Exist()
    {
        var document = await DocumentAsync();

        Assert.True(Schema(document, "AssignmentSummary").GetProperty("properties").TryGetProperty("studentStatus", out _));
        Assert.True(Schema(document, "RosterStudent").GetProperty("properties").TryGetProperty("studentId", out _));
        Assert.True(Schema(document, "StudentSubmission").GetProperty("properties").TryGetProperty("submittedAt", out _));
        Assert.True(Schema(document, "ProblemDetails").GetProperty("properties").TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task ReferencePage_AtApiDocs_ServesScalarPagePointingAtTheDocument()
    {
        using var client = app.CreateApiClient();
        var redirect = await client.GetAsync(new Uri("/api/docs", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode); // Scalar adds the trailing slash its relative asset URLs need
        var page = new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location!);
        Assert.Equal("/api/docs/", page.AbsolutePath);

        var response = await client.GetAsync(page, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<title>TutorPlatform API v1</title>", html, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal); // resolved against the site root by Scalar's script
        // No toolbar of Scalar's cloud offers (Configure, Share, Deploy) even on localhost, nor its "Generate SDK" buttons.
        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
        Assert.Contains(".generate-sdk-button", html, StringComparison.Ordinal);
        Assert.Contains("input.scalar-password-input::placeholder", html, StringComparison.Ordinal);
        var script = await client.GetAsync(new Uri(page, "scalar.js"), Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode); // served from the package: the page works with no outside network
    }

    private static JsonElement Schema(JsonElement document, string name) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateApiClient();
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}

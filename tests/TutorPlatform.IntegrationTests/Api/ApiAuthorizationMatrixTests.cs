using System.Net;
using System.Net.Http.Json;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Api;

/// <summary>
/// Who may do what through /api/v1. Class A is Teacher A's (Student A is a member, another student was removed),
/// class B is Teacher B's (Student B is a member). "Not yours" is always 404, never 403, so ids reveal nothing;
/// 403 means the caller's role may never do that; 401 means no usable credentials (writes take keys only).
/// </summary>
public sealed class ApiAuthorizationMatrixTests(TutorApiFactory app)
{
    public enum Caller
    {
        Anonymous,
        WrongKey,
        MalformedKey,
        RevokedKey,
        TeacherAKey,
        TeacherBKey,
        AdminKey,
        TeacherACookie,
        StudentACookie,
        RemovedStudentCookie,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    // A student reads their own class and its visible assignments, nothing else, and never a roster.
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}", 200)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classB}", 404)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}/assignments", 200)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classB}/assignments", 404)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}/assignments/{essayA}", 200)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}/assignments/{draftA}", 404)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}/assignments/{scheduledA}", 404)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classB}/assignments/{speakingB}", 404)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}/students", 403)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classB}/students", 403)]
    [InlineData(Caller.StudentACookie, "GET", "/api/v1/classes/{classA}/students/{studentA}/submissions", 403)]
    [InlineData(Caller.StudentACookie, "POST", "/api/v1/classes", 401)]
    [InlineData(Caller.StudentACookie, "POST", "/api/v1/classes/{classA}/assignments", 401)]
    // Removal ends access to the class.
    [InlineData(Caller.RemovedStudentCookie, "GET", "/api/v1/classes/{classA}", 404)]
    [InlineData(Caller.RemovedStudentCookie, "GET", "/api/v1/classes/{classA}/assignments", 404)]
    [InlineData(Caller.RemovedStudentCookie, "GET", "/api/v1/classes/{classA}/assignments/{essayA}", 404)]
    // A teacher's key reads and writes their own classes only.
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classA}/students", 200)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classA}/assignments/{draftA}", 200)]
    [InlineData(Caller.TeacherAKey, "POST", "/api/v1/classes/{classA}/assignments", 201)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classB}", 404)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classB}/assignments", 404)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classB}/assignments/{speakingB}", 404)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classB}/students", 404)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classB}/students/{studentB}/submissions", 404)]
    [InlineData(Caller.TeacherAKey, "GET", "/api/v1/classes/{classA}/students/{studentB}/submissions", 404)]
    [InlineData(Caller.TeacherAKey, "POST", "/api/v1/classes/{classB}/assignments", 404)]
    [InlineData(Caller.TeacherBKey, "GET", "/api/v1/classes/{classA}", 404)]
    [InlineData(Caller.TeacherBKey, "GET", "/api/v1/classes/{classA}/students", 404)]
    [InlineData(Caller.TeacherBKey, "POST", "/api/v1/classes/{classA}/assignments", 404)]
    // An admin's key reads and writes every class.
    [InlineData(Caller.AdminKey, "GET", "/api/v1/classes/{classA}", 200)]
    [InlineData(Caller.AdminKey, "GET", "/api/v1/classes/{classB}", 200)]
    [InlineData(Caller.AdminKey, "GET", "/api/v1/classes/{classA}/students", 200)]
    [InlineData(Caller.AdminKey, "GET", "/api/v1/classes/{classB}/assignments/{speakingB}", 200)]
    [InlineData(Caller.AdminKey, "GET", "/api/v1/classes/{classB}/students/{studentB}/submissions", 200)]
    [InlineData(Caller.AdminKey, "POST", "/api/v1/classes/{classB}/assignments", 201)]
    [InlineData(Caller.AdminKey, "POST", "/api/v1/classes", 201)]
    // A teacher's browser session may read, but a cookie never writes.
    [InlineData(Caller.TeacherACookie, "GET", "/api/v1/classes/{classA}/students", 200)]
    [InlineData(Caller.TeacherACookie, "GET", "/api/v1/classes/{classB}", 404)]
    [InlineData(Caller.TeacherACookie, "POST", "/api/v1/classes", 401)]
    [InlineData(Caller.TeacherACookie, "POST", "/api/v1/classes/{classA}/assignments", 401)]
    // No usable credentials.
    [InlineData(Caller.Anonymous, "GET", "/api/v1/classes", 401)]
    [InlineData(Caller.Anonymous, "GET", "/api/v1/classes/{classA}", 401)]
    [InlineData(Caller.Anonymous, "POST", "/api/v1/classes", 401)]
    [InlineData(Caller.WrongKey, "GET", "/api/v1/classes", 401)]
    [InlineData(Caller.WrongKey, "POST", "/api/v1/classes", 401)]
    [InlineData(Caller.MalformedKey, "GET", "/api/v1/classes", 401)]
    [InlineData(Caller.RevokedKey, "GET", "/api/v1/classes", 401)]
    [InlineData(Caller.RevokedKey, "GET", "/api/v1/classes/{classA}/students", 401)]
    [InlineData(Caller.RevokedKey, "POST", "/api/v1/classes", 401)]
    public async Task Request_ByCaller_AnswersExpectedStatus(Caller caller, string method, string pathTemplate, int expected)
    {
        var client = await ClientForAsync(caller);
        using var owned = IsCookie(caller) ? null : client;
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Expand(pathTemplate), UriKind.Relative))
        {
            Content = method == "POST" ? JsonContent.Create(BodyFor(pathTemplate)) : null,
        };

        var response = await client.SendAsync(request, Ct);

        if (expected >= 400)
        {
            await ApiAssert.ProblemAsync(response, (HttpStatusCode)expected);
        }
        else
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(expected == (int)response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    [Theory]
    [InlineData(Caller.Anonymous, "Send an API key")]
    [InlineData(Caller.WrongKey, "revoked")]
    [InlineData(Caller.RevokedKey, "revoked")]
    public async Task Request_WithoutUsableKey_ChallengesForTheApiKey(Caller caller, string detail)
    {
        using var client = await ClientForAsync(caller);

        var response = await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private static bool IsCookie(Caller caller) => caller is Caller.TeacherACookie or Caller.StudentACookie or Caller.RemovedStudentCookie;

    /// <summary>Key clients are new for each call (the caller disposes them); signed-in clients are shared by the fixture.</summary>
    private async Task<HttpClient> ClientForAsync(Caller caller)
    {
        var school = app.School;
        return caller switch
        {
            Caller.Anonymous => app.CreateApiClient(),
            Caller.WrongKey => app.CreateApiClient("tp_AAAAAAAA_" + new string('b', 32)),
            Caller.MalformedKey => app.CreateApiClient("not-a-key"),
            Caller.RevokedKey => app.CreateApiClient(school.RevokedKey),
            Caller.TeacherAKey => app.CreateApiClient(school.TeacherAKey),
            Caller.TeacherBKey => app.CreateApiClient(school.TeacherBKey),
            Caller.AdminKey => app.CreateApiClient(school.AdminKey),
            Caller.TeacherACookie => await app.SignedInClientAsync(school.TeacherA),
            Caller.StudentACookie => await app.SignedInClientAsync(school.StudentA),
            Caller.RemovedStudentCookie => await app.SignedInClientAsync(school.RemovedStudent),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    private string Expand(string template)
    {
        var school = app.School;
        return template
            .Replace("{classA}", school.ClassA.ToString(), StringComparison.Ordinal)
            .Replace("{classB}", school.ClassB.ToString(), StringComparison.Ordinal)
            .Replace("{essayA}", school.PublishedEssayA.ToString(), StringComparison.Ordinal)
            .Replace("{draftA}", school.DraftA.ToString(), StringComparison.Ordinal)
            .Replace("{scheduledA}", school.ScheduledA.ToString(), StringComparison.Ordinal)
            .Replace("{speakingB}", school.PublishedSpeakingB.ToString(), StringComparison.Ordinal)
            .Replace("{studentA}", school.StudentA.Id.ToString(), StringComparison.Ordinal)
            .Replace("{studentB}", school.StudentB.Id.ToString(), StringComparison.Ordinal);
    }

    // Valid bodies, so that a refusal is about who asks and never about what they sent.
    private static object BodyFor(string pathTemplate) => pathTemplate.EndsWith("/assignments", StringComparison.Ordinal)
        ? new { kind = "Essay", title = $"Matrix {Guid.NewGuid():N}", essay = new { prompt = "Write about your week." } }
        : new { name = $"Matrix {Guid.NewGuid():N}" };
}

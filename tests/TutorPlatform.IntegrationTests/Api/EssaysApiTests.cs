using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Essays;
using TutorPlatform.IntegrationTests.Fixtures;
using static TutorPlatform.Web.Api.EssaysApi;

namespace TutorPlatform.IntegrationTests.Api;

public sealed class EssaysApiTests(TutorApiFactory app)
{
    private const string Url = "/api/v1/essays/assessments";
    private const string Essay = "Many people think school should start later. I agree becuase teenagers need more sleep.\n\nFirst, rested students learn better.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestSchool School => app.School;

    [Fact]
    public async Task CreateAssessment_WithKey_ReturnsScoresAndCorrectionsAtOnceAndAPollLink()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var response = await client.PostAsJsonAsync(Url, new { text = Essay, prompt = "Should school start later?" }, Ct);

        var created = await ApiAssert.OkAsync<EssayAssessmentResponse>(response, HttpStatusCode.Created);
        Assert.Equal($"{Url}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{Url}/{created.Id}", created.FeedbackUrl);
        Assert.Equal(Enum.GetValues<EssayTrait>(), created.Traits.Select(t => t.Trait));
        Assert.All(created.Traits, t => Assert.InRange(t.Score, 1.0, 5.0));
        Assert.All(created.Traits, t => Assert.Equal(CefrBands.For(t.Score).Level, t.Cefr));
        var spelling = Assert.Single(created.Corrections, c => c.Original == "becuase");
        Assert.Equal(Essay.IndexOf("becuase", StringComparison.Ordinal), spelling.Start);
        Assert.Contains("because", spelling.Replacements);
        Assert.NotNull(created.Relevance);
        Assert.Equal(19, created.WordCount);

        // No large model in this app: the feedback says so at once instead of leaving the client polling.
        Assert.Equal(EssayFeedbackStatus.Unavailable, created.Feedback.Status);
        var polled = await ApiAssert.OkAsync<EssayAssessmentResponse>(await client.GetAsync(created.FeedbackUrl, Ct));
        Assert.Equal(created.Id, polled.Id);
        Assert.Equal(created.Overall, polled.Overall);
    }

    [Fact]
    public async Task CreateAssessment_EmptyOrTooLong_AnswersValidationProblem()
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        var empty = await ApiAssert.ValidationProblemAsync(await client.PostAsJsonAsync(Url, new { text = "" }, Ct), "text");
        await ApiAssert.ValidationProblemAsync(await client.PostAsJsonAsync(Url, new { text = "   " }, Ct), "text");
        var tooLong = await ApiAssert.ValidationProblemAsync(await client.PostAsJsonAsync(Url, new { text = new string('a', EssayVersion.TextMaxLength + 1) }, Ct), "text");
        Assert.Equal("The essay is empty: send its text in `text`.", empty.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.StartsWith("The essay can have at most 20,000 characters", tooLong.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://lms.example.org/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("https://user:secret@lms.example.org/hook")]
    public async Task CreateAssessment_BadWebhookUrl_AnswersValidationProblem(string webhookUrl)
    {
        using var client = app.CreateApiClient(School.TeacherAKey);

        await ApiAssert.ValidationProblemAsync(await client.PostAsJsonAsync(Url, new { text = Essay, webhookUrl }, Ct), "webhookUrl");
    }

    [Fact]
    public async Task Assessment_WithoutKeyOrOfAnotherOwner_IsRefused()
    {
        using var anonymous = app.CreateApiClient();
        using var teacherA = app.CreateApiClient(School.TeacherAKey);
        using var teacherB = app.CreateApiClient(School.TeacherBKey);
        var created = await ApiAssert.OkAsync<EssayAssessmentResponse>(await teacherA.PostAsJsonAsync(Url, new { text = Essay }, Ct), HttpStatusCode.Created);

        await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync(Url, new { text = Essay }, Ct), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await teacherB.GetAsync(created.FeedbackUrl, Ct), HttpStatusCode.NotFound);
        using var admin = app.CreateApiClient(School.AdminKey);
        Assert.Equal(created.Id, (await ApiAssert.OkAsync<EssayAssessmentResponse>(await admin.GetAsync(created.FeedbackUrl, Ct))).Id);
    }

    [Fact]
    public async Task ExportScores_TeacherGetsCsv_StudentIsForbidden_OtherTeacherNotFound()
    {
        using var teacher = app.CreateApiClient(School.TeacherAKey);
        using var other = app.CreateApiClient(School.TeacherBKey);
        var student = await app.SignedInClientAsync(School.StudentA);
        var url = $"/api/v1/essays/assignments/{School.PublishedEssayA}/scores.csv";

        var response = await teacher.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("student,email,status,version", csv.TrimStart('\uFEFF'));
        Assert.Contains("Student A", csv);
        await ApiAssert.ProblemAsync(await student.GetAsync(url, Ct), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await other.GetAsync(url, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheEssayOperationsWithExamples()
    {
        using var client = app.CreateApiClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct)).RootElement;

        var post = document.GetProperty("paths").GetProperty(Url).GetProperty("post");
        Assert.Equal("CreateEssayAssessment", post.GetProperty("operationId").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty($"{Url}/{{assessmentId}}", out _));
        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateEssayAssessmentRequest");
        Assert.Equal(EssayVersion.TextMaxLength, request.GetProperty("properties").GetProperty("text").GetProperty("maxLength").GetInt32());
        Assert.Contains("becuase", request.GetProperty("examples")[0].GetProperty("text").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").GetProperty("EssayAssessmentResponse").TryGetProperty("examples", out _));
    }
}

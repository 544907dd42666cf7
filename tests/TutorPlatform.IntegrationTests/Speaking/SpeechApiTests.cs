using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TutorPlatform.Core.Speaking;
using TutorPlatform.IntegrationTests.Fixtures;
using TutorPlatform.Web.Api;

namespace TutorPlatform.IntegrationTests.Speaking;

[Collection(SpeakingCollection.Name)]
public sealed class SpeechApiTests(SpeakingAppFactory app)
{
    private const string Assessments = "/api/v1/speech/assessments";
    private const string Transcriptions = "/api/v1/speech/transcriptions";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Assess_WithWavAndText_ReturnsScoresWordsAndPhones()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var assessment = await ApiAssert.OkAsync<PronunciationAssessment>(
            await client.PostAsync(Assessments, Form(TestAudio.Tone(2.5), "audio.wav", "I think it will rain."), Ct));

        Assert.Equal((72, 80, 100, 76, 78), (assessment.Accuracy, assessment.Fluency, assessment.Completeness, assessment.Prosody, assessment.Total));
        Assert.Equal(["i", "think", "it", "will", "rain"], assessment.Words.Select(w => w.Word));
        Assert.Equal(WordErrorType.Mispronunciation, assessment.Words[1].ErrorType);
        Assert.Equal("TH", Assert.Single(assessment.Words[1].Phones).Phone);
        var call = app.Assessor.Calls.Last(c => c.Text == "I think it will rain.");
        Assert.InRange(call.Seconds, 2.4, 2.6); // decoded for real by ffmpeg, at 16 kHz
    }

    [Fact]
    public async Task Assess_AnswersJsonWithStringErrorTypes()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var response = await client.PostAsync(Assessments, Form(TestAudio.Tone(1.5), "take.wav", "Good morning."), Ct);

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Mispronunciation", json.GetProperty("words")[1].GetProperty("errorType").GetString());
        Assert.Equal("fake-assessor@1", json.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public async Task Assess_RoundsTimesAndScores_NoFloatingPointNoise()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        // The fake assessor's times are i * 0.4 + 0.35: 1.1500000000000001 and the like before rounding.
        var response = await client.PostAsync(Assessments, Form(TestAudio.Tone(1.5), "take.wav", "One two three four five six."), Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotMatch(@"\d\.\d{4,}", body);
        Assert.Equal(1.15, JsonDocument.Parse(body).RootElement.GetProperty("words")[2].GetProperty("endSeconds").GetDouble());
    }

    [Fact]
    public async Task Assess_WithTextFileAsAudio_Returns400UnsupportedFormat()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var problem = await ApiAssert.ProblemAsync(
            await client.PostAsync(Assessments, Form(Encoding.UTF8.GetBytes("this is not audio at all"), "notes.wav", "Hello."), Ct),
            HttpStatusCode.BadRequest);

        Assert.Equal("Unsupported audio format", problem.GetProperty("title").GetString());
        Assert.Contains("WAV, MP3, OGG/Opus, WebM or FLAC", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_WithTakeOverTheLimit_Returns400TooLong()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var problem = await ApiAssert.ProblemAsync(
            await client.PostAsync(Assessments, Form(TestAudio.Tone(61.5), "long.wav", "Hello."), Ct), HttpStatusCode.BadRequest);

        Assert.Equal("Audio too long", problem.GetProperty("title").GetString());
        Assert.Contains("60 seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_WithSilence_Returns400NoSpeech()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var problem = await ApiAssert.ProblemAsync(
            await client.PostAsync(Assessments, Form(TestAudio.Silence(2), "quiet.wav", "Hello."), Ct), HttpStatusCode.BadRequest);

        Assert.Equal("No speech in the audio", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Assess_WithEmptyText_Returns400(string text)
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var problem = await ApiAssert.ProblemAsync(
            await client.PostAsync(Assessments, Form(TestAudio.Tone(1), "take.wav", text), Ct), HttpStatusCode.BadRequest);

        Assert.Equal("No reference text", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Assess_WithoutAudioField_Returns400()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);
        using var form = new MultipartFormDataContent { { new StringContent("Hello."), "referenceText" } };

        var problem = await ApiAssert.ProblemAsync(await client.PostAsync(Assessments, form, Ct), HttpStatusCode.BadRequest);

        Assert.Equal("No audio", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Assess_WithJsonBody_Returns415Problem()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);
        using var body = new StringContent("""{"referenceText":"Hello."}""", Encoding.UTF8, "application/json");

        var problem = await ApiAssert.ProblemAsync(await client.PostAsync(Assessments, body, Ct), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("Unsupported Media Type", problem.GetProperty("title").GetString());
        Assert.StartsWith("This endpoint takes multipart/form-data, not application/json.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Assess_WithoutKey_Returns401Problem()
    {
        using var client = app.CreateApiClient();

        await ApiAssert.ProblemAsync(await client.PostAsync(Assessments, Form(TestAudio.Tone(1), "take.wav", "Hello."), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Assess_AsSignedInStudentWithACookie_IsRefused()
    {
        var client = await app.SignedInClientAsync(app.School.StudentA);

        var response = await client.PostAsync(Assessments, Form(TestAudio.Tone(1), "take.wav", "Hello."), Ct);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Transcribe_WithWav_ReturnsTextAndWordTimings()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var result = await ApiAssert.OkAsync<SpeechApi.TranscriptionResponse>(
            await client.PostAsync(Transcriptions, Form(TestAudio.Tone(2.5), "take.wav", text: null), Ct));

        Assert.Equal("i would like a table", result.Text);
        Assert.Equal(5, result.Words.Count);
        Assert.Equal((1.4, 1.7), (result.Words[2].StartSeconds, result.Words[2].EndSeconds));
        Assert.InRange(result.AudioSeconds, 2.4, 2.6);
    }

    [Fact]
    public async Task Transcribe_WithMp3NamedFileOfNoise_Returns400()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x00; // not an MPEG frame or ID3 tag

        var problem = await ApiAssert.ProblemAsync(await client.PostAsync(Transcriptions, Form(bytes, "noise.mp3", null), Ct), HttpStatusCode.BadRequest);

        Assert.Equal("Unsupported audio format", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesBothOperationsWithMultipartBodiesAndExamples()
    {
        using var client = app.CreateApiClient();

        var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).RootElement;

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { Assessments, Transcriptions })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _), $"{path} has no multipart body");
            Assert.True(post.GetProperty("responses").TryGetProperty("400", out _), $"{path} documents no 400");
        }

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("PronunciationAssessment").TryGetProperty("examples", out var examples) && examples.GetArrayLength() > 0);
        Assert.True(schemas.GetProperty("TranscriptionResponse").TryGetProperty("examples", out var tExamples) && tExamples.GetArrayLength() > 0);
    }

    private static MultipartFormDataContent Form(byte[] audio, string fileName, string? text)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "audio", fileName);
        if (text is not null)
        {
            form.Add(new StringContent(text), "referenceText");
        }

        return form;
    }
}

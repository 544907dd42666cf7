using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Remote;

namespace TutorPlatform.Speech.Tests.Remote;

public sealed class RemoteTranscriptionRecognizerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PcmAudio OneSecond = new(Enumerable.Range(0, 16_000).Select(i => (short)(1000 * Math.Sin(i / 10.0))).ToArray());

    [Fact]
    public async Task Recognize_PostsWavWithWordTimestamps_AndReadsTheWords()
    {
        var server = new StubServer(HttpStatusCode.OK,
            """{"text":"Hello, world!","words":[{"word":"Hello,","start":0.1,"end":0.45},{"word":"world!","start":0.5,"end":0.9}]}""");
        var recognizer = Create(server, apiKey: "sk-1");

        var result = await recognizer.RecognizeAsync(OneSecond, RecognitionOptions.Expecting("hello world"), Ct);

        Assert.Equal("hello world", result.Text);
        Assert.Equal([("hello", 0.1, 0.45), ("world", 0.5, 0.9)], result.Words.Select(w => (w.Word, w.StartSeconds, w.EndSeconds)));
        Assert.Equal("remote test-whisper", result.Recognizer);
        Assert.Equal(1.0, result.AudioSeconds, 3);
        var request = Assert.Single(server.Requests);
        Assert.Equal("http://gpu.test/v1/audio/transcriptions", request.Uri.ToString());
        Assert.Equal("Bearer sk-1", request.Authorization);
        Assert.Contains("name=model", request.Body, StringComparison.Ordinal);
        Assert.Contains("test-whisper", request.Body, StringComparison.Ordinal);
        Assert.Contains("verbose_json", request.Body, StringComparison.Ordinal);
        Assert.Contains("timestamp_granularities[]", request.Body, StringComparison.Ordinal);
        Assert.Contains("hello world", request.Body, StringComparison.Ordinal); // the expected text as the prompt
        Assert.Contains("RIFF", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recognize_WithoutWordTimings_KeepsTheText()
    {
        var recognizer = Create(new StubServer(HttpStatusCode.OK, """{"text":"It's fine."}"""));

        var result = await recognizer.RecognizeAsync(OneSecond, cancellationToken: Ct);

        Assert.Equal("it's fine", result.Text);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"message":"bad model"}}""", "400")]
    [InlineData(HttpStatusCode.OK, "<html>proxy error</html>", "not JSON")]
    [InlineData(HttpStatusCode.OK, """{"segments":[]}""", "neither words nor text")]
    public async Task Recognize_BadAnswers_AreSpeechEngineErrors(HttpStatusCode status, string body, string expected)
    {
        var recognizer = Create(new StubServer(status, body));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => recognizer.RecognizeAsync(OneSecond, cancellationToken: Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recognize_Unreachable_IsASpeechEngineError()
    {
        var recognizer = Create(new StubServer(new HttpRequestException("connection refused")));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => recognizer.RecognizeAsync(OneSecond, cancellationToken: Ct));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
    }

    private static RemoteTranscriptionRecognizer Create(StubServer server, string? apiKey = null) =>
        new(new HttpClient(server), Options.Create(new RemoteTranscriptionOptions { Endpoint = new Uri("http://gpu.test/v1"), Model = "test-whisper", ApiKey = apiKey }));

    private sealed record Seen(Uri Uri, string? Authorization, string Body);

    private sealed class StubServer : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly string _body = "";
        private readonly Exception? _failure;

        public StubServer(HttpStatusCode status, string body) => (_status, _body) = (status, body);

        public StubServer(Exception failure) => _failure = failure;

        public List<Seen> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : Encoding.Latin1.GetString(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            Requests.Add(new Seen(request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            return _failure is not null
                ? throw _failure
                : new HttpResponseMessage(_status) { Content = new StringContent(_body, Encoding.UTF8, "application/json") };
        }
    }
}

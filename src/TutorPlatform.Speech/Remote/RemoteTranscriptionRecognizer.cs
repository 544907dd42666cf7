using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Remote;

/// <summary>
/// Recognition by an OpenAI-compatible transcription server: the utterance goes up as 16 kHz mono WAV with
/// <c>response_format=verbose_json</c> and word timestamps; the words come back with their timings. Such servers give
/// no word confidences, so every word carries <see cref="ReportedConfidence"/>. Hints and grammars are sent as the
/// prompt where the mode allows, since the API has no grammar constraint.
/// </summary>
public sealed partial class RemoteTranscriptionRecognizer(HttpClient http, IOptions<RemoteTranscriptionOptions> remoteOptions) : ISpeechRecognizer
{
    /// <summary>The name of the HttpClient (with its resilience pipeline) the recogniser uses.</summary>
    public const string HttpClientName = "TutorPlatform.Speech.Remote";

    /// <summary>The confidence given to every word: the API reports none.</summary>
    public const double ReportedConfidence = 1.0;

    private readonly RemoteTranscriptionOptions _options = remoteOptions.Value;

    public string Name => $"remote {_options.Model}";

    public async Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var endpoint = _options.Endpoint ?? throw new SpeechEngineException("No remote transcription endpoint is configured (Speech:Remote:Endpoint).");
        var started = Stopwatch.GetTimestamp();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(AudioFormats.ToWav(audio));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "audio.wav");
        form.Add(new StringContent(_options.Model), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        form.Add(new StringContent("word"), "timestamp_granularities[]");
        form.Add(new StringContent("en"), "language");
        if (options is { Mode: RecognitionMode.Expected, Hint: { Length: > 0 } hint })
        {
            form.Add(new StringContent(hint), "prompt");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/audio/transcriptions")) { Content = form };
        if (!string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpeechEngineException($"The transcription server at {endpoint} did not answer within {_options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new SpeechEngineException($"The transcription server at {endpoint} could not be reached: {ex.Message}", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new SpeechEngineException($"The transcription server answered {(int)response.StatusCode}: {Shorten(body)}");
            }

            var words = Parse(body);
            return new RecognitionResult(string.Join(' ', words.Select(w => w.Word)), words, Name, audio.DurationSeconds,
                Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Reads a verbose_json transcription: the <c>words</c> array, or the text without timings where the server gave none.</summary>
    internal static IReadOnlyList<RecognizedWord> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SpeechEngineException($"The transcription server's answer is not JSON: {Shorten(json)}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SpeechEngineException($"The transcription server's answer is not a transcription: {Shorten(json)}");
            }

            var result = new List<RecognizedWord>();
            if (root.TryGetProperty("words", out var words) && words.ValueKind == JsonValueKind.Array)
            {
                foreach (var word in words.EnumerateArray())
                {
                    var text = Normalize(word.TryGetProperty("word", out var w) ? w.GetString() : null);
                    var start = word.TryGetProperty("start", out var s) && s.TryGetDouble(out var sv) ? sv : 0;
                    var end = word.TryGetProperty("end", out var e) && e.TryGetDouble(out var ev) ? ev : start;
                    result.AddRange(text.Select(t => new RecognizedWord(t, start, Math.Max(start, end), ReportedConfidence)));
                }

                return result;
            }

            if (root.TryGetProperty("text", out var whole) && whole.ValueKind == JsonValueKind.String)
            {
                return [.. Normalize(whole.GetString()).Select(t => new RecognizedWord(t, 0, 0, ReportedConfidence))];
            }

            throw new SpeechEngineException($"The transcription server's answer has neither words nor text: {Shorten(json)}");
        }
    }

    /// <summary>Lower case, punctuation removed (apostrophes kept), split on spaces: the platform's word form.</summary>
    private static string[] Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : NotWordCharacters().Replace(text.ToLower(CultureInfo.InvariantCulture), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex("[^a-z0-9' ]+")]
    private static partial Regex NotWordCharacters();
}

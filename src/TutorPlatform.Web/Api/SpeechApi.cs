using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Api;

/// <summary>
/// On-device speech for programs: pronunciation assessment of a read-aloud take and transcription with word timings.
/// Nothing is stored: the audio is decoded, checked and scored, and the answer returned.
/// </summary>
public static class SpeechApi
{
    public const int ReferenceTextMaxLength = 1000;

    public static IEndpointRouteBuilder MapSpeechApi(this IEndpointRouteBuilder v1)
    {
        // Multipart uploads from programs with an API key (never a cookie, as for every POST): no browser form, so no
        // antiforgery token.
        var speech = v1.MapGroup("/speech").WithTags("Speech").RequireAuthorization(Policies.ApiKeyOnly).DisableAntiforgery();

        speech.MapPost("/assessments", AssessPronunciation)
            .WithName(nameof(AssessPronunciation))
            .WithSummary("Assess the pronunciation of a read-aloud take")
            .WithDescription("Teachers' and administrators' API keys. Multipart form with `audio` (WAV, MP3, OGG/Opus, WebM or FLAC, up to 60 seconds by default) and `referenceText` " +
                             "(what the speaker was asked to read). Answers the sentence scores 0–100 (accuracy, fluency, completeness, prosody " +
                             "and total) and, per reference word, what was heard, its timing, accuracy and error type (none, mispronunciation, " +
                             "omission, insertion, repetition, unexpected pause) with per-phone scores in the CMU phone set. " +
                             "Audio that is not one of those formats, too long, too large or silent, and an empty text, get 400 (413 when too large).")
            .Accepts<AssessmentForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        speech.MapPost("/transcriptions", TranscribeSpeech)
            .WithName(nameof(TranscribeSpeech))
            .WithSummary("Transcribe speech with word timings")
            .WithDescription("Teachers' and administrators' API keys. Multipart form with `audio` (WAV, MP3, OGG/Opus, WebM or FLAC, up to 60 seconds by default). Answers the " +
                             "recognised text and every word with its start and end in seconds and a confidence 0–1, from the on-device recogniser.")
            .Accepts<TranscriptionForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    /// <summary>The form of an assessment request (documentation of the multipart body).</summary>
    public sealed class AssessmentForm
    {
        [Description("The recording: WAV, MP3, OGG/Opus, WebM or FLAC.")]
        public required IFormFile Audio { get; init; }

        [Description("The text the speaker was asked to read aloud (up to 1000 characters).")]
        public required string ReferenceText { get; init; }
    }

    /// <summary>The form of a transcription request (documentation of the multipart body).</summary>
    public sealed class TranscriptionForm
    {
        [Description("The recording: WAV, MP3, OGG/Opus, WebM or FLAC.")]
        public required IFormFile Audio { get; init; }
    }

    /// <summary>A transcription: the text and each word with its timing.</summary>
    public sealed record TranscriptionResponse(
        [property: Description("The recognised words joined by spaces, lower case.")] string Text,
        IReadOnlyList<TranscribedWord> Words,
        [property: Description("The length of the audio in seconds.")] double AudioSeconds,
        [property: Description("The recogniser and its model.")] string Recognizer);

    public sealed record TranscribedWord(
        string Word,
        [property: Description("Start in the audio, seconds.")] double StartSeconds,
        [property: Description("End in the audio, seconds.")] double EndSeconds,
        [property: Description("0–1.")] double Confidence);

    private static async Task<Results<Ok<PronunciationAssessment>, ProblemHttpResult>> AssessPronunciation(
        HttpRequest request,
        SpeakingService speaking,
        IAudioDecoder decoder,
        CancellationToken ct)
    {
        var (audio, problem) = await ReadAudioAsync(request, speaking.Options, decoder, ct);
        if (problem is not null)
        {
            return problem;
        }

        var text = request.Form["referenceText"].ToString().Trim();
        if (text.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No reference text", "Send the text that was read aloud in the `referenceText` form field.");
        }

        if (text.Length > ReferenceTextMaxLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "Reference text too long", $"`referenceText` can have at most {ReferenceTextMaxLength} characters.");
        }

        try
        {
            return TypedResults.Ok(Rounded(await speaking.AssessAsync(audio!, text, ct)));
        }
        catch (AlignmentException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The text cannot be aligned", ex.Message);
        }
        catch (SpeechEngineException ex)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Speech engine unavailable", ex.Message);
        }
    }

    // Times to the millisecond and scores to one decimal: "0.35000000000000003" is noise a client should not have to clean.
    private static PronunciationAssessment Rounded(PronunciationAssessment a) => a with
    {
        Accuracy = Math.Round(a.Accuracy, 1),
        Fluency = Math.Round(a.Fluency, 1),
        Completeness = Math.Round(a.Completeness, 1),
        Prosody = Math.Round(a.Prosody, 1),
        Total = Math.Round(a.Total, 1),
        AudioSeconds = Math.Round(a.AudioSeconds, 3),
        Words = a.Words.Select(w => w with
        {
            Accuracy = Math.Round(w.Accuracy, 1),
            StartSeconds = Math.Round(w.StartSeconds, 3),
            EndSeconds = Math.Round(w.EndSeconds, 3),
            Phones = w.Phones.Select(p => p with { Accuracy = Math.Round(p.Accuracy, 1), StartSeconds = Math.Round(p.StartSeconds, 3), EndSeconds = Math.Round(p.EndSeconds, 3) }).ToList(),
        }).ToList(),
    };

    private static async Task<Results<Ok<TranscriptionResponse>, ProblemHttpResult>> TranscribeSpeech(
        HttpRequest request,
        SpeakingService speaking,
        IAudioDecoder decoder,
        ISpeechRecognizer recognizer,
        CancellationToken ct)
    {
        var (audio, problem) = await ReadAudioAsync(request, speaking.Options, decoder, ct);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var result = await recognizer.RecognizeAsync(audio!, RecognitionOptions.Free, ct);
            return TypedResults.Ok(new TranscriptionResponse(
                result.Text,
                result.Words.Select(w => new TranscribedWord(w.Word, Math.Round(w.StartSeconds, 2), Math.Round(w.EndSeconds, 2), Math.Round(w.Confidence, 3))).ToList(),
                Math.Round(result.AudioSeconds, 2),
                result.Recognizer));
        }
        catch (SpeechEngineException ex)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Speech engine unavailable", ex.Message);
        }
    }

    private static async Task<(PcmAudio? Audio, ProblemHttpResult? Problem)> ReadAudioAsync(
        HttpRequest request, SpeakingOptions options, IAudioDecoder decoder, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Multipart form expected",
                "Send a multipart/form-data request with the recording in the `audio` field."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Unreadable form", $"The multipart form could not be read: {ex.Message}"));
        }

        if (form.Files.GetFile("audio") is not { } file)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "No audio", "Send the recording as a file in the `audio` form field."));
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Audio too large",
                $"The file is {file.Length / 1024.0 / 1024.0:0.0} MB; files up to {options.MaxUploadBytes / 1024 / 1024} MB are accepted."));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            return (await SpeakingAudioPipeline.DecodeAsync(decoder, buffer.ToArray(), options, ct), null);
        }
        catch (SpeakingInputException ex)
        {
            var title = ex.Error switch
            {
                SpeakingInputError.UnsupportedFormat => "Unsupported audio format",
                SpeakingInputError.TooLong => "Audio too long",
                SpeakingInputError.TooLarge => "Audio too large",
                SpeakingInputError.Silent => "No speech in the audio",
                SpeakingInputError.Empty => "Empty audio",
                _ => "Unreadable audio",
            };
            var status = ex.Error == SpeakingInputError.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return (null, Problem(status, title, ex.Message));
        }
        catch (AudioDecodingException ex)
        {
            return (null, Problem(StatusCodes.Status503ServiceUnavailable, "Audio decoder unavailable", ex.Message));
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}

/// <summary>Examples of the speech API's answers in the OpenAPI document.</summary>
internal sealed class SpeechApiExamples : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null)
        {
            return Task.CompletedTask;
        }

        var type = context.JsonTypeInfo.Type;
        if (type == typeof(PronunciationAssessment))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["accuracy"] = 78.5, ["fluency"] = 82.0, ["completeness"] = 100.0, ["prosody"] = 80.1, ["total"] = 81.2,
                    ["recognizedText"] = "i think the weather is better",
                    ["audioSeconds"] = 2.9,
                    ["words"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["index"] = 0, ["word"] = "i", ["recognized"] = "i", ["accuracy"] = 92.0, ["errorType"] = "None",
                            ["startSeconds"] = 0.31, ["endSeconds"] = 0.45,
                            ["phones"] = new JsonArray { new JsonObject { ["phone"] = "AY", ["accuracy"] = 92.0, ["startSeconds"] = 0.31, ["endSeconds"] = 0.45 } },
                        },
                        new JsonObject
                        {
                            ["index"] = 1, ["word"] = "think", ["recognized"] = "sink", ["accuracy"] = 48.0, ["errorType"] = "Mispronunciation",
                            ["startSeconds"] = 0.45, ["endSeconds"] = 0.82,
                            ["phones"] = new JsonArray
                            {
                                new JsonObject { ["phone"] = "TH", ["accuracy"] = 21.0, ["startSeconds"] = 0.45, ["endSeconds"] = 0.56 },
                                new JsonObject { ["phone"] = "IH", ["accuracy"] = 74.0, ["startSeconds"] = 0.56, ["endSeconds"] = 0.66 },
                                new JsonObject { ["phone"] = "NG", ["accuracy"] = 70.0, ["startSeconds"] = 0.66, ["endSeconds"] = 0.74 },
                                new JsonObject { ["phone"] = "K", ["accuracy"] = 81.0, ["startSeconds"] = 0.74, ["endSeconds"] = 0.82 },
                            },
                        },
                    },
                    ["modelVersion"] = "pron-ridge@1",
                },
            ];
        }
        else if (type == typeof(SpeechApi.TranscriptionResponse))
        {
            schema.Examples =
            [
                new JsonObject
                {
                    ["text"] = "i would like to book a table",
                    ["words"] = new JsonArray
                    {
                        new JsonObject { ["word"] = "i", ["startSeconds"] = 0.21, ["endSeconds"] = 0.33, ["confidence"] = 0.94 },
                        new JsonObject { ["word"] = "would", ["startSeconds"] = 0.33, ["endSeconds"] = 0.52, ["confidence"] = 0.88 },
                    },
                    ["audioSeconds"] = 2.1,
                    ["recognizer"] = "pocketsphinx en-us",
                },
            ];
        }

        return Task.CompletedTask;
    }
}

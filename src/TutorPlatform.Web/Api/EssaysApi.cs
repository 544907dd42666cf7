using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Essays;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Api;

/// <summary>The essay coach over HTTP: assess an essay (scores and corrections at once, written feedback later) and export a class's scores.</summary>
public static class EssaysApi
{
    public static IEndpointRouteBuilder MapEssaysApi(this IEndpointRouteBuilder v1)
    {
        var reads = v1.MapGroup("/essays").WithTags("Essays").RequireAuthorization(Policies.Api);
        var writes = v1.MapGroup("/essays").WithTags("Essays").RequireAuthorization(Policies.ApiKeyOnly);

        writes.MapPost("/assessments", CreateEssayAssessment)
            .WithName(nameof(CreateEssayAssessment))
            .WithSummary("Assess an essay")
            .WithDescription(
                "Scores the essay on six analytic traits (cohesion, syntax, vocabulary, phraseology, grammar, conventions; 1.0–5.0, " +
                "with a CEFR-style band) with the on-device model and returns them at once, with the inline corrections (spelling, " +
                "grammar, vocabulary upgrades) and, when a prompt is given, topic relevance. The large model's written feedback is " +
                "produced in the background: poll `feedbackUrl` until `feedback.status` is no longer `Pending`, or give a `webhookUrl`, " +
                $"which receives a POST `{{\"event\":\"{EssayFeedbackJob.WebhookEvent}\",\"assessmentId\":…,\"feedbackStatus\":…,\"url\":…}}` when it is done. " +
                $"The essay must have 1 to {EssayVersion.TextMaxLength:N0} characters. The scores are the small model's alone: nothing the essay or the large model says changes them.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        reads.MapGet("/assessments/{assessmentId:guid}", GetEssayAssessment)
            .WithName(nameof(GetEssayAssessment))
            .WithSummary("Get an essay assessment")
            .WithDescription("The assessment with its written feedback once ready (`feedback.status` Ready), or why there is none (Unavailable, Failed).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/assignments/{assignmentId:guid}/scores.csv", ExportEssayScores)
            .WithName(nameof(ExportEssayScores))
            .WithSummary("Export an essay assignment's scores as CSV")
            .WithDescription("One row per student of the class: status, latest version, AI and teacher score per trait, the final score and CEFR-style band. Teachers only.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public sealed record CreateEssayAssessmentRequest(
        [property: Required(ErrorMessage = "The essay is empty: send its text in `text`."),
                  StringLength(EssayVersion.TextMaxLength, MinimumLength = 1, ErrorMessage = "The essay can have at most {1:N0} characters: send a shorter text, or split it into several essays."),
                  Description("The essay, plain text; paragraphs separated by line breaks.")]
        string Text,
        [property: StringLength(EssayAssessment.PromptMaxLength), Description("The writing task, for the topic-relevance check and the feedback.")]
        string? Prompt = null,
        [property: StringLength(EssayAssessment.WebhookUrlMaxLength), Description("An absolute http(s) URL to POST to when the written feedback is done.")]
        string? WebhookUrl = null);

    public sealed record EssayAssessmentResponse(
        Guid Id,
        int WordCount,
        [property: Description("Mean of the six traits, 1.0–5.0.")] double Overall,
        [property: Description("CEFR-style band of the overall score (indicative, not a certified level).")] string OverallCefr,
        IReadOnlyList<TraitScore> Traits,
        [property: Description("Name and version of the scoring model.")] string? ModelVersion,
        IReadOnlyList<Correction> Corrections,
        [property: Description("Set when a prompt was given.")] Relevance? Relevance,
        Feedback Feedback,
        [property: Description("Where to poll for the written feedback.")] string FeedbackUrl,
        DateTimeOffset CreatedAt);

    // Property-level converters: the contract enums in Core carry none, and clients must read strings both ways.
    public sealed record TraitScore([property: JsonConverter(typeof(JsonStringEnumConverter<EssayTrait>))] EssayTrait Trait, double Score, string Cefr);

    public sealed record Correction(
        [property: Description("Offset of the span in the essay (UTF-16 code units).")] int Start,
        int Length,
        [property: Description("The text of the span.")] string Original,
        [property: JsonConverter(typeof(JsonStringEnumConverter<EssayIssueCategory>))] EssayIssueCategory Category,
        string RuleId,
        string Message,
        [property: Description("Replacements, best first; empty when none is offered.")] IReadOnlyList<string> Replacements);

    public sealed record Relevance(double Score, bool OffTopic, string Explanation);

    public sealed record Feedback(
        EssayFeedbackStatus Status,
        [property: Description("Per trait what is good and the next step, then the corrected weakest paragraph (Markdown-style headings).")] string? Text,
        [property: Description("The paragraph the model corrected.")] string? OriginalParagraph,
        [property: Description("Its corrected version.")] string? CorrectedParagraph,
        string? Error,
        DateTimeOffset? CompletedAt);

    private static async Task<Results<Created<EssayAssessmentResponse>, ValidationProblem>> CreateEssayAssessment(
        CreateEssayAssessmentRequest request,
        ClaimsPrincipal user,
        EssayAssessmentService assessments,
        IOptions<EssayWebhookOptions> webhooks,
        CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.WebhookUrl) && WebhookUrls.Problem(request.WebhookUrl.Trim(), webhooks.Value.AllowPrivateNetworks) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["webhookUrl"] = [problem] });
        }

        var created = await assessments.CreateAsync(user.ToActor(), new NewEssayAssessment(request.Text, request.Prompt, request.WebhookUrl), ct);
        var response = ToResponse(created);
        return TypedResults.Created(response.FeedbackUrl, response);
    }

    private static async Task<Results<Ok<EssayAssessmentResponse>, ProblemHttpResult>> GetEssayAssessment(
        [Description("The assessment's id.")] Guid assessmentId,
        ClaimsPrincipal user,
        EssayAssessmentService assessments,
        CancellationToken ct) =>
        await assessments.GetAsync(user.ToActor(), assessmentId, ct) is { } found
            ? TypedResults.Ok(ToResponse(found))
            : TypedResults.Problem(title: "Not found", detail: "No essay assessment with this id is visible to you.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportEssayScores(
        [Description("The essay assignment's id.")] Guid assignmentId,
        ClaimsPrincipal user,
        EssayCoachService coach,
        CancellationToken ct)
    {
        if (!user.IsTeacher())
        {
            return ApiProblems.TeachersOnly("an assignment's scores");
        }

        var csv = await coach.ExportCsvAsync(user.ToActor(), assignmentId, ct);
        return csv is null
            ? ApiProblems.AssignmentNotFound()
            : TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.Content)).ToArray(), "text/csv; charset=utf-8", csv.FileName);
    }

    private static EssayAssessmentResponse ToResponse(EssayAssessment a)
    {
        var scores = a.Scores ?? throw new InvalidOperationException($"Essay assessment {a.Id} has no scores.");
        var (_, corrected) = a.Feedback is null ? (null, null) : EssayFeedbackWriter.Split(a.Feedback);
        return new EssayAssessmentResponse(
            a.Id,
            a.WordCount,
            Math.Round(scores.Overall, 2),
            CefrBands.For(scores.Overall).Level,
            Enum.GetValues<EssayTrait>().Select(t => new TraitScore(t, Math.Round(scores[t], 2), CefrBands.For(scores[t]).Level)).ToList(),
            a.ModelVersion,
            a.Issues.Select(i => new Correction(i.Start, i.Length, a.Text.Substring(i.Start, i.Length), i.Category, i.RuleId, i.Message, i.Replacements)).ToList(),
            a.Relevance is { } r ? new Relevance(Math.Round(r.Score, 3), r.OffTopic, r.Explanation) : null,
            new Feedback(a.FeedbackStatus, a.Feedback, corrected is null ? null : EssayText.WeakestParagraph(a.Text, a.Issues), corrected, a.FeedbackError, a.FeedbackAt),
            $"{ApiSetup.Prefix}/essays/assessments/{a.Id}",
            a.CreatedAt);
    }
}

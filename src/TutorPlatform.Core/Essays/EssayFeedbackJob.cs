using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Essays;

/// <summary>What the webhook receives when an API assessment's feedback is done (ready, unavailable or failed).</summary>
public sealed record EssayWebhookPayload(string Event, Guid AssessmentId, EssayFeedbackStatus FeedbackStatus, string Url);

/// <summary>
/// The durable job behind the essay API: writes the large model's feedback for an assessment and saves it, then posts
/// the webhook. It may run twice (a worker died): saved feedback is not written again, and the webhook is posted until
/// it is answered with success (a failed post throws, so the job queue retries it with backoff).
/// </summary>
public sealed partial class EssayFeedbackJob(
    IDbContextFactory<TutorDbContext> dbFactory,
    EssayFeedbackWriter writer,
    IHttpClientFactory httpClients,
    IOptions<EssayWebhookOptions> webhookOptions,
    TimeProvider clock,
    ILogger<EssayFeedbackJob> logger)
{
    public const string WebhookHttpClientName = "TutorPlatform.Essays.Webhooks";
    public const string WebhookEvent = "essay.assessment.feedback";

    public async Task RunAsync(Guid assessmentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assessment = await db.EssayAssessments.FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null)
        {
            return; // deleted with its owner's account meanwhile
        }

        if (assessment.FeedbackStatus == EssayFeedbackStatus.Pending)
        {
            await WriteFeedbackAsync(assessment, ct);
            await db.SaveChangesAsync(ct);
        }

        if (assessment.WebhookUrl is { } url && assessment.WebhookDeliveredAt is null)
        {
            await PostWebhookAsync(db, assessment, new Uri(url), ct);
        }
    }

    private async Task WriteFeedbackAsync(EssayAssessment assessment, CancellationToken ct)
    {
        if (!writer.IsAvailable || assessment.Scores is null)
        {
            assessment.FeedbackStatus = EssayFeedbackStatus.Unavailable;
            assessment.FeedbackError = EssayFeedbackWriter.UnavailableMessage;
            return;
        }

        try
        {
            var text = await writer.WriteAsync(new EssayFeedbackInput(assessment.Text, assessment.Prompt, assessment.Scores, assessment.Issues), ct);
            assessment.Feedback = text;
            assessment.FeedbackStatus = text.Length > 0 ? EssayFeedbackStatus.Ready : EssayFeedbackStatus.Failed;
            assessment.FeedbackError = text.Length > 0 ? null : "The large model returned an empty answer.";
            assessment.FeedbackPromptId = writer.PromptId;
        }
        catch (ChatModelException ex)
        {
            // Reported, not retried: the model's own client already retried, and the scores and corrections stand.
            LogFeedbackFailed(logger, assessment.Id, ex.Message);
            assessment.FeedbackStatus = EssayFeedbackStatus.Failed;
            assessment.FeedbackError = ex.Message.Length <= 1000 ? ex.Message : ex.Message[..999] + "…";
        }

        assessment.FeedbackAt = clock.GetUtcNow();
    }

    private async Task PostWebhookAsync(TutorDbContext db, EssayAssessment assessment, Uri url, CancellationToken ct)
    {
        var options = webhookOptions.Value;
        if (!options.AllowPrivateNetworks && !await WebhookUrls.ResolvesToPublicAsync(url, ct))
        {
            assessment.WebhookError = "The webhook's host resolves to a private network address, so it was not called.";
            await db.SaveChangesAsync(ct);
            return;
        }

        using var client = httpClients.CreateClient(WebhookHttpClientName);
        client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var payload = new EssayWebhookPayload(WebhookEvent, assessment.Id, assessment.FeedbackStatus, $"/api/v1/essays/assessments/{assessment.Id}");
        try
        {
            using var response = await client.PostAsJsonAsync(url, payload, EssayJson.Options, ct);
            response.EnsureSuccessStatusCode();
            assessment.WebhookDeliveredAt = clock.GetUtcNow();
            assessment.WebhookError = null;
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            assessment.WebhookError = $"The webhook did not answer with success: {ex.Message}";
            await db.SaveChangesAsync(CancellationToken.None);
            throw; // the job queue retries with backoff
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Essay assessment {AssessmentId}: the large model's feedback failed: {Error}")]
    private static partial void LogFeedbackFailed(ILogger logger, Guid assessmentId, string error);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Jobs;

namespace TutorPlatform.Core.Essays;

public sealed record NewEssayAssessment(string Text, string? Prompt, string? WebhookUrl);

/// <summary>
/// Essays assessed through the public API: the small model's scores and the on-device corrections at once; the large
/// model's feedback by a durable job (<see cref="EssayFeedbackJob"/>), which then calls the webhook if one was given.
/// </summary>
public sealed class EssayAssessmentService(
    IDbContextFactory<TutorDbContext> dbFactory,
    TimeProvider clock,
    EssayModels models,
    EssayFeedbackWriter feedback,
    IJobQueue jobs,
    IOptions<EssayWebhookOptions> webhookOptions)
{
    public async Task<EssayAssessment> CreateAsync(Actor owner, NewEssayAssessment input, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new DomainRuleException("The essay is empty: send its text in `text`.");
        }

        if (input.Text.Length > EssayVersion.TextMaxLength)
        {
            throw new DomainRuleException($"The essay has {input.Text.Length:N0} characters; the limit is {EssayVersion.TextMaxLength:N0}.");
        }

        if (input.Prompt?.Length > EssayAssessment.PromptMaxLength)
        {
            throw new DomainRuleException($"The prompt can have at most {EssayAssessment.PromptMaxLength:N0} characters.");
        }

        var webhook = string.IsNullOrWhiteSpace(input.WebhookUrl) ? null : input.WebhookUrl.Trim();
        if (webhook is not null && WebhookUrls.Problem(webhook, webhookOptions.Value.AllowPrivateNetworks) is { } problem)
        {
            throw new DomainRuleException(problem);
        }

        var prompt = string.IsNullOrWhiteSpace(input.Prompt) ? null : input.Prompt.Trim();
        var scores = models.Scorer.Score(input.Text);
        var check = models.Checker.Check(input.Text, prompt);
        var assessment = new EssayAssessment
        {
            OwnerId = owner.UserId,
            Text = input.Text,
            Prompt = prompt,
            WordCount = EssayText.WordCount(input.Text),
            Scores = scores,
            ModelVersion = models.Scorer.ModelVersion,
            Issues = check.Issues.Where(i => i.Start >= 0 && i.Length >= 0 && i.Start + i.Length <= input.Text.Length).ToList(),
            Relevance = check.Relevance,
            FeedbackStatus = feedback.IsAvailable ? EssayFeedbackStatus.Pending : EssayFeedbackStatus.Unavailable,
            FeedbackError = feedback.IsAvailable ? null : EssayFeedbackWriter.UnavailableMessage,
            WebhookUrl = webhook,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.EssayAssessments.Add(assessment);
            await db.SaveChangesAsync(ct);
        }

        // Stored first, then queued: the job reads it by id. With no model the job still runs when a webhook waits.
        if (assessment.FeedbackStatus == EssayFeedbackStatus.Pending || webhook is not null)
        {
            try
            {
                jobs.Enqueue<EssayFeedbackJob>(j => j.RunAsync(assessment.Id, CancellationToken.None));
            }
            catch (InvalidOperationException ex)
            {
                // Background jobs are turned off in this process: say so rather than leave the client polling forever.
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.EssayAssessments.Attach(assessment);
                assessment.FeedbackStatus = EssayFeedbackStatus.Unavailable;
                assessment.FeedbackError = $"Written feedback is unavailable: {ex.Message}";
                await db.SaveChangesAsync(ct);
            }
        }

        return assessment;
    }

    /// <summary>An assessment of the actor's (any for an administrator); null otherwise, so ids reveal nothing.</summary>
    public async Task<EssayAssessment?> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EssayAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && (actor.IsAdmin || a.OwnerId == actor.UserId), ct);
    }
}

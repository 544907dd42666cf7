using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorPlatform.Core.Accounts;

namespace TutorPlatform.Core.Essays;

/// <summary>
/// An essay assessed through the public API (no class or assignment): the small model's scores and the corrections at
/// once, the large model's feedback later from a durable job, and an optional webhook told when it is ready.
/// </summary>
public sealed class EssayAssessment
{
    public const int PromptMaxLength = 4000;
    public const int WebhookUrlMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The API key's owner: only they (or an administrator) read it back.</summary>
    public Guid OwnerId { get; set; }
    public AppUser? Owner { get; set; }

    public string Text { get; set; } = "";
    public string? Prompt { get; set; }
    public int WordCount { get; set; }
    public EssayTraitScores? Scores { get; set; }
    public string? ModelVersion { get; set; }
    public List<EssayIssue> Issues { get; set; } = [];
    public TopicRelevance? Relevance { get; set; }

    public string? Feedback { get; set; }
    public EssayFeedbackStatus FeedbackStatus { get; set; }
    public string? FeedbackError { get; set; }
    public string? FeedbackPromptId { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }

    public string? WebhookUrl { get; set; }

    /// <summary>When the webhook was answered with a success status; null while not (yet) delivered.</summary>
    public DateTimeOffset? WebhookDeliveredAt { get; set; }
    public string? WebhookError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EssayAssessmentConfiguration : IEntityTypeConfiguration<EssayAssessment>
{
    public void Configure(EntityTypeBuilder<EssayAssessment> assessment)
    {
        assessment.Property(a => a.Text).HasMaxLength(EssayVersion.TextMaxLength);
        assessment.Property(a => a.Prompt).HasMaxLength(EssayAssessment.PromptMaxLength);
        assessment.Property(a => a.ModelVersion).HasMaxLength(100);
        assessment.Property(a => a.FeedbackStatus).HasConversion<string>().HasMaxLength(20);
        assessment.Property(a => a.FeedbackPromptId).HasMaxLength(100);
        assessment.Property(a => a.FeedbackError).HasMaxLength(1000);
        assessment.Property(a => a.WebhookUrl).HasMaxLength(EssayAssessment.WebhookUrlMaxLength);
        assessment.Property(a => a.WebhookError).HasMaxLength(1000);
        assessment.Property(a => a.Scores).HasJsonConversion();
        assessment.Property(a => a.Issues).HasJsonListConversion();
        assessment.Property(a => a.Relevance).HasJsonConversion();
        assessment.HasIndex(a => new { a.OwnerId, a.CreatedAt });
        assessment.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

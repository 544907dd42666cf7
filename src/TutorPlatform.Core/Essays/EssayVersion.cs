using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core.Essays;

/// <summary>Where the large model's written feedback on an essay stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EssayFeedbackStatus>))]
public enum EssayFeedbackStatus
{
    /// <summary>Not written yet (being generated, or interrupted before it finished).</summary>
    Pending,

    /// <summary>Written and saved.</summary>
    Ready,

    /// <summary>No large model is configured: the scores and corrections stand on their own.</summary>
    Unavailable,

    /// <summary>The large model failed; <see cref="EssayVersion.FeedbackError"/> says how.</summary>
    Failed,
}

/// <summary>A teacher's score for one trait, replacing the model's, with the reason.</summary>
public sealed record TeacherTraitScore(EssayTrait Trait, double Score, string? Comment);

/// <summary>
/// A teacher's score for a trait they added to the rubric (matched by its key), on that trait's own scale. The model never
/// scores such traits: this is the only score they have.
/// </summary>
public sealed record TeacherRubricScore(string Key, double Score, string? Comment);

/// <summary>
/// One submitted version of a student's essay, kept for good: the text, the small model's trait scores (with the model's
/// version), the on-device corrections and topic relevance, the large model's written feedback, and the teacher's review.
/// </summary>
public sealed class EssayVersion
{
    /// <summary>The longest essay the coach and the API accept.</summary>
    public const int TextMaxLength = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubmissionId { get; set; }
    public Submission? Submission { get; set; }

    /// <summary>1 for the first submission, then one more per revision.</summary>
    public int Number { get; set; }

    public string Text { get; set; } = "";
    public int WordCount { get; set; }

    /// <summary>The small model's scores; null when scoring failed (the version is then only "submitted").</summary>
    public EssayTraitScores? Scores { get; set; }
    public string? ModelVersion { get; set; }
    public List<EssayIssue> Issues { get; set; } = [];
    public TopicRelevance? Relevance { get; set; }

    public string? Feedback { get; set; }
    public EssayFeedbackStatus FeedbackStatus { get; set; }
    public string? FeedbackError { get; set; }

    /// <summary>"essay-feedback@v2": the prompt template the feedback was written with.</summary>
    public string? FeedbackPromptId { get; set; }

    public List<TeacherTraitScore> TeacherScores { get; set; } = [];

    /// <summary>The teacher's scores for the rubric's own traits (those beyond the six the model scores).</summary>
    public List<TeacherRubricScore> TeacherRubricScores { get; set; } = [];
    public string? TeacherComment { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EssayVersionConfiguration : IEntityTypeConfiguration<EssayVersion>
{
    public void Configure(EntityTypeBuilder<EssayVersion> version)
    {
        version.Property(v => v.Text).HasMaxLength(EssayVersion.TextMaxLength);
        version.Property(v => v.ModelVersion).HasMaxLength(100);
        version.Property(v => v.FeedbackStatus).HasConversion<string>().HasMaxLength(20);
        version.Property(v => v.FeedbackPromptId).HasMaxLength(100);
        version.Property(v => v.FeedbackError).HasMaxLength(1000);
        version.Property(v => v.TeacherComment).HasMaxLength(EssayJson.CommentMaxLength);
        version.Property(v => v.Scores).HasJsonConversion();
        version.Property(v => v.Issues).HasJsonListConversion();
        version.Property(v => v.Relevance).HasJsonConversion();
        version.Property(v => v.TeacherScores).HasJsonListConversion();
        version.Property(v => v.TeacherRubricScores).HasJsonListConversion().HasDefaultValueSql("'[]'::jsonb");
        version.HasIndex(v => new { v.SubmissionId, v.Number }).IsUnique();
        version.HasOne(v => v.Submission).WithMany(s => s.EssayVersions).HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The essay results that are stored as jsonb: records of the essay contracts, enums as strings.</summary>
internal static class EssayJson
{
    public const int CommentMaxLength = 2000;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static PropertyBuilder<T?> HasJsonConversion<T>(this PropertyBuilder<T?> property) where T : class =>
        property.HasConversion(
                v => v == null ? null : JsonSerializer.Serialize(v, Options),
                v => v == null ? null : JsonSerializer.Deserialize<T>(v, Options))
            .HasColumnType("jsonb");

    public static PropertyBuilder<List<T>> HasJsonListConversion<T>(this PropertyBuilder<List<T>> property)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
                new ValueComparer<List<T>>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Options), Options)!))
            .HasColumnType("jsonb");
        return property;
    }
}

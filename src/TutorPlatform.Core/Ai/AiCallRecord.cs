using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TutorPlatform.Core.Ai;

/// <summary>One call to the large model: who asked (feature, prompt), what answered, how long it took and how it ended.</summary>
public sealed class AiCallRecord
{
    public const int FeatureMaxLength = 64;
    public const int PromptMaxLength = 128;
    public const int ProviderMaxLength = 32;
    public const int ModelMaxLength = 256;
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public string Feature { get; set; } = AiCallTags.UnknownFeature;

    /// <summary>The prompt template as <c>name@vN</c>; null for free-form calls such as the playground.</summary>
    public string? Prompt { get; set; }

    public string Provider { get; set; } = "";
    public string Model { get; set; } = "";
    public int LatencyMs { get; set; }

    /// <summary>Streams only: the wait for the first piece.</summary>
    public int? TimeToFirstTokenMs { get; set; }

    public long? TokensIn { get; set; }
    public long? TokensOut { get; set; }
    public AiCallOutcome Outcome { get; set; }
    public string? Error { get; set; }

    /// <summary>Stored only when <c>Ai:Recording:IncludeText</c> is on: it may hold student text.</summary>
    public string? PromptText { get; set; }

    /// <summary>Stored only when <c>Ai:Recording:IncludeText</c> is on.</summary>
    public string? ResponseText { get; set; }
}

public enum AiCallOutcome
{
    Success,
    Timeout,
    Unavailable,
    MalformedResponse,
    Cancelled,
    Error,
}

internal sealed class AiCallRecordConfiguration : IEntityTypeConfiguration<AiCallRecord>
{
    public void Configure(EntityTypeBuilder<AiCallRecord> record)
    {
        record.Property(r => r.Feature).HasMaxLength(AiCallRecord.FeatureMaxLength);
        record.Property(r => r.Prompt).HasMaxLength(AiCallRecord.PromptMaxLength);
        record.Property(r => r.Provider).HasMaxLength(AiCallRecord.ProviderMaxLength);
        record.Property(r => r.Model).HasMaxLength(AiCallRecord.ModelMaxLength);
        record.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        record.Property(r => r.Error).HasMaxLength(AiCallRecord.ErrorMaxLength);
        record.HasIndex(r => r.At);
        record.HasIndex(r => new { r.Feature, r.At });
    }
}

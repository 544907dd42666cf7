namespace TutorPlatform.Core.Ai;

/// <summary>How large-model calls are recorded (<c>Ai:Recording</c>).</summary>
public sealed class AiRecordingOptions
{
    public const string Section = "Ai:Recording";

    /// <summary>Also store the prompt and the answer. Off by default: they may hold what students wrote.</summary>
    public bool IncludeText { get; set; }

    /// <summary>Records waiting to be written; beyond this, new ones are dropped rather than slowing the model's callers.</summary>
    [System.ComponentModel.DataAnnotations.Range(16, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Records older than this many days are deleted (checked at start and every hour); 0 keeps them for ever.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3650)]
    public int RetentionDays { get; set; } = 90;
}

using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Core.Speaking;

/// <summary>The speaking coach's limits and audio retention: section <c>Speaking</c>.</summary>
public sealed class SpeakingOptions
{
    public const string Section = "Speaking";

    /// <summary>The longest take a student may record or upload.</summary>
    [Range(5, 600)]
    public int MaxTakeSeconds { get; set; } = 60;

    /// <summary>The largest upload accepted before decoding (a minute of WAV at 48 kHz stereo is about 11 MB).</summary>
    [Range(64 * 1024, 100 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Days a take's audio is kept; older audio is removed by the daily clean-up, the scores stay. 0 keeps it for ever.</summary>
    [Range(0, 3650)]
    public int AudioRetentionDays { get; set; } = 365;

    /// <summary>
    /// How long a role-play waits for the large model's grammar correction of a line or its judgement of the goals
    /// before it goes on without (the conversation itself streams and is not limited by this).
    /// </summary>
    [Range(1, 300)]
    public int FeedbackSeconds { get; set; } = 30;

    /// <summary>A take whose loudest 100 ms stays below this RMS level (full scale 1.0) counts as silence.</summary>
    [Range(0.0, 0.5)]
    public double SilenceRms { get; set; } = 0.01;
}

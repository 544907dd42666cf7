namespace TutorPlatform.Core.Speech;

/// <summary>
/// Speech audio as the recognisers take it: 16 kHz, mono, signed 16-bit samples.
/// </summary>
/// <param name="Samples">The samples, 16,000 per second.</param>
public sealed record PcmAudio(ReadOnlyMemory<short> Samples)
{
    /// <summary>The one sample rate every recogniser and aligner in the platform works at.</summary>
    public const int SampleRate = 16_000;

    /// <summary>The length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);

    /// <summary>The length of the audio in seconds.</summary>
    public double DurationSeconds => Samples.Length / (double)SampleRate;

    /// <summary>The samples from <paramref name="startSeconds"/> to <paramref name="endSeconds"/>, clamped to the audio.</summary>
    public PcmAudio Slice(double startSeconds, double endSeconds)
    {
        var start = Math.Clamp((int)Math.Round(startSeconds * SampleRate), 0, Samples.Length);
        var end = Math.Clamp((int)Math.Round(endSeconds * SampleRate), start, Samples.Length);
        return new PcmAudio(Samples[start..end]);
    }
}

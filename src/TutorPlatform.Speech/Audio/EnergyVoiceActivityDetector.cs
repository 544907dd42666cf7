using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Audio;

/// <summary>A stretch of speech in seconds from the start of the audio.</summary>
public readonly record struct SpeechSegment(double StartSeconds, double EndSeconds)
{
    public double DurationSeconds => EndSeconds - StartSeconds;
}

/// <summary>Settings of the energy detector.</summary>
/// <param name="ThresholdDb">How far above the noise floor (the quietest tenth of frames) a frame must be to count as speech.</param>
/// <param name="MinSpeechSeconds">Shorter bursts (clicks, taps) are dropped.</param>
/// <param name="MinPauseSeconds">Shorter pauses are kept inside a segment.</param>
/// <param name="PaddingSeconds">Kept around each segment so word edges are not cut.</param>
/// <param name="MaxSegmentSeconds">Longer speech is split at its quietest pause (or hard, failing one).</param>
public sealed record EnergyVadOptions(
    double ThresholdDb = 12,
    double MinSpeechSeconds = 0.1,
    double MinPauseSeconds = 0.3,
    double PaddingSeconds = 0.15,
    double MaxSegmentSeconds = 30);

/// <summary>
/// A simple energy-based voice-activity detector: 10 ms frames, speech where the log energy stands clear of the
/// noise floor, with hangover, padding and splitting of long takes. The fallback when no neural VAD model is installed.
/// </summary>
public static class EnergyVoiceActivityDetector
{
    private const int FrameSamples = PcmAudio.SampleRate / 100;
    private const double FrameSeconds = 0.01;
    // Below this (about -70 dBFS) a frame is silence whatever the floor.
    private const double AbsoluteFloorDb = -70;

    /// <summary>The speech segments of the audio, in order; empty for silence.</summary>
    public static IReadOnlyList<SpeechSegment> Detect(PcmAudio audio, EnergyVadOptions? options = null)
    {
        options ??= new EnergyVadOptions();
        var energies = FrameEnergies(audio.Samples.Span);
        if (energies.Length == 0)
        {
            return [];
        }

        var sorted = energies.Order().ToArray();
        var floor = sorted[sorted.Length / 10];
        var threshold = Math.Max(floor + options.ThresholdDb, AbsoluteFloorDb);
        var voiced = energies.Select(e => e > threshold).ToArray();

        // Runs of voiced frames, pauses shorter than MinPause bridged, bursts shorter than MinSpeech dropped.
        var runs = new List<(int Start, int End)>();
        var minPause = (int)Math.Round(options.MinPauseSeconds / FrameSeconds);
        var minSpeech = (int)Math.Round(options.MinSpeechSeconds / FrameSeconds);
        for (var i = 0; i < voiced.Length;)
        {
            if (!voiced[i])
            {
                i++;
                continue;
            }

            var start = i;
            while (i < voiced.Length && voiced[i])
            {
                i++;
            }

            if (runs.Count > 0 && start - runs[^1].End < minPause)
            {
                runs[^1] = (runs[^1].Start, i);
            }
            else
            {
                runs.Add((start, i));
            }
        }

        var duration = audio.DurationSeconds;
        var segments = runs
            .Where(r => r.End - r.Start >= minSpeech)
            .Select(r => new SpeechSegment(
                Math.Max(0, r.Start * FrameSeconds - options.PaddingSeconds),
                Math.Min(duration, r.End * FrameSeconds + options.PaddingSeconds)))
            .ToList();
        return Split(Merge(segments), energies, options.MaxSegmentSeconds);
    }

    /// <summary>The audio from the first to the last speech (with padding); the whole audio if none is found.</summary>
    public static PcmAudio Trim(PcmAudio audio, EnergyVadOptions? options = null)
    {
        var segments = Detect(audio, options);
        return segments.Count == 0 ? audio : audio.Slice(segments[0].StartSeconds, segments[^1].EndSeconds);
    }

    private static double[] FrameEnergies(ReadOnlySpan<short> samples)
    {
        var energies = new double[samples.Length / FrameSamples];
        for (var f = 0; f < energies.Length; f++)
        {
            var frame = samples.Slice(f * FrameSamples, FrameSamples);
            double sum = 0, mean = 0;
            foreach (var s in frame)
            {
                mean += s;
            }

            mean /= FrameSamples;
            foreach (var s in frame)
            {
                var d = s - mean;
                sum += d * d;
            }

            // dB relative to full scale; the DC offset some microphones add is removed first.
            energies[f] = 10 * Math.Log10(sum / FrameSamples / (32768.0 * 32768.0) + 1e-12);
        }

        return energies;
    }

    // Padding can make neighbours overlap.
    private static List<SpeechSegment> Merge(List<SpeechSegment> segments)
    {
        var merged = new List<SpeechSegment>();
        foreach (var segment in segments)
        {
            if (merged.Count > 0 && segment.StartSeconds <= merged[^1].EndSeconds)
            {
                merged[^1] = merged[^1] with { EndSeconds = Math.Max(merged[^1].EndSeconds, segment.EndSeconds) };
            }
            else
            {
                merged.Add(segment);
            }
        }

        return merged;
    }

    private static List<SpeechSegment> Split(List<SpeechSegment> segments, double[] energies, double maxSeconds)
    {
        var result = new List<SpeechSegment>();
        var pending = new Stack<SpeechSegment>(Enumerable.Reverse(segments));
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment.DurationSeconds <= maxSeconds)
            {
                result.Add(segment);
                continue;
            }

            // Cut at the quietest 100 ms in the middle half of the segment.
            var first = (int)((segment.StartSeconds + segment.DurationSeconds / 4) / FrameSeconds);
            var last = Math.Min(energies.Length - 10, (int)((segment.EndSeconds - segment.DurationSeconds / 4) / FrameSeconds));
            var cut = first;
            var quietest = double.MaxValue;
            for (var f = first; f <= last; f++)
            {
                var window = energies.AsSpan(f, 10);
                var sum = 0.0;
                foreach (var e in window)
                {
                    sum += e;
                }

                if (sum < quietest)
                {
                    quietest = sum;
                    cut = f + 5;
                }
            }

            var at = cut * FrameSeconds;
            pending.Push(segment with { StartSeconds = at });
            pending.Push(segment with { EndSeconds = at });
        }

        return result;
    }
}

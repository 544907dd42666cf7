using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Frame energy and F0 by normalised autocorrelation, every 10 ms, the same frame grid as the aligner.
/// Works on the audio halved to 8 kHz (F0 of speech is far below 4 kHz), which keeps it to a few milliseconds per second of audio.
/// </summary>
internal static class PitchTracker
{
    private const int Rate = PcmAudio.SampleRate / 2;
    private const int Hop = Rate / 100;       // 10 ms
    private const int Window = Rate * 3 / 100; // 30 ms
    private const double MinF0 = 70, MaxF0 = 500; // adults to children
    private const double VoicingThreshold = 0.5;

    /// <summary>Per-frame energy in dB, and F0 in semitones relative to 100 Hz between <paramref name="from"/> and <paramref name="to"/> seconds (NaN where unvoiced or outside).</summary>
    public static (double[] EnergyDb, double[] Semitones) Track(PcmAudio audio, double from = 0, double to = double.MaxValue)
    {
        var source = audio.Samples.Span;
        var samples = new double[source.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (source[2 * i] + source[2 * i + 1]) * 0.5;
        }

        var frames = Math.Max(0, (samples.Length - Window) / Hop + 1);
        var energy = new double[frames];
        var pitch = new double[frames];
        var minLag = (int)(Rate / MaxF0);
        var maxLag = (int)(Rate / MinF0);
        var window = new double[Window + maxLag];
        for (var f = 0; f < frames; f++)
        {
            var start = f * Hop;
            var length = Math.Min(window.Length, samples.Length - start);
            Array.Clear(window);
            double mean = 0;
            for (var i = 0; i < Window; i++)
            {
                mean += samples[start + i];
            }

            mean /= Window;
            for (var i = 0; i < length; i++)
            {
                window[i] = samples[start + i] - mean;
            }

            double power = 0;
            for (var i = 0; i < Window; i++)
            {
                power += window[i] * window[i];
            }

            energy[f] = 10 * Math.Log10(power / Window + 1);
            pitch[f] = double.NaN;
            if (energy[f] < 30 || length < Window + minLag || f < from * 100 || f > to * 100)
            {
                continue;
            }

            double best = 0;
            var bestLag = 0;
            for (var lag = minLag; lag <= maxLag && lag + Window <= length; lag++)
            {
                double cross = 0, lagged = 0;
                for (var i = 0; i < Window; i++)
                {
                    cross += window[i] * window[i + lag];
                    lagged += window[i + lag] * window[i + lag];
                }

                var r = cross / Math.Sqrt(power * lagged + 1e-9);
                if (r > best)
                {
                    best = r;
                    bestLag = lag;
                }
            }

            if (best >= VoicingThreshold && bestLag > minLag)
            {
                pitch[f] = 12 * Math.Log2(Rate / (double)bestLag / 100);
            }
        }

        return (energy, pitch);
    }
}

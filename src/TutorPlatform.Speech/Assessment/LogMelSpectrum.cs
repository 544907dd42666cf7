namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Log mel filter-bank energies of 16 kHz audio: 40 bands from 64 Hz to 8 kHz, 25 ms Hamming windows every 10 ms
/// (frame <c>i</c> starts at <c>i</c> × 10 ms, as pocketsphinx's frames do), with the utterance's mean per band
/// subtracted so that the microphone's colouring cancels out.
/// </summary>
public static class LogMelSpectrum
{
    public const int Bands = 40;
    public const int FrameShift = 160;
    private const int WindowLength = 400;
    private const int FftSize = 512;
    private const double LowHz = 64;
    private const double HighHz = 8000;

    private static readonly double[] Window = Enumerable.Range(0, WindowLength).Select(i => 0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (WindowLength - 1))).ToArray();
    private static readonly (int First, double[] Weights)[] Filters = MelFilters();

    /// <summary>One row of <see cref="Bands"/> values per 10 ms frame (the last partial window is dropped).</summary>
    public static float[][] Compute(ReadOnlySpan<short> samples)
    {
        var frames = samples.Length < WindowLength ? 0 : 1 + (samples.Length - WindowLength) / FrameShift;
        var result = new float[frames][];
        var frame = new double[FftSize];
        var re = new double[Half];
        var im = new double[Half];
        var power = new double[Half + 1];
        var mean = new double[Bands];
        for (var f = 0; f < frames; f++)
        {
            var offset = f * FrameShift;
            var dc = 0.0;
            for (var i = 0; i < WindowLength; i++)
            {
                dc += samples[offset + i];
            }

            dc /= WindowLength;
            var previous = samples[offset] - dc;
            for (var i = 0; i < FftSize; i++)
            {
                if (i < WindowLength)
                {
                    var x = samples[offset + i] - dc;
                    frame[i] = (x - 0.97 * previous) * Window[i];
                    previous = x;
                }
                else
                {
                    frame[i] = 0;
                }
            }

            PowerSpectrum(frame, re, im, power);

            var row = new float[Bands];
            for (var b = 0; b < Bands; b++)
            {
                var (first, weights) = Filters[b];
                var energy = 0.0;
                for (var k = 0; k < weights.Length; k++)
                {
                    energy += weights[k] * power[first + k];
                }

                row[b] = (float)Math.Log(Math.Max(energy, 1e-2));
                mean[b] += row[b];
            }

            result[f] = row;
        }

        for (var b = 0; b < Bands && frames > 0; b++)
        {
            var m = (float)(mean[b] / frames);
            foreach (var row in result)
            {
                row[b] -= m;
            }
        }

        return result;
    }

    /// <summary>The centre frequency of band <paramref name="band"/> in Hz.</summary>
    public static double CentreHz(int band) => Hz(Mel(LowHz) + (Mel(HighHz) - Mel(LowHz)) * (band + 1) / (Bands + 1));

    private static double Mel(double hz) => 1127 * Math.Log(1 + hz / 700);

    private static double Hz(double mel) => 700 * (Math.Exp(mel / 1127) - 1);

    // Triangular filters equally spaced on the mel scale, as (first FFT bin, weights from it).
    private static (int, double[])[] MelFilters()
    {
        var low = Mel(LowHz);
        var high = Mel(HighHz);
        var edges = Enumerable.Range(0, Bands + 2).Select(i => Hz(low + (high - low) * i / (Bands + 1)) * FftSize / PcmSampleRate).ToArray();
        var filters = new (int, double[])[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var (left, centre, right) = (edges[b], edges[b + 1], edges[b + 2]);
            var first = (int)Math.Ceiling(left);
            var last = Math.Min(FftSize / 2, (int)Math.Floor(right));
            var weights = new double[Math.Max(1, last - first + 1)];
            for (var k = first; k <= last; k++)
            {
                weights[k - first] = k <= centre ? (k - left) / (centre - left) : (right - k) / (right - centre);
            }

            filters[b] = (first, weights);
        }

        return filters;
    }

    private const double PcmSampleRate = 16_000;

    private const int Half = FftSize / 2;

    // The half-size FFT's bit-reversal permutation, and e^(−2πik/FftSize) for k ≤ FftSize / 2, computed once.
    private static readonly int[] BitReversed = Enumerable.Range(0, Half).Select(i =>
    {
        var r = 0;
        for (var bit = 0; (1 << bit) < Half; bit++)
        {
            r = (r << 1) | ((i >> bit) & 1);
        }

        return r;
    }).ToArray();

    private static readonly double[] TwiddleRe = Enumerable.Range(0, Half + 1).Select(k => Math.Cos(-2 * Math.PI * k / FftSize)).ToArray();
    private static readonly double[] TwiddleIm = Enumerable.Range(0, Half + 1).Select(k => Math.Sin(-2 * Math.PI * k / FftSize)).ToArray();

    // |X[k]|² for k = 0 … FftSize / 2 of a real frame, by one complex FFT of half the size over the even and odd
    // samples packed as real and imaginary parts, then split into the two halves' spectra.
    internal static void PowerSpectrum(double[] frame, double[] re, double[] im, double[] power)
    {
        for (var i = 0; i < Half; i++)
        {
            re[i] = frame[2 * i];
            im[i] = frame[2 * i + 1];
        }

        Fft(re, im);
        for (var k = 0; k <= Half; k++)
        {
            var (ar, ai) = (re[k % Half], im[k % Half]);
            var (br, bi) = (re[(Half - k) % Half], -im[(Half - k) % Half]);
            // Even part (a + b) / 2, odd part (a − b) / 2i, X[k] = even + e^(−2πik/N) × odd.
            var (er, ei) = ((ar + br) / 2, (ai + bi) / 2);
            var (or, oi) = ((ai - bi) / 2, -(ar - br) / 2);
            var (wr, wi) = (TwiddleRe[k], TwiddleIm[k]);
            var xr = er + wr * or - wi * oi;
            var xi = ei + wr * oi + wi * or;
            power[k] = xr * xr + xi * xi;
        }
    }

    // In-place iterative radix-2 FFT of Half points.
    private static void Fft(double[] re, double[] im)
    {
        var n = re.Length;
        for (var i = 0; i < n; i++)
        {
            var j = BitReversed[i];
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var length = 2; length <= n; length <<= 1)
        {
            var half = length / 2;
            var stride = FftSize / length;
            for (var i = 0; i < n; i += length)
            {
                for (var k = 0; k < half; k++)
                {
                    var (cr, ci) = (TwiddleRe[k * stride], TwiddleIm[k * stride]);
                    var a = i + k;
                    var b = a + half;
                    var tr = re[b] * cr - im[b] * ci;
                    var ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}

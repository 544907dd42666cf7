using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Whisper.Native;

namespace TutorPlatform.Whisper;

/// <summary>A stretch of speech found by the voice-activity detector.</summary>
public readonly record struct WhisperSpeechSegment(double StartSeconds, double EndSeconds)
{
    public double DurationSeconds => EndSeconds - StartSeconds;
}

/// <summary>Thresholds of the Silero detector; the defaults are whisper.cpp's own (<c>whisper_vad_default_params</c>).</summary>
/// <param name="Threshold">Speech probability above which a frame counts as speech.</param>
/// <param name="MinSpeechMilliseconds">Shorter bursts are dropped.</param>
/// <param name="MinSilenceMilliseconds">Shorter pauses do not end a segment.</param>
/// <param name="MaxSpeechSeconds">Longer segments are split.</param>
/// <param name="SpeechPadMilliseconds">Padding before and after each segment.</param>
public sealed record WhisperVadSettings(
    float Threshold = 0.5f,
    int MinSpeechMilliseconds = 250,
    int MinSilenceMilliseconds = 100,
    float MaxSpeechSeconds = float.MaxValue,
    int SpeechPadMilliseconds = 30);

/// <summary>
/// Voice-activity detection with whisper.cpp's VAD API and a Silero model in ggml format. One detection runs at a
/// time per instance (the VAD context keeps state); calls from several threads queue.
/// </summary>
public sealed unsafe class WhisperVad : IDisposable
{
    private readonly SafeWhisperVadContextHandle _context;
    private readonly Lock _gate = new();

    /// <summary>Loads the Silero model from options <c>Speech:Whisper</c>.</summary>
    public WhisperVad(IOptions<WhisperOptions> options)
        : this(options.Value.VadModelPath ?? "", options.Value.EffectiveThreads, options.Value.NativeDirectory)
    {
    }

    /// <summary>Loads a Silero VAD model.</summary>
    /// <exception cref="SpeechEngineException">The library or the model is missing or unusable.</exception>
    public WhisperVad(string modelPath, int threads = 1, string? nativeDirectory = null)
    {
        ModelPath = WhisperModelFile.CheckVadModel(modelPath);
        WhisperRuntime.Initialize(nativeDirectory);
        var parameters = WhisperNative.whisper_vad_default_context_params();
        parameters.NThreads = Math.Max(1, threads);
        parameters.UseGpu = 0;
        WhisperRuntime.TakeRecentProblems();
        _context = new SafeWhisperVadContextHandle(WhisperNative.whisper_vad_init_from_file_with_params(ModelPath, parameters));
        if (_context.IsInvalid)
        {
            _context.Dispose();
            throw new SpeechEngineException($"whisper.cpp could not load the VAD model '{ModelPath}'; the file may be corrupt or not a Silero ggml model.{WhisperRuntime.DescribeRecentProblems()}");
        }
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The library's default detection thresholds.</summary>
    public static WhisperVadSettings LibraryDefaults()
    {
        var p = WhisperNative.whisper_vad_default_params();
        return new WhisperVadSettings(p.Threshold, p.MinSpeechDurationMs, p.MinSilenceDurationMs, p.MaxSpeechDurationS, p.SpeechPadMs);
    }

    /// <summary>The speech segments of 16 kHz mono audio, in time order.</summary>
    /// <exception cref="SpeechEngineException">Detection failed.</exception>
    public IReadOnlyList<WhisperSpeechSegment> Detect(PcmAudio audio, WhisperVadSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        cancellationToken.ThrowIfCancellationRequested();
        if (audio.Samples.IsEmpty)
        {
            return [];
        }

        var samples = new float[audio.Samples.Length];
        var source = audio.Samples.Span;
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = source[i] / 32768f;
        }

        var parameters = WhisperNative.whisper_vad_default_params();
        if (settings is not null)
        {
            parameters.Threshold = settings.Threshold;
            parameters.MinSpeechDurationMs = settings.MinSpeechMilliseconds;
            parameters.MinSilenceDurationMs = settings.MinSilenceMilliseconds;
            parameters.MaxSpeechDurationS = settings.MaxSpeechSeconds;
            parameters.SpeechPadMs = settings.SpeechPadMilliseconds;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_context.IsClosed, this);
            WhisperRuntime.TakeRecentProblems();
            bool detected;
            fixed (float* data = samples)
            {
                detected = WhisperNative.whisper_vad_detect_speech(_context, data, samples.Length);
            }

            if (!detected)
            {
                throw new SpeechEngineException($"whisper.cpp's voice-activity detection failed.{WhisperRuntime.DescribeRecentProblems()}");
            }

            cancellationToken.ThrowIfCancellationRequested();
            using var segments = new SafeWhisperVadSegmentsHandle(WhisperNative.whisper_vad_segments_from_probs(_context, parameters));
            if (segments.IsInvalid)
            {
                throw new SpeechEngineException($"whisper.cpp could not turn speech probabilities into segments.{WhisperRuntime.DescribeRecentProblems()}");
            }

            var count = WhisperNative.whisper_vad_segments_n_segments(segments);
            var result = new List<WhisperSpeechSegment>(count);
            var duration = audio.DurationSeconds;
            for (var i = 0; i < count; i++)
            {
                // whisper.cpp reports segment bounds in centiseconds.
                var start = Math.Clamp(WhisperNative.whisper_vad_segments_get_segment_t0(segments, i) / 100.0, 0, duration);
                var end = Math.Clamp(WhisperNative.whisper_vad_segments_get_segment_t1(segments, i) / 100.0, start, duration);
                result.Add(new WhisperSpeechSegment(start, end));
            }

            return result;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _context.Dispose();
        }
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TutorPlatform.Core.Speech;
using TutorPlatform.Whisper.Native;

namespace TutorPlatform.Whisper;

/// <summary>Settings of one <see cref="WhisperModel.Transcribe"/> call.</summary>
/// <param name="Threads">Threads for the decode (at least 1).</param>
/// <param name="Language">ISO 639-1 code, or "auto" to detect (multilingual models only).</param>
/// <param name="InitialPrompt">Text that biases the decoder (for example the sentence a learner is expected to read).</param>
public sealed record WhisperDecodeSettings(int Threads = 2, string Language = "en", string? InitialPrompt = null);

/// <summary>One decoded token with whisper.cpp's token-level timestamps.</summary>
/// <param name="Id">Token id; ids from <see cref="WhisperModel.EndOfTextToken"/> up are special (timestamps, control tokens).</param>
/// <param name="Utf8">The token's raw bytes; a token may hold part of a multi-byte character.</param>
/// <param name="StartSeconds">Token start (token_timestamps).</param>
/// <param name="EndSeconds">Token end.</param>
/// <param name="Probability">The token's probability.</param>
/// <param name="IsSpecial">A timestamp or control token, not text.</param>
public sealed record WhisperToken(int Id, byte[] Utf8, double StartSeconds, double EndSeconds, float Probability, bool IsSpecial)
{
    /// <summary>The token's text (a partial character shows as U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Utf8);
}

/// <summary>One segment of whisper.cpp's output.</summary>
public sealed record WhisperSegment(double StartSeconds, double EndSeconds, string Text, float NoSpeechProbability, IReadOnlyList<WhisperToken> Tokens);

/// <summary>The result of one <c>whisper_full</c> call.</summary>
public sealed record WhisperTranscript(IReadOnlyList<WhisperSegment> Segments, double AudioSeconds, double ProcessingSeconds);

/// <summary>
/// A loaded whisper.cpp model (a <c>whisper_context</c>). One decode runs at a time per model, since whisper.cpp's
/// context is not thread-safe; calls from several threads queue. Dispose frees the native context.
/// </summary>
public sealed unsafe class WhisperModel : IDisposable
{
    private readonly SafeWhisperContextHandle _context;
    private readonly Lock _decodeGate = new();

    private WhisperModel(string path, SafeWhisperContextHandle context)
    {
        ModelPath = path;
        _context = context;
        IsMultilingual = WhisperNative.whisper_is_multilingual(context) != 0;
        VocabularySize = WhisperNative.whisper_n_vocab(context);
        EndOfTextToken = WhisperNative.whisper_token_eot(context);
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>Whether the model knows languages other than English.</summary>
    public bool IsMultilingual { get; }

    /// <summary>Tokens in the model's vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>The end-of-text token; it and every id above it are special.</summary>
    public int EndOfTextToken { get; }

    /// <summary>Loads a model file (CPU only).</summary>
    /// <param name="path">A whisper.cpp ggml model.</param>
    /// <param name="nativeDirectory">Where <c>index.node</c> is; null: <see cref="WhisperRuntime.DefaultNativeDirectory"/>.</param>
    /// <exception cref="SpeechEngineException">The library or the file is missing, or whisper.cpp could not load the file.</exception>
    public static WhisperModel Load(string path, string? nativeDirectory = null)
    {
        var file = WhisperModelFile.CheckWhisperModel(path);
        WhisperRuntime.Initialize(nativeDirectory);
        var defaults = WhisperNative.whisper_context_default_params_by_ref();
        WhisperContextParams parameters;
        try
        {
            parameters = *defaults;
        }
        finally
        {
            WhisperNative.whisper_free_context_params(defaults);
        }

        parameters.UseGpu = 0;
        parameters.FlashAttn = 0;
        WhisperRuntime.TakeRecentProblems();
        var context = new SafeWhisperContextHandle(WhisperNative.whisper_init_from_file_with_params(file, parameters));
        if (context.IsInvalid)
        {
            context.Dispose();
            throw new SpeechEngineException($"whisper.cpp could not load the model '{file}'; the file may be corrupt or not a whisper model.{WhisperRuntime.DescribeRecentProblems()}");
        }

        return new WhisperModel(file, context);
    }

    /// <summary>The library's default decode parameters (greedy), as whisper.cpp gives them.</summary>
    internal static WhisperFullParams DefaultFullParams()
    {
        var defaults = WhisperNative.whisper_full_default_params_by_ref(WhisperSamplingStrategy.Greedy);
        try
        {
            return *defaults;
        }
        finally
        {
            WhisperNative.whisper_free_params(defaults);
        }
    }

    /// <summary>Transcribes 16 kHz mono audio with token-level timestamps.</summary>
    /// <exception cref="SpeechEngineException">whisper_full failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before or during the decode.</exception>
    public WhisperTranscript Transcribe(PcmAudio audio, WhisperDecodeSettings settings, CancellationToken cancellationToken = default)
    {
        var samples = new float[audio.Samples.Length];
        var source = audio.Samples.Span;
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = source[i] / 32768f;
        }

        return Transcribe(samples, settings, cancellationToken);
    }

    /// <summary>Transcribes 16 kHz mono samples in [-1, 1] with token-level timestamps.</summary>
    public WhisperTranscript Transcribe(ReadOnlySpan<float> samples, WhisperDecodeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = DefaultFullParams();
        parameters.NThreads = Math.Max(1, settings.Threads);
        parameters.TokenTimestamps = 1;
        parameters.PrintProgress = 0;
        parameters.PrintRealtime = 0;
        parameters.PrintTimestamps = 0;
        parameters.PrintSpecial = 0;
        parameters.NoContext = 1;
        parameters.DetectLanguage = 0;

        var language = Marshal.StringToCoTaskMemUTF8(settings.Language);
        var prompt = settings.InitialPrompt is null ? IntPtr.Zero : Marshal.StringToCoTaskMemUTF8(settings.InitialPrompt);
        var cancellation = new StrongBox<CancellationToken>(cancellationToken);
        var cancellationHandle = GCHandle.Alloc(cancellation);
        try
        {
            parameters.Language = language;
            parameters.InitialPrompt = prompt;
            parameters.AbortCallback = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, byte>)&ShouldAbort;
            parameters.AbortCallbackUserData = GCHandle.ToIntPtr(cancellationHandle);

            lock (_decodeGate)
            {
                ObjectDisposedException.ThrowIf(_context.IsClosed, this);
                var stopwatch = Stopwatch.StartNew();
                int result;
                WhisperRuntime.TakeRecentProblems();
                fixed (float* data = samples)
                {
                    result = WhisperNative.whisper_full(_context, parameters, data, samples.Length);
                }

                stopwatch.Stop();
                cancellationToken.ThrowIfCancellationRequested();
                if (result != 0)
                {
                    throw new SpeechEngineException($"whisper_full failed with code {result}.{WhisperRuntime.DescribeRecentProblems()}");
                }

                return new WhisperTranscript(ReadSegments(), samples.Length / (double)PcmAudio.SampleRate, stopwatch.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            cancellationHandle.Free();
            Marshal.FreeCoTaskMem(language);
            if (prompt != IntPtr.Zero)
            {
                Marshal.FreeCoTaskMem(prompt);
            }
        }
    }

    public void Dispose()
    {
        lock (_decodeGate)
        {
            _context.Dispose();
        }
    }

    private List<WhisperSegment> ReadSegments()
    {
        var segments = new List<WhisperSegment>();
        var count = WhisperNative.whisper_full_n_segments(_context);
        for (var s = 0; s < count; s++)
        {
            var tokens = new List<WhisperToken>();
            var tokenCount = WhisperNative.whisper_full_n_tokens(_context, s);
            for (var t = 0; t < tokenCount; t++)
            {
                var data = WhisperNative.whisper_full_get_token_data(_context, s, t);
                var text = (byte*)WhisperNative.whisper_full_get_token_text(_context, s, t);
                var bytes = text is null ? [] : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).ToArray();
                tokens.Add(new WhisperToken(data.Id, bytes, data.T0 / 100.0, data.T1 / 100.0, data.P, data.Id >= EndOfTextToken));
            }

            segments.Add(new WhisperSegment(
                WhisperNative.whisper_full_get_segment_t0(_context, s) / 100.0,
                WhisperNative.whisper_full_get_segment_t1(_context, s) / 100.0,
                Marshal.PtrToStringUTF8(WhisperNative.whisper_full_get_segment_text(_context, s)) ?? "",
                WhisperNative.whisper_full_get_segment_no_speech_prob(_context, s),
                tokens));
        }

        return segments;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldAbort(IntPtr userData)
    {
        try
        {
            return GCHandle.FromIntPtr(userData).Target is StrongBox<CancellationToken> box && box.Value.IsCancellationRequested ? (byte)1 : (byte)0;
        }
        catch (Exception)
        {
            return 0;
        }
    }
}

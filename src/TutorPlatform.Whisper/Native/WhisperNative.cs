using System.Runtime.InteropServices;

namespace TutorPlatform.Whisper.Native;

// "whisper" is a logical name: WhisperRuntime's resolver maps it to .native/whisper/index.node, the Node addon
// from @fugood/node-whisper-linux-x64 that also exports whisper.cpp's whole C API (ggml linked in statically).
internal static unsafe partial class WhisperNative
{
    public const string Library = "whisper";

    [LibraryImport(Library)]
    public static partial IntPtr whisper_version();

    [LibraryImport(Library)]
    public static partial IntPtr whisper_print_system_info();

    [LibraryImport(Library)]
    public static partial void whisper_log_set(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> callback, IntPtr userData);

    // Defaults: the _by_ref forms allocate; the copies are freed with whisper_free_*_params.
    [LibraryImport(Library)]
    public static partial WhisperContextParams* whisper_context_default_params_by_ref();

    [LibraryImport(Library)]
    public static partial void whisper_free_context_params(WhisperContextParams* parameters);

    [LibraryImport(Library)]
    public static partial WhisperFullParams* whisper_full_default_params_by_ref(WhisperSamplingStrategy strategy);

    [LibraryImport(Library)]
    public static partial void whisper_free_params(WhisperFullParams* parameters);

    // Context
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr whisper_init_from_file_with_params(string pathModel, WhisperContextParams parameters);

    [LibraryImport(Library)]
    public static partial void whisper_free(IntPtr context);

    [LibraryImport(Library)]
    public static partial int whisper_full(SafeWhisperContextHandle context, WhisperFullParams parameters, float* samples, int nSamples);

    [LibraryImport(Library)]
    public static partial int whisper_is_multilingual(SafeWhisperContextHandle context);

    [LibraryImport(Library)]
    public static partial int whisper_n_vocab(SafeWhisperContextHandle context);

    [LibraryImport(Library)]
    public static partial int whisper_token_eot(SafeWhisperContextHandle context);

    [LibraryImport(Library)]
    public static partial int whisper_full_n_segments(SafeWhisperContextHandle context);

    [LibraryImport(Library)]
    public static partial long whisper_full_get_segment_t0(SafeWhisperContextHandle context, int segment);

    [LibraryImport(Library)]
    public static partial long whisper_full_get_segment_t1(SafeWhisperContextHandle context, int segment);

    [LibraryImport(Library)]
    public static partial IntPtr whisper_full_get_segment_text(SafeWhisperContextHandle context, int segment);

    [LibraryImport(Library)]
    public static partial float whisper_full_get_segment_no_speech_prob(SafeWhisperContextHandle context, int segment);

    [LibraryImport(Library)]
    public static partial int whisper_full_n_tokens(SafeWhisperContextHandle context, int segment);

    [LibraryImport(Library)]
    public static partial IntPtr whisper_full_get_token_text(SafeWhisperContextHandle context, int segment, int token);

    [LibraryImport(Library)]
    public static partial WhisperTokenData whisper_full_get_token_data(SafeWhisperContextHandle context, int segment, int token);

    // Voice-activity detection (Silero)
    [LibraryImport(Library)]
    public static partial WhisperVadParams whisper_vad_default_params();

    [LibraryImport(Library)]
    public static partial WhisperVadContextParams whisper_vad_default_context_params();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr whisper_vad_init_from_file_with_params(string pathModel, WhisperVadContextParams parameters);

    [LibraryImport(Library)]
    public static partial void whisper_vad_free(IntPtr context);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool whisper_vad_detect_speech(SafeWhisperVadContextHandle context, float* samples, int nSamples);

    [LibraryImport(Library)]
    public static partial IntPtr whisper_vad_segments_from_probs(SafeWhisperVadContextHandle context, WhisperVadParams parameters);

    [LibraryImport(Library)]
    public static partial int whisper_vad_segments_n_segments(SafeWhisperVadSegmentsHandle segments);

    [LibraryImport(Library)]
    public static partial float whisper_vad_segments_get_segment_t0(SafeWhisperVadSegmentsHandle segments, int segment);

    [LibraryImport(Library)]
    public static partial float whisper_vad_segments_get_segment_t1(SafeWhisperVadSegmentsHandle segments, int segment);

    [LibraryImport(Library)]
    public static partial void whisper_vad_free_segments(IntPtr segments);
}

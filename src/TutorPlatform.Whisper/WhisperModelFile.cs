using System.Buffers.Binary;
using System.Text;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Whisper;

// Checks a model file before native code sees it. whisper.cpp trusts the header it reads: a missing file is
// reported, but a ggml file of the wrong kind (a VAD model given as a whisper model, say) ends in GGML_ASSERT and
// aborts the whole process. So the magic and the header's plausibility are checked here, in managed code.
internal static class WhisperModelFile
{
    // "ggml" as whisper.cpp writes it: the uint32 0x67676d6c, little-endian on disk ("lmgg").
    private const uint GgmlMagic = 0x67676d6c;

    // ggml_ftype values whisper.cpp maps to a tensor type (f32, f16, q4_0, q4_1, q8_0, q5_0, q5_1, k-quants, bf16).
    private static readonly HashSet<int> KnownFileTypes = [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14, 24];

    /// <summary>A whisper model: magic, then n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype.</summary>
    public static string CheckWhisperModel(string? path)
    {
        const string what = "whisper model";
        var (full, head) = ReadHead(path, what, 4 + 11 * 4);
        Span<int> h = stackalloc int[11];
        for (var i = 0; i < h.Length; i++)
        {
            h[i] = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(4 + i * 4));
        }

        var plausible = h[0] is >= 50_000 and <= 60_000
            && h[1] is > 0 and <= 100_000 && h[2] is > 0 and <= 16_384 && h[3] is > 0 and <= 256 && h[4] is > 0 and <= 256
            && h[5] is > 0 and <= 100_000 && h[6] is > 0 and <= 16_384 && h[7] is > 0 and <= 256 && h[8] is > 0 and <= 256
            && h[9] is 80 or 128
            && KnownFileTypes.Contains(h[10] % 1000);
        if (!plausible)
        {
            throw new SpeechEngineException(
                $"The {what} '{full}' is a ggml file but not a whisper.cpp speech model (its header is not whisper's); it may be corrupt or another kind of model.");
        }

        return full;
    }

    /// <summary>A Silero VAD model: magic, then a length-prefixed model type such as "silero-16k".</summary>
    public static string CheckVadModel(string? path)
    {
        const string what = "Silero VAD model (Speech:Whisper:VadModelPath)";
        var (full, head) = ReadHead(path, what, 4 + 4 + 6);
        var length = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(4));
        if (length is < 6 or > 64 || Encoding.ASCII.GetString(head, 8, 6) != "silero")
        {
            throw new SpeechEngineException(
                $"The {what} '{full}' is a ggml file but not a Silero VAD model (its header does not name silero); it may be corrupt or another kind of model.");
        }

        return full;
    }

    private static (string Full, byte[] Head) ReadHead(string? path, string what, int length)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SpeechEngineException($"No {what} is configured.");
        }

        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new SpeechEngineException($"The {what} '{full}' does not exist.");
        }

        var head = new byte[length];
        int read;
        using (var stream = File.OpenRead(full))
        {
            read = stream.ReadAtLeast(head, length, throwOnEndOfStream: false);
        }

        if (read < 4 || BinaryPrimitives.ReadUInt32LittleEndian(head) != GgmlMagic)
        {
            throw new SpeechEngineException($"The {what} '{full}' is not a whisper.cpp ggml model file (bad magic); it may be corrupt or of another format.");
        }

        if (read < length)
        {
            throw new SpeechEngineException($"The {what} '{full}' is truncated ({read} bytes); it may be corrupt.");
        }

        return (full, head);
    }
}

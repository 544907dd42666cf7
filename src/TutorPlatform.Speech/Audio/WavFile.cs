using System.Buffers.Binary;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Audio;

/// <summary>
/// Reads RIFF/WAVE by its chunks (fmt, data, and any LIST/fact/... chunks in between; no 44-byte assumption).
/// Gives samples directly for plain 16-bit PCM at 16 kHz; everything else is left to ffmpeg.
/// </summary>
internal static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>The header of a WAV file: its format and where its sample data lies.</summary>
    public readonly record struct WavInfo(ushort Format, int Channels, int SampleRate, int BitsPerSample, int DataOffset, int DataLength)
    {
        public bool IsPcm16At16K => Format == FormatPcm && BitsPerSample == 16 && SampleRate == PcmAudio.SampleRate && Channels >= 1;
    }

    public static bool LooksLikeWav(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WAVE"u8);

    /// <summary>Parses the chunks; null when the bytes are not a WAV file or it is cut before its data chunk.</summary>
    public static WavInfo? ReadInfo(ReadOnlySpan<byte> data)
    {
        if (!LooksLikeWav(data))
        {
            return null;
        }

        ushort format = 0, channels = 0, bits = 0;
        var rate = 0;
        var sawFormat = false;
        var offset = 12;
        while (offset + 8 <= data.Length)
        {
            var id = data.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= data.Length)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 14, 2));
                if (format == FormatExtensible && size >= 40 && body + 26 <= data.Length)
                {
                    // WAVE_FORMAT_EXTENSIBLE: the real format code opens the sub-format GUID.
                    format = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 24, 2));
                }

                sawFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!sawFormat)
                {
                    return null;
                }

                // Streams written by a recorder that never went back to fix the size say 0 or 0xFFFFFFFF: take what is there.
                var available = data.Length - body;
                var length = size == 0 || size > (uint)available ? available : (int)size;
                return new WavInfo(format, channels, rate, bits, body, length);
            }

            // Chunks are padded to an even size.
            var next = (long)body + size + (size & 1);
            if (next > data.Length)
            {
                break;
            }

            offset = (int)next;
        }

        return null;
    }

    /// <summary>The samples of a 16-bit PCM 16 kHz file, channels averaged.</summary>
    public static short[] ReadPcm16(ReadOnlySpan<byte> data, WavInfo info)
    {
        var bytes = data.Slice(info.DataOffset, info.DataLength);
        var frameBytes = 2 * info.Channels;
        var frames = bytes.Length / frameBytes;
        var samples = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0;
            for (var c = 0; c < info.Channels; c++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i * frameBytes + 2 * c, 2));
            }

            samples[i] = (short)(sum / info.Channels);
        }

        return samples;
    }
}

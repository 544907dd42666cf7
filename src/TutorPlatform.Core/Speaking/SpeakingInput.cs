using System.Buffers.Binary;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Core.Speaking;

/// <summary>Why a take was refused before it was assessed; the message is fit for the student.</summary>
public enum SpeakingInputError
{
    Empty,
    UnsupportedFormat,
    TooLarge,
    TooLong,
    Silent,
    NoText,
    Undecodable,
}

/// <summary>A take refused before assessment, with a message fit for the student or API client.</summary>
public sealed class SpeakingInputException(SpeakingInputError error, string message) : Exception(message)
{
    public SpeakingInputError Error { get; } = error;
}

/// <summary>The audio formats the coach accepts, told apart by their first bytes (not by a file name or a claimed type).</summary>
public static class AudioFormats
{
    public const string Accept = ".wav,.mp3,.ogg,.oga,.opus,.webm,.flac,audio/wav,audio/x-wav,audio/mpeg,audio/ogg,audio/webm,audio/flac";

    public const string Names = "WAV, MP3, OGG/Opus, WebM or FLAC";

    /// <summary>"WAV", "MP3", "OGG", "WebM", "FLAC", or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return "WAV";
        }

        if (data.Length >= 4 && data[..4].SequenceEqual("OggS"u8))
        {
            return "OGG";
        }

        if (data.Length >= 4 && data[..4].SequenceEqual("fLaC"u8))
        {
            return "FLAC";
        }

        if (data.Length >= 4 && data[0] == 0x1A && data[1] == 0x45 && data[2] == 0xDF && data[3] == 0xA3)
        {
            return "WebM";
        }

        if (data.Length >= 3 && data[..3].SequenceEqual("ID3"u8))
        {
            return "MP3";
        }

        // An MPEG audio frame header: 11 sync bits, then layer III (MP3) or II.
        if (data.Length >= 2 && data[0] == 0xFF && (data[1] & 0xE0) == 0xE0 && (data[1] & 0x06) != 0)
        {
            return "MP3";
        }

        return null;
    }

    /// <summary>16 kHz mono 16-bit PCM as a WAV file.</summary>
    public static byte[] ToWav(PcmAudio audio)
    {
        var samples = audio.Samples.Span;
        var bytes = new byte[44 + (samples.Length * 2)];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], PcmAudio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], PcmAudio.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], samples[i]);
        }

        return bytes;
    }

    /// <summary>The RMS level (full scale 1.0) of the loudest 100 ms window.</summary>
    public static double LoudestWindowRms(PcmAudio audio)
    {
        var samples = audio.Samples.Span;
        const int window = PcmAudio.SampleRate / 10;
        var loudest = 0.0;
        for (var start = 0; start < samples.Length; start += window)
        {
            var end = Math.Min(samples.Length, start + window);
            double sum = 0;
            for (var i = start; i < end; i++)
            {
                var s = samples[i] / 32768.0;
                sum += s * s;
            }

            loudest = Math.Max(loudest, Math.Sqrt(sum / Math.Max(1, end - start)));
        }

        return loudest;
    }
}

/// <summary>Checks and decodes a take: the one pipeline for recordings, uploads and the API.</summary>
public static class SpeakingAudioPipeline
{
    /// <exception cref="SpeakingInputException">Empty, not one of the accepted formats, too large, too long, undecodable or silent.</exception>
    public static async Task<PcmAudio> DecodeAsync(IAudioDecoder decoder, ReadOnlyMemory<byte> data, SpeakingOptions options, CancellationToken ct)
    {
        if (data.IsEmpty)
        {
            throw new SpeakingInputException(SpeakingInputError.Empty, "The recording is empty.");
        }

        if (data.Length > options.MaxUploadBytes)
        {
            throw new SpeakingInputException(SpeakingInputError.TooLarge,
                $"The file is {data.Length / 1024.0 / 1024.0:0.0} MB; files up to {options.MaxUploadBytes / 1024 / 1024} MB are accepted.");
        }

        if (AudioFormats.Detect(data.Span) is null)
        {
            throw new SpeakingInputException(SpeakingInputError.UnsupportedFormat,
                $"This is not an audio file the coach reads. Use {AudioFormats.Names}.");
        }

        PcmAudio audio;
        try
        {
            audio = await decoder.DecodeAsync(data, ct);
        }
        catch (AudioDecodingException ex) when (ex.Error == AudioDecodingError.TooLong)
        {
            throw new SpeakingInputException(SpeakingInputError.TooLong, $"The recording is too long: takes can be up to {options.MaxTakeSeconds} seconds.");
        }
        catch (AudioDecodingException ex) when (ex.Error == AudioDecodingError.Empty)
        {
            throw new SpeakingInputException(SpeakingInputError.Empty, "The recording has no sound in it.");
        }
        catch (AudioDecodingException ex) when (ex.Error != AudioDecodingError.DecoderUnavailable)
        {
            throw new SpeakingInputException(SpeakingInputError.Undecodable, $"The audio could not be read: {ex.Message}");
        }

        if (audio.DurationSeconds > options.MaxTakeSeconds + 0.5)
        {
            throw new SpeakingInputException(SpeakingInputError.TooLong,
                $"The recording is {audio.DurationSeconds:0} seconds long; takes can be up to {options.MaxTakeSeconds} seconds.");
        }

        if (audio.DurationSeconds < 0.2)
        {
            throw new SpeakingInputException(SpeakingInputError.Empty, "The recording is too short to assess.");
        }

        if (AudioFormats.LoudestWindowRms(audio) < options.SilenceRms)
        {
            throw new SpeakingInputException(SpeakingInputError.Silent,
                "We could not hear any speech in this take. Check that the right microphone is on and not muted, and speak a little closer to it.");
        }

        return audio;
    }
}

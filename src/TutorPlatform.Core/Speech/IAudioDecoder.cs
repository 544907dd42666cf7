namespace TutorPlatform.Core.Speech;

/// <summary>
/// Turns an uploaded or recorded audio file (WAV, MP3, OGG/Opus, WebM, FLAC, ...) into 16 kHz mono samples.
/// </summary>
public interface IAudioDecoder
{
    /// <summary>Decodes audio held in memory.</summary>
    /// <exception cref="AudioDecodingException">The bytes are not audio this decoder reads, are corrupt, or exceed the configured size or duration limits.</exception>
    Task<PcmAudio> DecodeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Decodes an audio file.</summary>
    /// <exception cref="AudioDecodingException">The file is missing, not audio this decoder reads, corrupt, or exceeds the configured limits.</exception>
    Task<PcmAudio> DecodeFileAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>Why audio could not be decoded; safe to show to the user.</summary>
public enum AudioDecodingError
{
    /// <summary>The input is not in a format the decoder reads (for example a text file).</summary>
    UnsupportedFormat,

    /// <summary>The input looks like audio but could not be decoded completely.</summary>
    Corrupt,

    /// <summary>The input is larger than the configured maximum number of bytes.</summary>
    TooLarge,

    /// <summary>The audio is longer than the configured maximum duration.</summary>
    TooLong,

    /// <summary>The input contains no audio samples.</summary>
    Empty,

    /// <summary>The file does not exist or cannot be read.</summary>
    NotFound,

    /// <summary>The decoder's own tooling (for example ffmpeg) is not installed or failed to run.</summary>
    DecoderUnavailable,
}

/// <summary>Audio that could not be decoded, with a typed reason and a message fit for the user.</summary>
public sealed class AudioDecodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AudioDecodingException(AudioDecodingError error, string message, Exception? innerException = null)
        : base(message, innerException) => Error = error;

    /// <summary>Why decoding failed.</summary>
    public AudioDecodingError Error { get; }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Audio;

/// <summary>
/// Decodes WAV, MP3, OGG (Vorbis/Opus), WebM/Matroska, FLAC, M4A/AAC to 16 kHz mono with Debian's ffmpeg
/// (<c>-f s16le</c> to stdout). Plain 16-bit PCM WAV at 16 kHz is read directly without ffmpeg. The container is
/// recognised from its first bytes and ffmpeg is told that demuxer, so nothing else (playlists, text) reaches it.
/// Thread-safe.
/// </summary>
public sealed class FfmpegAudioDecoder(IOptions<SpeechOptions> options) : IAudioDecoder
{
    private const int SniffBytes = 64;
    private readonly SpeechOptions _options = options.Value;

    public async Task<PcmAudio> DecodeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.Length > _options.MaxAudioBytes)
        {
            throw TooLarge(data.Length);
        }

        var format = Sniff(data.Span);
        if (format == "wav" && WavFile.ReadInfo(data.Span) is { IsPcm16At16K: true } info)
        {
            return CheckDuration(new PcmAudio(WavFile.ReadPcm16(data.Span, info)));
        }

        return await RunFfmpegAsync(format, "pipe:0", data, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PcmAudio> DecodeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new AudioDecodingException(AudioDecodingError.NotFound, $"The audio file {path} does not exist.");
        }

        if (file.Length > _options.MaxAudioBytes)
        {
            throw TooLarge(file.Length);
        }

        var head = new byte[SniffBytes];
        int read;
        await using (var stream = file.OpenRead())
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var format = Sniff(head.AsSpan(0, read));
        if (format == "wav")
        {
            // Reading the whole file is cheap for the sizes allowed, and gives the direct PCM path.
            return await DecodeAsync(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        return await RunFfmpegAsync(format, Path.GetFullPath(path), ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ffmpeg demuxer for the container the bytes start with.</summary>
    /// <exception cref="AudioDecodingException">Empty input, or not a supported audio container.</exception>
    internal static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            throw new AudioDecodingException(AudioDecodingError.Empty, "The audio is empty.");
        }

        if (WavFile.LooksLikeWav(head))
        {
            return "wav";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "ogg";
        }

        if (head.StartsWith("fLaC"u8))
        {
            return "flac";
        }

        if (head.StartsWith("ID3"u8))
        {
            return "mp3";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "matroska"; // WebM is Matroska
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "mov"; // MP4 / M4A
        }

        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)
        {
            // An MPEG audio frame sync: layer bits 00 mean AAC in ADTS, anything else MP1/2/3.
            return (head[1] & 0x06) == 0 ? "aac" : "mp3";
        }

        throw new AudioDecodingException(AudioDecodingError.UnsupportedFormat,
            "The file is not audio in a supported format (WAV, MP3, OGG/Opus, WebM, FLAC, M4A).");
    }

    private async Task<PcmAudio> RunFfmpegAsync(string format, string input, ReadOnlyMemory<byte> stdin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.FfmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
                 [
                     "-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file,pipe",
                     "-f", format, "-i", input,
                     "-map", "0:a:0", "-vn", "-ac", "1", "-ar", PcmAudio.SampleRate.ToString(), "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1",
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new AudioDecodingException(AudioDecodingError.DecoderUnavailable,
                $"ffmpeg ({_options.FfmpegPath}) could not be started: {ex.Message}. Run scripts/deps/speech.sh (Debian package ffmpeg) or set Speech:FfmpegPath.", ex);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.DecodeTimeoutSeconds));
        var maxBytes = (long)(_options.MaxAudioSeconds * PcmAudio.SampleRate) * 2;
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var feed = FeedAsync(process, stdin, timeout.Token);
        var output = new MemoryStream();
        var tooLong = false;
        try
        {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await process.StandardOutput.BaseStream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > maxBytes)
                {
                    tooLong = true;
                    break;
                }
            }

            if (tooLong)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await feed.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new AudioDecodingException(AudioDecodingError.Corrupt, $"ffmpeg did not finish decoding within {_options.DecodeTimeoutSeconds} s.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (tooLong)
        {
            throw new AudioDecodingException(AudioDecodingError.TooLong, $"The audio is longer than the limit of {_options.MaxAudioSeconds:0.#} s.");
        }

        var message = (await errors.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            var reason = message.Contains("Invalid data", StringComparison.OrdinalIgnoreCase) && output.Length == 0
                ? AudioDecodingError.UnsupportedFormat
                : AudioDecodingError.Corrupt;
            throw new AudioDecodingException(reason, $"The audio could not be decoded ({format}): {LastLine(message)}");
        }

        if (output.Length < 2)
        {
            throw new AudioDecodingException(AudioDecodingError.Empty, "The audio contains no samples.");
        }

        var samples = MemoryMarshal.Cast<byte, short>(output.GetBuffer().AsSpan(0, (int)(output.Length & ~1L))).ToArray();
        return new PcmAudio(samples);
    }

    private static async Task FeedAsync(Process process, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            if (!data.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // ffmpeg stopped reading (bad input or the duration limit); its exit code tells why.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }
    }

    private PcmAudio CheckDuration(PcmAudio audio)
    {
        if (audio.DurationSeconds > _options.MaxAudioSeconds)
        {
            throw new AudioDecodingException(AudioDecodingError.TooLong, $"The audio is {audio.DurationSeconds:0.#} s long, over the limit of {_options.MaxAudioSeconds:0.#} s.");
        }

        return audio.Samples.IsEmpty ? throw new AudioDecodingException(AudioDecodingError.Empty, "The audio contains no samples.") : audio;
    }

    private AudioDecodingException TooLarge(long bytes) =>
        new(AudioDecodingError.TooLarge, $"The audio file is {bytes / 1_048_576.0:0.#} MB, over the limit of {_options.MaxAudioBytes / 1_048_576.0:0.#} MB.");

    private static string LastLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "ffmpeg failed";
}

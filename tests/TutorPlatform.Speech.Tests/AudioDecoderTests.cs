using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Audio;

namespace TutorPlatform.Speech.Tests;

public sealed class AudioDecoderTests(SpeechFixture speech)
{
    private static readonly Dictionary<string, string> LjClip = SpeechFixture.Manifest("ljspeech")[1]; // 1.9 s
    private static readonly Dictionary<string, string> An4Clip = SpeechFixture.Manifest("an4")[3];     // 2.6 s, 16 kHz PCM

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DecodeFile_Pcm16kWav_ReadsSamplesDirectly()
    {
        var path = SpeechFixture.ClipPath("an4", An4Clip);

        var audio = await speech.Decoder.DecodeFileAsync(path, Ct);

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var info = WavFile.ReadInfo(bytes)!.Value;
        Assert.True(info.IsPcm16At16K);
        Assert.Equal(info.DataLength / 2 / info.Channels, audio.Samples.Length);
        Assert.Equal(double.Parse(An4Clip["duration_s"], System.Globalization.CultureInfo.InvariantCulture), audio.DurationSeconds, 0.05);
    }

    [Fact]
    public async Task DecodeFile_22kHzWav_ResamplesTo16kHz()
    {
        var audio = await speech.Decoder.DecodeFileAsync(SpeechFixture.ClipPath("ljspeech", LjClip), Ct);

        Assert.Equal(double.Parse(LjClip["duration_s"], System.Globalization.CultureInfo.InvariantCulture), audio.DurationSeconds, 0.05);
    }

    [Fact]
    public async Task DecodeAsync_WavWithListChunkBeforeData_SkipsTheChunk()
    {
        // ffmpeg writes a LIST (metadata) chunk before `data` unless told otherwise: the header is not 44 bytes.
        var wav = SpeechFixture.TempPath("list.wav");
        var raw = SpeechFixture.TempPath("raw.s16");
        try
        {
            var source = SpeechFixture.ClipPath("ljspeech", LjClip);
            SpeechFixture.Ffmpeg("-i", source, "-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", "-metadata", "title=test", wav);
            SpeechFixture.Ffmpeg("-i", wav, "-f", "s16le", "-c:a", "pcm_s16le", raw);
            var bytes = await File.ReadAllBytesAsync(wav, Ct);
            Assert.True(WavFile.ReadInfo(bytes)!.Value.DataOffset > 44, "the test file should have a chunk before data");

            var audio = await speech.Decoder.DecodeAsync(bytes, Ct);

            var expected = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(await File.ReadAllBytesAsync(raw, Ct)).ToArray();
            Assert.Equal(expected, audio.Samples.ToArray());
        }
        finally
        {
            File.Delete(wav);
            File.Delete(raw);
        }
    }

    [Theory]
    [InlineData("mp3", new[] { "-c:a", "libmp3lame", "-b:a", "64k" })]
    [InlineData("ogg", new[] { "-ar", "48000", "-c:a", "libopus", "-b:a", "32k" })]
    [InlineData("flac", new[] { "-c:a", "flac" })]
    [InlineData("webm", new[] { "-ar", "48000", "-c:a", "libopus", "-b:a", "32k" })]
    public async Task DecodeAsync_CompressedFormats_GiveTheSameDuration(string extension, string[] codec)
    {
        var source = SpeechFixture.ClipPath("ljspeech", LjClip);
        var encoded = SpeechFixture.TempPath("clip." + extension);
        try
        {
            SpeechFixture.Ffmpeg(["-i", source, "-ac", "1", .. codec, encoded]);
            var original = await speech.Decoder.DecodeFileAsync(source, Ct);

            var fromBytes = await speech.Decoder.DecodeAsync(await File.ReadAllBytesAsync(encoded, Ct), Ct);
            var fromFile = await speech.Decoder.DecodeFileAsync(encoded, Ct);

            // Codec padding (MP3 encoder delay, Opus pre-skip) may add a few tens of milliseconds.
            Assert.Equal(original.DurationSeconds, fromBytes.DurationSeconds, 0.08);
            // Read from a pipe, ffmpeg cannot seek to an MP3's gapless-playback header, so lengths may differ by a frame.
            Assert.Equal(fromFile.DurationSeconds, fromBytes.DurationSeconds, 0.03);
            Assert.True(Rms(fromBytes) > 0.3 * Rms(original), "decoded audio should carry the signal");
        }
        finally
        {
            File.Delete(encoded);
        }
    }

    [Fact]
    public async Task DecodeAsync_TextFile_IsUnsupportedFormat()
    {
        var text = await File.ReadAllBytesAsync(Path.Combine(SpeechFixture.AsrData, "an4", "manifest.tsv"), Ct);

        var error = await Assert.ThrowsAsync<AudioDecodingException>(() => speech.Decoder.DecodeAsync(text, Ct));

        Assert.Equal(AudioDecodingError.UnsupportedFormat, error.Error);
        Assert.Contains("not audio in a supported format", error.Message);
    }

    [Fact]
    public async Task DecodeFile_TextFileNamedWav_IsUnsupportedFormat()
    {
        var path = SpeechFixture.TempPath("notes.wav");
        await File.WriteAllTextAsync(path, "These are my notes, not a recording.", Ct);
        try
        {
            var error = await Assert.ThrowsAsync<AudioDecodingException>(() => speech.Decoder.DecodeFileAsync(path, Ct));
            Assert.Equal(AudioDecodingError.UnsupportedFormat, error.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DecodeAsync_TruncatedMp3Header_IsCorruptOrUnsupported()
    {
        var source = SpeechFixture.ClipPath("ljspeech", LjClip);
        var mp3 = SpeechFixture.TempPath("cut.mp3");
        try
        {
            SpeechFixture.Ffmpeg("-i", source, "-c:a", "libmp3lame", mp3);
            var bytes = (await File.ReadAllBytesAsync(mp3, Ct))[..40];

            var error = await Assert.ThrowsAsync<AudioDecodingException>(() => speech.Decoder.DecodeAsync(bytes, Ct));

            Assert.Contains(error.Error, new[] { AudioDecodingError.Corrupt, AudioDecodingError.UnsupportedFormat, AudioDecodingError.Empty });
        }
        finally
        {
            File.Delete(mp3);
        }
    }

    [Fact]
    public async Task Decode_OverDurationLimit_IsTooLong_OnBothPaths()
    {
        var decoder = new FfmpegAudioDecoder(Options.Create(new SpeechOptions { MaxAudioSeconds = 1 }));

        var direct = await Assert.ThrowsAsync<AudioDecodingException>(() => decoder.DecodeFileAsync(SpeechFixture.ClipPath("an4", An4Clip), Ct));
        var ffmpeg = await Assert.ThrowsAsync<AudioDecodingException>(() => decoder.DecodeFileAsync(SpeechFixture.ClipPath("ljspeech", LjClip), Ct));

        Assert.Equal(AudioDecodingError.TooLong, direct.Error);
        Assert.Equal(AudioDecodingError.TooLong, ffmpeg.Error);
        Assert.Contains("limit of 1 s", ffmpeg.Message);
    }

    [Fact]
    public async Task Decode_OverSizeLimit_IsTooLarge()
    {
        var decoder = new FfmpegAudioDecoder(Options.Create(new SpeechOptions { MaxAudioBytes = 10_000 }));

        var error = await Assert.ThrowsAsync<AudioDecodingException>(() => decoder.DecodeFileAsync(SpeechFixture.ClipPath("ljspeech", LjClip), Ct));

        Assert.Equal(AudioDecodingError.TooLarge, error.Error);
    }

    [Fact]
    public async Task Decode_MissingFileOrEmptyInput_HaveTheirOwnErrors()
    {
        var missing = await Assert.ThrowsAsync<AudioDecodingException>(() => speech.Decoder.DecodeFileAsync("/nonexistent/clip.wav", Ct));
        var empty = await Assert.ThrowsAsync<AudioDecodingException>(() => speech.Decoder.DecodeAsync(ReadOnlyMemory<byte>.Empty, Ct));

        Assert.Equal(AudioDecodingError.NotFound, missing.Error);
        Assert.Equal(AudioDecodingError.Empty, empty.Error);
    }

    [Fact]
    public async Task Decode_MissingFfmpeg_IsDecoderUnavailableWithInstallHint()
    {
        var decoder = new FfmpegAudioDecoder(Options.Create(new SpeechOptions { FfmpegPath = "/nonexistent/ffmpeg" }));

        var error = await Assert.ThrowsAsync<AudioDecodingException>(() => decoder.DecodeFileAsync(SpeechFixture.ClipPath("ljspeech", LjClip), Ct));

        Assert.Equal(AudioDecodingError.DecoderUnavailable, error.Error);
        Assert.Contains("scripts/deps/speech.sh", error.Message);
    }

    private static double Rms(PcmAudio audio)
    {
        var sum = 0.0;
        foreach (var s in audio.Samples.Span)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / Math.Max(1, audio.Samples.Length));
    }
}

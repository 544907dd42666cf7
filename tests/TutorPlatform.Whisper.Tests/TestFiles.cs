using TutorPlatform.Core.Speech;
using TutorPlatform.Whisper;

namespace TutorPlatform.Whisper.Tests;

/// <summary>Paths the tests need: the repository (the folder with TutorPlatform.sln), ../shared/models, and .native/whisper.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedModels => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "models"));

    public static string TinyModel => SharedModel("for-tests-ggml-tiny.bin");

    public static string TinyEnglishModel => SharedModel("for-tests-ggml-tiny.en.bin");

    public static string SileroModel => SharedModel("for-tests-silero-v6.2.0-ggml.bin");

    public static string JfkWav => SharedModel("jfk.wav");

    /// <summary>The native folder; fails the test (never skips) with the install script's name when it is missing.</summary>
    public static string NativeDirectory
    {
        get
        {
            var directory = Path.Combine(RepositoryRoot, ".native", "whisper");
            Assert.True(File.Exists(Path.Combine(directory, WhisperRuntime.LibraryFileName)),
                $"whisper.cpp is not unpacked in {directory}: run {WhisperRuntime.InstallScript} from the repository root.");
            return directory;
        }
    }

    public static string SharedModel(string name)
    {
        var path = Path.Combine(SharedModels, name);
        Assert.True(File.Exists(path), $"Test file {path} is missing (see ../shared/models/PROVENANCE.md).");
        return path;
    }

    /// <summary>Reads a 16 kHz mono 16-bit WAV file, walking its chunks rather than assuming a 44-byte header.</summary>
    public static PcmAudio ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            var size = BitConverter.ToInt32(bytes, position + 4);
            if (id == "fmt ")
            {
                Assert.Equal(1, BitConverter.ToInt16(bytes, position + 10));          // mono
                Assert.Equal(PcmAudio.SampleRate, BitConverter.ToInt32(bytes, position + 12));
                Assert.Equal(16, BitConverter.ToInt16(bytes, position + 22));
            }
            else if (id == "data")
            {
                var length = Math.Min(size, bytes.Length - position - 8) / 2;
                var samples = new short[length];
                Buffer.BlockCopy(bytes, position + 8, samples, 0, length * 2);
                return new PcmAudio(samples);
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TutorPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TutorPlatform.sln above {AppContext.BaseDirectory}.");
    }
}

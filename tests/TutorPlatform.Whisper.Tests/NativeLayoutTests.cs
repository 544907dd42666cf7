using System.Runtime.InteropServices;
using TutorPlatform.Whisper.Native;

namespace TutorPlatform.Whisper.Tests;

// The structs are passed by value, so one wrong offset corrupts every call. Sizes come from offsetof/sizeof
// against whisper.h 1.9.3; the field checks read the library's own _by_ref defaults through our layout.
public sealed unsafe class NativeLayoutTests
{
    public NativeLayoutTests() => WhisperRuntime.Initialize(TestFiles.NativeDirectory);

    [Fact]
    public void Structs_HaveTheSizesOfWhisperCpp193()
    {
        Assert.Equal(304, sizeof(WhisperFullParams));
        Assert.Equal(304, Marshal.SizeOf<WhisperFullParams>());
        Assert.Equal(48, sizeof(WhisperContextParams));
        Assert.Equal(24, sizeof(WhisperVadParams));
        Assert.Equal(12, sizeof(WhisperVadContextParams));
        Assert.Equal(56, sizeof(WhisperTokenData));
    }

    [Fact]
    public void Library_IsWhisperCpp193()
    {
        // The fugood build reports "1.9.3-dev".
        Assert.StartsWith("1.9.3", WhisperRuntime.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void FullParamsDefaults_ReadThroughOurLayout_MatchWhisperCpp()
    {
        var p = WhisperModel.DefaultFullParams();

        Assert.Equal((int)WhisperSamplingStrategy.Greedy, p.Strategy);
        Assert.Equal(Math.Min(4, Environment.ProcessorCount), p.NThreads);
        Assert.Equal(16384, p.NMaxTextCtx);
        Assert.Equal(0, p.TokenTimestamps);
        Assert.Equal(0.01f, p.TholdPt);
        Assert.Equal(0.01f, p.TholdPtSum);
        Assert.Equal("en", Marshal.PtrToStringUTF8(p.Language));
        Assert.Equal(0, p.DetectLanguage);
        Assert.Equal(0.2f, p.TemperatureInc);
        Assert.Equal(2.4f, p.EntropyThold);
        Assert.Equal(-1.0f, p.LogprobThold);
        Assert.Equal(0.6f, p.NoSpeechThold);
        Assert.Equal(5, p.GreedyBestOf);
        Assert.Equal(-1, p.BeamSize);
        Assert.Equal(IntPtr.Zero, p.AbortCallback);
        Assert.Equal(100.0f, p.GrammarPenalty);
        Assert.Equal(0, p.Vad);
        Assert.Equal(0.5f, p.VadParams.Threshold);
        Assert.Equal(250, p.VadParams.MinSpeechDurationMs);
        Assert.Equal(100, p.VadParams.MinSilenceDurationMs);
        Assert.Equal(float.MaxValue, p.VadParams.MaxSpeechDurationS);
        Assert.Equal(30, p.VadParams.SpeechPadMs);
        Assert.Equal(0.1f, p.VadParams.SamplesOverlap);
    }

    [Fact]
    public void ContextParamsDefaults_ReadThroughOurLayout_MatchWhisperCpp()
    {
        var defaults = WhisperNative.whisper_context_default_params_by_ref();
        try
        {
            var p = *defaults;
            Assert.Equal(1, p.UseGpu);
            Assert.Equal(1, p.FlashAttn);
            Assert.Equal(0, p.GpuDevice);
            Assert.Equal(0, p.DtwTokenTimestamps);
            Assert.Equal(-1, p.DtwNTop);
            Assert.Equal(0u, p.DtwAheadsNHeads);
            Assert.Equal(1024u * 1024 * 128, p.DtwMemSize);
        }
        finally
        {
            WhisperNative.whisper_free_context_params(defaults);
        }
    }

    [Fact]
    public void VadDefaults_MatchWhisperCpp()
    {
        Assert.Equal(new WhisperVadSettings(), WhisperVad.LibraryDefaults());
    }
}

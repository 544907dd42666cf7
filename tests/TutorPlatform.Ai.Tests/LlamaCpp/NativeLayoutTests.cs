using System.Runtime.CompilerServices;
using TutorPlatform.LlamaCpp.Native;

namespace TutorPlatform.Ai.Tests.LlamaCpp;

// Sizes measured from C against llama.h of the shipped build (shared/MODELS.md). A mismatch means the header moved.
[Collection(LlamaCollection.Name)]
public sealed class NativeLayoutTests
{
    [Fact]
    public void StructSizes_MatchTheShippedHeader()
    {
        Assert.Equal(80, Unsafe.SizeOf<LlamaModelParams>());
        Assert.Equal(160, Unsafe.SizeOf<LlamaContextParams>());
        Assert.Equal(56, Unsafe.SizeOf<LlamaBatch>());
        Assert.Equal(16, Unsafe.SizeOf<LlamaChatMessageNative>());
        Assert.Equal(48, Unsafe.SizeOf<LlamaPerfContextData>());
    }

    [Fact]
    public void DefaultParams_FromTheLibrary_HaveTheHeaderDefaults()
    {
        LlamaNative.EnsureLoaded();

        var model = NativeMethods.llama_model_default_params();
        var context = NativeMethods.llama_context_default_params();

        // llama_model_default_params: use_extra_bufts = true, every other bool false, n_gpu_layers = -1 ("all").
        Assert.Equal(0, model.VocabOnly);
        Assert.Equal(1, model.UseExtraBufts);
        Assert.Equal(0, model.NoAlloc);
        Assert.Equal(-1, model.NGpuLayers);
        // llama_context_default_params (src/llama-context.cpp): checks fields from the start, middle and end of the struct.
        Assert.Equal(512u, context.NCtx);
        Assert.Equal(2048u, context.NBatch);
        Assert.Equal(512u, context.NUbatch);
        Assert.Equal(1u, context.NSeqMax);
        Assert.Equal(1u, context.NOutputsMaxPerSeq);
        Assert.Equal(-1f, context.YarnExtFactor);
        Assert.Equal(-1f, context.DefragThold);
        Assert.Equal(1, context.TypeK); // GGML_TYPE_F16
        Assert.Equal(1, context.TypeV);
        Assert.Equal(0, context.Embeddings);
        Assert.Equal(1, context.OffloadKqv);
        Assert.Equal(1, context.NoPerf);
        Assert.Equal(1, context.SwaFull);
        Assert.Equal(0, context.KvUnified);
        Assert.Equal(0u, (uint)context.NSamplers);
        Assert.Equal(IntPtr.Zero, context.Samplers);
        Assert.Equal(IntPtr.Zero, context.CtxOther);
    }
}

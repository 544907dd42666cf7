using System.Runtime.InteropServices;

namespace TutorPlatform.LlamaCpp.Native;

// Layouts copied from include/llama.h of the exact build that @node-llama-cpp/linux-x64@3.22.1 ships
// (llama.cpp release v0.5.0, node-llama-cpp's llama/gitRelease.bundle). They changed often upstream:
// re-check them against the header whenever the npm package version moves. C `bool` is one byte here.

[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelParams
{
    public IntPtr Devices;                  // ggml_backend_dev_t *
    public IntPtr TensorBuftOverrides;      // const llama_model_tensor_buft_override *
    public int NGpuLayers;
    public int SplitMode;                   // enum llama_split_mode
    public int LoadMode;                    // enum llama_load_mode
    public int LazyMode;                    // enum llama_lazy_mode
    public int MainGpu;
    public IntPtr TensorSplit;              // const float *
    public IntPtr ProgressCallback;         // llama_progress_callback
    public IntPtr ProgressCallbackUserData;
    public IntPtr KvOverrides;              // const llama_model_kv_override *
    public byte VocabOnly;
    public byte CheckTensors;
    public byte UseExtraBufts;
    public byte NoHost;
    public byte NoAlloc;
    public byte LoadMtp;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LlamaContextParams
{
    public uint NCtx;
    public uint NBatch;
    public uint NUbatch;
    public uint NSeqMax;
    public uint NRsSeq;
    public uint NOutputsMax;
    public uint NOutputsMaxPerSeq;
    public int NThreads;
    public int NThreadsBatch;
    public int CtxType;                     // enum llama_context_type
    public int RopeScalingType;             // enum llama_rope_scaling_type
    public int PoolingType;                 // enum llama_pooling_type
    public int AttentionType;               // enum llama_attention_type
    public int FlashAttnType;               // enum llama_flash_attn_type
    public float RopeFreqBase;
    public float RopeFreqScale;
    public float YarnExtFactor;
    public float YarnAttnFactor;
    public float YarnBetaFast;
    public float YarnBetaSlow;
    public uint YarnOrigCtx;
    public float DefragThold;
    public IntPtr CbEval;                   // ggml_backend_sched_eval_callback
    public IntPtr CbEvalUserData;
    public int TypeK;                       // enum ggml_type
    public int TypeV;
    public IntPtr AbortCallback;            // ggml_abort_callback: bool (*)(void *)
    public IntPtr AbortCallbackData;
    public byte Embeddings;
    public byte OffloadKqv;
    public byte NoPerf;
    public byte OpOffload;
    public byte SwaFull;
    public byte KvUnified;
    public IntPtr Samplers;                 // struct llama_sampler_seq_config *
    public nuint NSamplers;
    public IntPtr CtxOther;                 // struct llama_context *
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int NTokens;
    public int* Token;
    public float* Embd;
    public int* Pos;
    public int* NSeqId;
    public int** SeqId;
    public sbyte* Logits;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LlamaSamplerChainParams
{
    public byte NoPerf;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LlamaChatMessageNative
{
    public IntPtr Role;                     // const char *, UTF-8
    public IntPtr Content;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LlamaPerfContextData
{
    public double TStartMs;
    public double TLoadMs;
    public double TPromptEvalMs;
    public double TEvalMs;
    public int NPromptEval;
    public int NEval;
    public int NReused;
}

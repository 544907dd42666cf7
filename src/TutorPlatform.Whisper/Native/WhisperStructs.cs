using System.Runtime.InteropServices;

namespace TutorPlatform.Whisper.Native;

// Mirrors of whisper.h at whisper.cpp 1.9.3 (the version in @fugood/node-whisper-linux-x64@1.1.3). Offsets were
// measured with offsetof against that header: whisper_full_params is 304 bytes, whisper_context_params 48.
// C bool is a byte here so that the structs stay blittable; values always start from the library's own
// _by_ref defaults, so fields not named here keep whatever the library chose.

[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct WhisperContextParams
{
    [FieldOffset(0)] public byte UseGpu;
    [FieldOffset(1)] public byte FlashAttn;
    [FieldOffset(4)] public int GpuDevice;
    [FieldOffset(8)] public byte DtwTokenTimestamps;
    [FieldOffset(12)] public int DtwAheadsPreset;
    [FieldOffset(16)] public int DtwNTop;
    [FieldOffset(24)] public nuint DtwAheadsNHeads;
    [FieldOffset(32)] public IntPtr DtwAheadsHeads;
    [FieldOffset(40)] public nuint DtwMemSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct WhisperVadParams
{
    public float Threshold;
    public int MinSpeechDurationMs;
    public int MinSilenceDurationMs;
    public float MaxSpeechDurationS;
    public int SpeechPadMs;
    public float SamplesOverlap;
}

[StructLayout(LayoutKind.Sequential)]
internal struct WhisperVadContextParams
{
    public int NThreads;
    public byte UseGpu;
    public int GpuDevice;
}

[StructLayout(LayoutKind.Sequential)]
internal struct WhisperTokenData
{
    public int Id;
    public int Tid;
    public float P;
    public float PLog;
    public float Pt;
    public float PtSum;
    public long T0;
    public long T1;
    public long TDtw;
    public float VLen;
}

[StructLayout(LayoutKind.Explicit, Size = 304)]
internal struct WhisperFullParams
{
    [FieldOffset(0)] public int Strategy;
    [FieldOffset(4)] public int NThreads;
    [FieldOffset(8)] public int NMaxTextCtx;
    [FieldOffset(12)] public int OffsetMs;
    [FieldOffset(16)] public int DurationMs;
    [FieldOffset(20)] public byte Translate;
    [FieldOffset(21)] public byte NoContext;
    [FieldOffset(22)] public byte NoTimestamps;
    [FieldOffset(23)] public byte SingleSegment;
    [FieldOffset(24)] public byte PrintSpecial;
    [FieldOffset(25)] public byte PrintProgress;
    [FieldOffset(26)] public byte PrintRealtime;
    [FieldOffset(27)] public byte PrintTimestamps;
    [FieldOffset(28)] public byte TokenTimestamps;
    [FieldOffset(32)] public float TholdPt;
    [FieldOffset(36)] public float TholdPtSum;
    [FieldOffset(40)] public int MaxLen;
    [FieldOffset(44)] public byte SplitOnWord;
    [FieldOffset(48)] public int MaxTokens;
    [FieldOffset(52)] public byte DebugMode;
    [FieldOffset(56)] public int AudioCtx;
    [FieldOffset(60)] public byte TdrzEnable;
    [FieldOffset(64)] public IntPtr SuppressRegex;
    [FieldOffset(72)] public IntPtr InitialPrompt;
    [FieldOffset(80)] public byte CarryInitialPrompt;
    [FieldOffset(88)] public IntPtr PromptTokens;
    [FieldOffset(96)] public int PromptNTokens;
    [FieldOffset(104)] public IntPtr Language;
    [FieldOffset(112)] public byte DetectLanguage;
    [FieldOffset(113)] public byte SuppressBlank;
    [FieldOffset(114)] public byte SuppressNst;
    [FieldOffset(116)] public float Temperature;
    [FieldOffset(120)] public float MaxInitialTs;
    [FieldOffset(124)] public float LengthPenalty;
    [FieldOffset(128)] public float TemperatureInc;
    [FieldOffset(132)] public float EntropyThold;
    [FieldOffset(136)] public float LogprobThold;
    [FieldOffset(140)] public float NoSpeechThold;
    [FieldOffset(144)] public int GreedyBestOf;
    [FieldOffset(148)] public int BeamSize;
    [FieldOffset(152)] public float BeamPatience;
    [FieldOffset(160)] public IntPtr NewSegmentCallback;
    [FieldOffset(168)] public IntPtr NewSegmentCallbackUserData;
    [FieldOffset(176)] public IntPtr ProgressCallback;
    [FieldOffset(184)] public IntPtr ProgressCallbackUserData;
    [FieldOffset(192)] public IntPtr EncoderBeginCallback;
    [FieldOffset(200)] public IntPtr EncoderBeginCallbackUserData;
    [FieldOffset(208)] public IntPtr AbortCallback;
    [FieldOffset(216)] public IntPtr AbortCallbackUserData;
    [FieldOffset(224)] public IntPtr LogitsFilterCallback;
    [FieldOffset(232)] public IntPtr LogitsFilterCallbackUserData;
    [FieldOffset(240)] public IntPtr GrammarRules;
    [FieldOffset(248)] public nuint NGrammarRules;
    [FieldOffset(256)] public nuint IStartRule;
    [FieldOffset(264)] public float GrammarPenalty;
    [FieldOffset(268)] public byte Vad;
    [FieldOffset(272)] public IntPtr VadModelPath;
    [FieldOffset(280)] public WhisperVadParams VadParams;
}

internal enum WhisperSamplingStrategy
{
    Greedy = 0,
    BeamSearch = 1,
}

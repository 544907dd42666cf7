using Microsoft.Win32.SafeHandles;

namespace TutorPlatform.Whisper.Native;

// Release exactly once, and never while a native call that took the handle is still running.

internal sealed class SafeWhisperContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWhisperContextHandle() : base(ownsHandle: true) { }

    internal SafeWhisperContextHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_free(handle);
        return true;
    }
}

internal sealed class SafeWhisperVadContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWhisperVadContextHandle() : base(ownsHandle: true) { }

    internal SafeWhisperVadContextHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_vad_free(handle);
        return true;
    }
}

internal sealed class SafeWhisperVadSegmentsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeWhisperVadSegmentsHandle() : base(ownsHandle: true) { }

    internal SafeWhisperVadSegmentsHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        WhisperNative.whisper_vad_free_segments(handle);
        return true;
    }
}

namespace TutorPlatform.Web.Components.Speaking;

/// <summary>A take ready for the server: a recording (16 kHz WAV from the browser) or an uploaded file.</summary>
/// <param name="Source">"recording", or the uploaded file's name.</param>
public sealed record SpeakingTake(byte[] Data, string Source)
{
    public bool IsRecording => Source == SpeechRecorder.RecordingSource;
}

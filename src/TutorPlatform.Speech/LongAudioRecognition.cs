using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Audio;

namespace TutorPlatform.Speech;

public static class LongAudioRecognition
{
    /// <summary>
    /// Recognises audio of any length: takes up to <paramref name="maxUtteranceSeconds"/> are decoded whole; longer ones
    /// are split at pauses by the energy detector and the parts' words joined, with their times in the whole take.
    /// </summary>
    public static async Task<RecognitionResult> RecognizeLongAsync(
        this ISpeechRecognizer recognizer,
        PcmAudio audio,
        RecognitionOptions? options = null,
        double maxUtteranceSeconds = 30,
        CancellationToken cancellationToken = default)
    {
        if (audio.DurationSeconds <= maxUtteranceSeconds)
        {
            return await recognizer.RecognizeAsync(audio, options, cancellationToken).ConfigureAwait(false);
        }

        var words = new List<RecognizedWord>();
        var processing = 0.0;
        foreach (var segment in EnergyVoiceActivityDetector.Detect(audio, new EnergyVadOptions(MaxSegmentSeconds: maxUtteranceSeconds)))
        {
            var part = await recognizer.RecognizeAsync(audio.Slice(segment.StartSeconds, segment.EndSeconds), options, cancellationToken).ConfigureAwait(false);
            processing += part.ProcessingSeconds;
            words.AddRange(part.Words.Select(w => w with { StartSeconds = w.StartSeconds + segment.StartSeconds, EndSeconds = w.EndSeconds + segment.StartSeconds }));
        }

        return new RecognitionResult(string.Join(' ', words.Select(w => w.Word)), words, recognizer.Name, audio.DurationSeconds, processing);
    }
}

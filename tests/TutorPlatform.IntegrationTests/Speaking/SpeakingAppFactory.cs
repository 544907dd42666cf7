using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Speaking;

/// <summary>The speaking tests share one app.</summary>
[CollectionDefinition(Name)]
public sealed class SpeakingCollection : ICollectionFixture<SpeakingAppFactory>
{
    public const string Name = "speaking";
}

/// <summary>
/// The real app (real ffmpeg decoding, real database) with the pronunciation scorer and the recogniser replaced by
/// doubles that answer from the reference text, so the tests check the coach's flows, not the models.
/// </summary>
public sealed class SpeakingAppFactory : TutorApiFactory
{
    public FakeAssessor Assessor { get; } = new();

    public FakeRecognizer Recognizer { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPronunciationAssessor>().AddSingleton<IPronunciationAssessor>(Assessor);
            services.RemoveAll<ISpeechRecognizer>().AddSingleton<ISpeechRecognizer>(Recognizer);
        });
    }
}

/// <summary>Scores every reference word 70, except the second, which it marks mispronounced (40, weak TH).</summary>
public sealed class FakeAssessor : IPronunciationAssessor
{
    public ConcurrentQueue<(double Seconds, string Text)> Calls { get; } = new();

    public string ModelVersion => "fake-assessor@1";

    public Task<PronunciationAssessment> AssessAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((audio.DurationSeconds, referenceText));
        var words = referenceText.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((w, i) => new WordAssessment(
                i,
                new string(w.Where(char.IsLetter).ToArray()).ToLowerInvariant(),
                i == 1 ? "sink" : w.ToLowerInvariant(),
                i == 1 ? 40 : 70,
                i == 1 ? WordErrorType.Mispronunciation : WordErrorType.None,
                i * 0.4,
                (i * 0.4) + 0.35,
                [new PhoneAssessment(i == 1 ? "TH" : "AH", i == 1 ? 30 : 75, i * 0.4, (i * 0.4) + 0.35)]))
            .ToList();
        return Task.FromResult(new PronunciationAssessment(72, 80, 100, 76, 78, referenceText.ToLowerInvariant(), audio.DurationSeconds, words, ModelVersion));
    }
}

public sealed class FakeRecognizer : ISpeechRecognizer
{
    public string Name => "fake recogniser";

    public Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        RecognizedWord[] words =
        [
            new("i", 0.2, 0.3, 0.95),
            new("would", 0.3, 0.6, 0.9),
            new("like", 1.4, 1.7, 0.4),
            new("a", 1.7, 1.8, 0.9),
            new("table", 1.8, 2.2, 0.85),
        ];
        return Task.FromResult(new RecognitionResult("i would like a table", words, Name, audio.DurationSeconds, 0.01));
    }
}

/// <summary>WAV files made on the spot: a voiced-sounding tone, silence, or anything else.</summary>
public static class TestAudio
{
    /// <summary>16 kHz 16-bit mono WAV of a 220 Hz tone with a slow loudness wobble, at <paramref name="amplitude"/> of full scale.</summary>
    public static byte[] Tone(double seconds, double amplitude = 0.3)
    {
        var samples = new short[(int)(seconds * PcmAudio.SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / (double)PcmAudio.SampleRate;
            var value = amplitude * (0.6 + (0.4 * Math.Sin(2 * Math.PI * 3 * t))) * Math.Sin(2 * Math.PI * 220 * t);
            samples[i] = (short)(value * short.MaxValue);
        }

        return AudioFormats.ToWav(new PcmAudio(samples));
    }

    public static byte[] Silence(double seconds) => Tone(seconds, amplitude: 0);
}

using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Whisper;

/// <summary>
/// <see cref="ISpeechRecognizer"/> over whisper.cpp: one decode of the whole utterance with token-level timestamps,
/// merged into words by <see cref="WordTimings"/>. The model loads on first use and stays loaded; decodes queue
/// on it, one at a time. <see cref="RecognitionMode.Expected"/> passes the expected text as whisper's initial
/// prompt; spelling and JSGF grammars are pocketsphinx features and are decoded as free speech here.
/// </summary>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly WhisperOptions _options;
    private readonly Lock _loadGate = new();
    private WhisperModel? _model;
    private bool _disposed;

    public WhisperRecognizer(IOptions<WhisperOptions> options)
    {
        _options = options.Value;
        Name = $"whisper.cpp {(_options.HasModel ? Path.GetFileNameWithoutExtension(_options.ModelPath) : "(no model)")}";
    }

    public string Name { get; }

    /// <summary>Loads the model now instead of on the first recognition.</summary>
    /// <exception cref="SpeechEngineException">No model is configured, or the library or the model is missing or unusable.</exception>
    public WhisperModel EnsureLoaded()
    {
        lock (_loadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_model is not null)
            {
                return _model;
            }

            if (!_options.HasModel)
            {
                throw new SpeechEngineException(
                    "No whisper model is configured (Speech:Whisper:ModelPath). Install a whisper.cpp model such as ggml-base.en.bin and point the option at it.");
            }

            _model = WhisperModel.Load(_options.ModelPath!, _options.NativeDirectory);
            return _model;
        }
    }

    public async Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        cancellationToken.ThrowIfCancellationRequested();
        var model = EnsureLoaded();
        if (audio.Samples.Length < PcmAudio.SampleRate / 10)
        {
            return new RecognitionResult("", [], Name, audio.DurationSeconds, 0);
        }

        var prompt = options is { Mode: RecognitionMode.Expected, Hint: { Length: > 0 } hint } ? hint : null;
        var settings = new WhisperDecodeSettings(_options.EffectiveThreads, _options.Language, prompt);
        var transcript = await Task.Run(() => model.Transcribe(audio, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        var words = WordTimings.FromSegments(transcript.Segments);
        return new RecognitionResult(string.Join(' ', words.Select(w => w.Word)), words, Name, transcript.AudioSeconds, transcript.ProcessingSeconds);
    }

    public void Dispose()
    {
        lock (_loadGate)
        {
            _disposed = true;
            _model?.Dispose();
            _model = null;
        }
    }
}

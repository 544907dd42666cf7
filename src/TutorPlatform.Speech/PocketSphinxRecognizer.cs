using System.Diagnostics;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Native;
using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech;

/// <summary>
/// Whole-utterance recognition with pocketsphinx and the en-us model: free speech with the general language model,
/// spelled letters and digits with a grammar, speech biased to an expected text, or a caller's JSGF grammar.
/// Thread-safe: each call borrows a decoder from a pool of <see cref="SpeechOptions.MaxDecoders"/>.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    private const string GeneralSearch = "_default";
    private const string DomainSearch = "domain";
    private const string SpellingSearch = "spelling";
    private const string ExpectedSearch = "expected";
    private const string GrammarSearch = "grammar";

    // Shorter audio holds no word (and gives the feature extractor too few frames).
    internal const double MinimumSeconds = 0.1;

    private readonly SpeechOptions _options;
    private readonly DecoderPool _pool;
    private readonly Lazy<PronunciationDictionary> _dictionary;
    private readonly Lazy<string?> _domainModel;
    private readonly string _freeSearch;

    public PocketSphinxRecognizer(IOptions<SpeechOptions> options)
    {
        _options = options.Value;
        _domainModel = new Lazy<string?>(BuildDomainModel);
        _freeSearch = _options.DomainText is null ? GeneralSearch : DomainSearch;
        _pool = new DecoderPool(_options.DecoderCount, CreateDecoder);
        _dictionary = new Lazy<PronunciationDictionary>(() => PronunciationDictionary.Load(_options.ResolveModelPath(_options.Dictionary)));
        Name = "pocketsphinx en-us"
               + (_options.DomainText is null ? "" : $" + domain LM {Path.GetFileName(_options.DomainText)} ({_options.DomainTextWeight:0.##})")
               + (_options.MllrTransform is null ? "" : " + MLLR " + Path.GetFileName(_options.MllrTransform));
    }

    public string Name { get; }

    /// <summary>The most utterances decoded at once.</summary>
    public int Concurrency => _pool.Capacity;

    public Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RecognitionOptions.Free;
        var expected = options.Mode == RecognitionMode.Expected ? ExpectedSentences(options.Hint) : null;
        if (options.Mode == RecognitionMode.Grammar && string.IsNullOrWhiteSpace(options.Grammar))
        {
            throw new ArgumentException("Grammar recognition needs a JSGF grammar.", nameof(options));
        }

        if (audio.DurationSeconds < MinimumSeconds)
        {
            return Task.FromResult(new RecognitionResult("", [], Name, audio.DurationSeconds, 0));
        }

        return _pool.RunAsync(decoder =>
        {
            var clock = Stopwatch.StartNew();
            var search = options.Mode switch
            {
                RecognitionMode.Spelling => SpellingSearch,
                RecognitionMode.Expected => UseExpectedText(decoder, expected!),
                RecognitionMode.Grammar => UseGrammar(decoder, options.Grammar!),
                _ => _freeSearch,
            };
            var utterance = decoder.Decode(audio.Samples.Span, search, withPosteriors: true);
            var words = utterance.Segments
                .Where(s => IsWord(s.Word))
                .Select(s => new RecognizedWord(
                    PronunciationDictionary.BaseWord(s.Word),
                    s.StartFrame * PocketSphinxDecoder.FrameSeconds,
                    (s.EndFrame + 1) * PocketSphinxDecoder.FrameSeconds,
                    Math.Clamp(Math.Exp(decoder.ToNaturalLog(s.Posterior)), 0, 1)))
                .ToList();
            return new RecognitionResult(string.Join(' ', words.Select(w => w.Word)), words, Name, audio.DurationSeconds, clock.Elapsed.TotalSeconds);
        }, cancellationToken);
    }

    /// <summary>Loads the models now instead of on the first utterance (one decoder).</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        _pool.RunAsync(_ => true, cancellationToken);

    public void Dispose()
    {
        _pool.Dispose();
        if (_domainModel is { IsValueCreated: true, Value: { } path })
        {
            File.Delete(path);
        }
    }

    private static bool IsWord(string word) => word.Length > 0 && word[0] is not ('<' or '[' or '+' or '(');

    private List<IReadOnlyList<string>> ExpectedSentences(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            throw new ArgumentException("Recognition of an expected text needs the text as the hint.", nameof(hint));
        }

        // One "sentence" per line or sentence mark, so the model also learns where the text may stop.
        var sentences = hint.Split(['.', '!', '?', ';', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => (IReadOnlyList<string>)TranscriptText.Words(s).Where(_dictionary.Value.Contains).ToList())
            .Where(s => s.Count > 0)
            .ToList();
        return sentences.Count > 0
            ? sentences
            : throw new ArgumentException("The expected text has no word the pronunciation dictionary knows.", nameof(hint));
    }

    private string UseExpectedText(PocketSphinxDecoder decoder, List<IReadOnlyList<string>> sentences)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tutor-expected-{Guid.NewGuid():N}.arpa");
        try
        {
            File.WriteAllText(path, ArpaLanguageModel.Build(sentences));
            using var general = decoder.GetLanguageModel(GeneralSearch) ?? throw new SpeechEngineException("The recogniser has no general language model.");
            using var text = decoder.ReadLanguageModel(path);
            using var mixed = decoder.Interpolate([("general", general, (float)(1 - _options.ExpectedTextWeight)), ("expected", text, (float)_options.ExpectedTextWeight)]);
            decoder.SetLanguageModel(ExpectedSearch, mixed);
            return ExpectedSearch;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string UseGrammar(PocketSphinxDecoder decoder, string jsgf) =>
        decoder.TrySetGrammar(GrammarSearch, jsgf)
            ? GrammarSearch
            : throw new ArgumentException("The JSGF grammar does not compile, or uses a word missing from the pronunciation dictionary.", nameof(jsgf));

    private PocketSphinxDecoder CreateDecoder()
    {
        var arguments = new List<KeyValuePair<string, string>>
        {
            new("-hmm", RequireDirectory(_options.ResolveModelPath(_options.AcousticModel), "acoustic model")),
            new("-dict", RequireFile(_options.ResolveModelPath(_options.Dictionary), "pronunciation dictionary")),
            new("-lm", RequireFile(_options.ResolveModelPath(_options.LanguageModel), "language model")),
        };
        arguments.AddRange(_options.DecoderArguments.Select(a => new KeyValuePair<string, string>("-" + a.Key, a.Value)));

        var decoder = PocketSphinxDecoder.Create(arguments);
        try
        {
            if (!decoder.TrySetGrammar(SpellingSearch, SpellingGrammar.Jsgf, SpellingGrammar.SearchSettings))
            {
                throw new SpeechEngineException("The spelling grammar does not compile against the dictionary " + _options.Dictionary);
            }

            if (_domainModel.Value is { } domainPath)
            {
                using var general = decoder.GetLanguageModel(GeneralSearch) ?? throw new SpeechEngineException("The recogniser has no general language model.");
                using var domain = decoder.ReadLanguageModel(domainPath);
                using var mixed = decoder.Interpolate([("general", general, (float)(1 - _options.DomainTextWeight)), ("domain", domain, (float)_options.DomainTextWeight)]);
                decoder.SetLanguageModel(DomainSearch, mixed);
            }

            if (_options.MllrTransform is { } mllr)
            {
                decoder.ApplyMllr(RequireFile(mllr, "MLLR transform"));
            }

            return decoder;
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    // The domain text's model, built once and shared by the decoders through a temporary ARPA file.
    private string? BuildDomainModel()
    {
        if (_options.DomainText is not { } textPath)
        {
            return null;
        }

        var sentences = File.ReadLines(RequireFile(textPath, "domain text"))
            .SelectMany(line => line.Split(['.', '!', '?', ';'], StringSplitOptions.RemoveEmptyEntries))
            .Select(s => (IReadOnlyList<string>)TranscriptText.Words(s))
            .Where(s => s.Count > 0)
            .ToList();
        var path = Path.Combine(Path.GetTempPath(), $"tutor-domain-{Environment.ProcessId}-{Guid.NewGuid():N}.arpa");
        File.WriteAllText(path, ArpaLanguageModel.Build(sentences));
        return path;
    }

    // pocketsphinx exits the process on some missing files, so they are checked here first.
    internal static string RequireFile(string path, string what) =>
        File.Exists(path) ? path : throw new SpeechEngineException($"The pocketsphinx {what} {path} does not exist. Run scripts/deps/speech.sh or fix the Speech options.");

    internal static string RequireDirectory(string path, string what)
    {
        string[] required = ["mdef", "means", "variances", "transition_matrices"];
        var missing = required.Where(f => !File.Exists(Path.Combine(path, f))).ToList();
        return missing.Count == 0
            ? path
            : throw new SpeechEngineException($"The pocketsphinx {what} in {path} is missing {string.Join(", ", missing)}. Run scripts/deps/speech.sh or fix the Speech options.");
    }
}

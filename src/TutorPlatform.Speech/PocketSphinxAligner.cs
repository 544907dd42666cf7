using System.Text;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Native;
using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech;

/// <summary>
/// Forced alignment with pocketsphinx in two grammar passes over the same decoder:
/// 1. words: a JSGF grammar of the exact reference (with the dictionary's alternate pronunciations and optional
///    silences between words) gives word timings, scores and which pronunciation was said;
/// 2. phones: a dictionary with one "word" per phone (<c>ph_AH</c> → AH) and a grammar of those pronunciations'
///    phones with optional silences gives phone timings and scores.
/// A word missing from the dictionary is matched by a free loop of phones in both passes. Free phone recognition
/// uses pocketsphinx's phone-loop search with the en-us phone language model.
/// Thread-safe: each call borrows a decoder from a pool.
/// </summary>
public sealed class PocketSphinxAligner : IForcedAligner, IDisposable
{
    private const string WordSearch = "words";
    private const string PhoneSearch = "phones";
    private const string PhoneLoopSearch = "phone_loop";
    private const string CheckSearch = "check";
    private const string SilenceWord = "ph_SIL";
    private const string PhoneWordPrefix = "ph_";

    // Wider than the recognition defaults: a grammar search that loses the path to the final state aligns nothing.
    private static readonly KeyValuePair<string, string>[] AlignmentArguments =
    [
        new("-fsgusefiller", "no"),
        new("-beam", "1e-80"),
        new("-pbeam", "1e-80"),
        new("-wbeam", "1e-60"),
        new("-bestpath", "no"),
        new("-allphone_ci", "yes"),
    ];

    // Narrow beams, for the phone loop and the pronunciation check. The phone loop has no final state to lose:
    // pocketsphinx's ordinary 1e-48, 1e-48, 7e-29 cost about 0.05 RTF on LJSpeech, these about 0.036 (the goodness of
    // pronunciation changes, see ADR 0005). The pronunciation check with the alignment's beams cost as much as the rest
    // of the assessment on LJSpeech (RTF 0.087 → 0.144 on one core).
    private static readonly Dictionary<string, double> NarrowBeams = new()
    {
        ["-beam"] = 1e-20,
        ["-pbeam"] = 1e-20,
        ["-wbeam"] = 1e-15,
    };

    private readonly SpeechOptions _options;
    private readonly DecoderPool _pool;
    private readonly Lazy<PronunciationDictionary> _dictionary;

    public PocketSphinxAligner(IOptions<SpeechOptions> options)
    {
        _options = options.Value;
        _pool = new DecoderPool(_options.DecoderCount, CreateDecoder);
        _dictionary = new Lazy<PronunciationDictionary>(() => PronunciationDictionary.Load(_options.ResolveModelPath(_options.Dictionary)));
    }

    public string Name => "pocketsphinx en-us alignment";

    public Task<AlignmentResult> AlignAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default)
    {
        var tokens = Tokenize(referenceText);
        if (tokens.Count == 0)
        {
            throw new AlignmentException("The reference text has no words to align.");
        }

        if (audio.DurationSeconds < PocketSphinxRecognizer.MinimumSeconds * tokens.Count)
        {
            throw new AlignmentException($"The audio ({audio.DurationSeconds:0.00} s) is too short for {tokens.Count} word(s).");
        }

        return _pool.RunAsync(decoder =>
        {
            var words = AlignWords(decoder, audio, tokens);
            cancellationToken.ThrowIfCancellationRequested();
            var phones = AlignPhones(decoder, audio, words);
            return new AlignmentResult(words.Select(w => w.Result).ToList(), phones, audio.DurationSeconds, words.ScorePerFrame);
        }, cancellationToken);
    }

    public Task<PhoneRecognitionResult> RecognizePhonesAsync(PcmAudio audio, CancellationToken cancellationToken = default) =>
        _pool.RunAsync(decoder =>
        {
            var utterance = decoder.Decode(audio.Samples.Span, PhoneLoopSearch);
            var phones = utterance.Segments
                .Where(s => s.Word != "(NULL)")
                .Select(s => new AlignedPhone(s.Word, -1, s.StartFrame * PocketSphinxDecoder.FrameSeconds, (s.EndFrame + 1) * PocketSphinxDecoder.FrameSeconds, decoder.ToNaturalLog(s.AcousticScore)))
                .ToList();
            return new PhoneRecognitionResult(phones, audio.DurationSeconds);
        }, cancellationToken);

    /// <summary>
    /// Phones learners often say in place of a phone (first-language transfer, mostly Mandarin speakers: th/dh as s/d/z,
    /// v as w, l/r/n swaps, vowel length and height pairs, voicing of stops).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Confusable = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["DH"] = ["D", "Z"], ["TH"] = ["S", "F", "T"], ["V"] = ["W", "F"], ["W"] = ["V"], ["Z"] = ["S"], ["S"] = ["SH", "TH"],
        ["SH"] = ["S"], ["ZH"] = ["SH", "JH"], ["JH"] = ["ZH", "CH"], ["CH"] = ["SH"], ["L"] = ["R", "N"], ["R"] = ["L", "W"],
        ["N"] = ["L", "NG"], ["NG"] = ["N"], ["M"] = ["N"], ["IH"] = ["IY"], ["IY"] = ["IH"], ["UH"] = ["UW"], ["UW"] = ["UH"],
        ["AE"] = ["EH", "AA"], ["EH"] = ["AE", "EY"], ["AA"] = ["AH", "AO"], ["AH"] = ["AA"], ["AO"] = ["AA", "OW"], ["OW"] = ["AO"],
        ["ER"] = ["AH"], ["EY"] = ["EH"], ["P"] = ["B"], ["B"] = ["P"], ["T"] = ["D"], ["D"] = ["T"], ["K"] = ["G"], ["G"] = ["K"],
        ["F"] = ["P"], ["HH"] = ["F"],
    };

    /// <summary>
    /// The pronunciation check: a grammar of the words' phones in order in which each phone may instead be left out or
    /// replaced by a <see cref="Confusable"/> phone (prior <paramref name="keep"/> for the phone as written, the rest
    /// shared half by leaving it out and half by its confusable phones), with optional silences between words.
    /// Per word, per phone: the phone the search chose, "" where it chose to leave it out; null where the phones the
    /// search returned cannot be matched to the written ones. (On speechocean762 a prior of 0.7 instead of 0.9 left out
    /// 15 % of the phones instead of 14 %: the acoustics decide, not the prior.)
    /// </summary>
    public Task<IReadOnlyList<IReadOnlyList<string>>?> CheckPhonesAsync(PcmAudio audio, IReadOnlyList<IReadOnlyList<string>> words, double keep, CancellationToken cancellationToken = default)
    {
        var slots = words.SelectMany(w => w).ToList();
        if (slots.Count == 0 || audio.DurationSeconds < PocketSphinxRecognizer.MinimumSeconds)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyList<string>>?>(null);
        }

        var body = new StringBuilder("[ ph_SIL ]");
        var leave = (1 - keep) / 2;
        foreach (var word in words.Where(w => w.Count > 0))
        {
            foreach (var phone in word)
            {
                var others = Confusable.GetValueOrDefault(phone, []);
                var each = others.Length > 0 ? (1 - keep - leave) / others.Length : 0;
                var own = others.Length > 0 ? keep : keep + (1 - keep - leave);
                body.Append(FormattableString.Invariant($" ( /{own:0.####}/ {PhoneWordPrefix}{phone} | /{leave:0.####}/ <NULL>"));
                foreach (var other in others)
                {
                    body.Append(FormattableString.Invariant($" | /{each:0.####}/ {PhoneWordPrefix}{other}"));
                }

                body.Append(" )");
            }

            body.Append(" [ ph_SIL ]");
        }

        var grammar = $"#JSGF V1.0;\ngrammar check;\npublic <utterance> = {body};\n";
        return _pool.RunAsync(decoder =>
        {
            if (!decoder.TrySetGrammar(CheckSearch, grammar, NarrowBeams))
            {
                throw new SpeechEngineException("pocketsphinx could not compile the pronunciation check grammar.");
            }

            var said = decoder.Decode(audio.Samples.Span, CheckSearch).Segments
                .Where(s => s.Word is not ("(NULL)" or SilenceWord) && s.Word.StartsWith(PhoneWordPrefix, StringComparison.Ordinal))
                .Select(s => s.Word[PhoneWordPrefix.Length..])
                .ToList();
            var chosen = MatchSlots(slots, said);
            if (chosen is null)
            {
                return null;
            }

            var result = new List<IReadOnlyList<string>>(words.Count);
            var at = 0;
            foreach (var word in words)
            {
                result.Add(chosen.GetRange(at, word.Count));
                at += word.Count;
            }

            return (IReadOnlyList<IReadOnlyList<string>>?)result;
        }, cancellationToken);
    }

    // Which slot said which phone: the derivation with the fewest changes from the phones as written (every said phone
    // belongs to a slot, in order; a slot says its phone, a confusable phone, or nothing). Null when none exists.
    internal static List<string>? MatchSlots(IReadOnlyList<string> slots, IReadOnlyList<string> said)
    {
        var n = slots.Count;
        var m = said.Count;
        const int Impossible = int.MaxValue / 2;
        var cost = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                cost[i, j] = i == 0 && j == 0 ? 0 : Impossible;
                if (i == 0)
                {
                    continue;
                }

                cost[i, j] = Math.Min(cost[i, j], cost[i - 1, j] + 1);
                if (j > 0 && SlotCost(slots[i - 1], said[j - 1]) is { } c)
                {
                    cost[i, j] = Math.Min(cost[i, j], cost[i - 1, j - 1] + c);
                }
            }
        }

        if (cost[n, m] >= Impossible)
        {
            return null;
        }

        var chosen = new string[n];
        for (int i = n, j = m; i > 0; i--)
        {
            if (j > 0 && SlotCost(slots[i - 1], said[j - 1]) is { } c && cost[i, j] == cost[i - 1, j - 1] + c)
            {
                chosen[i - 1] = said[--j];
            }
            else
            {
                chosen[i - 1] = "";
            }
        }

        return [.. chosen];
    }

    private static int? SlotCost(string slot, string said) =>
        slot == said ? 0 : Confusable.TryGetValue(slot, out var others) && others.Contains(said) ? 1 : null;

    public void Dispose() => _pool.Dispose();

    /// <summary>A reference token (whitespace-separated) with its dictionary words, or none when one part is unknown.</summary>
    private sealed record Token(int Index, string Text, IReadOnlyList<string> Words, bool Known);

    private sealed record WordAlignment(Token Token, IReadOnlyList<string> Phones, AlignedWord Result);

    private sealed class WordPass(List<WordAlignment> words, double scorePerFrame) : List<WordAlignment>(words)
    {
        public double ScorePerFrame { get; } = scorePerFrame;
    }

    private List<Token> Tokenize(string referenceText)
    {
        var dictionary = _dictionary.Value;
        var tokens = new List<Token>();
        var parts = referenceText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var words = TranscriptText.Words(parts[i]);
            if (words.Count > 0)
            {
                tokens.Add(new Token(i, string.Join(' ', words), words, words.All(dictionary.Contains)));
            }
        }

        return tokens;
    }

    private WordPass AlignWords(PocketSphinxDecoder decoder, PcmAudio audio, List<Token> tokens)
    {
        var body = new StringBuilder("[ <sil> ]");
        foreach (var token in tokens)
        {
            body.Append(' ').Append(token.Known ? string.Join(" [ <sil> ] ", token.Words) : "<oov>").Append(" [ <sil> ]");
        }

        var grammar = $"#JSGF V1.0;\ngrammar words;\npublic <utterance> = {body};\n<sil> = {SilenceWord};\n<oov> = {PhoneLoop};\n";
        if (!decoder.TrySetGrammar(WordSearch, grammar))
        {
            throw new SpeechEngineException("pocketsphinx could not compile the alignment grammar.");
        }

        var segments = decoder.Decode(audio.Samples.Span, WordSearch).Segments
            .Where(s => s.Word is not ("(NULL)" or SilenceWord))
            .ToList();

        // The grammar is linear, so the segments follow the tokens: a known token takes one segment per word, an
        // unknown one the phone words up to the next token's first word (a run of unknown tokens is split by length).
        var result = new List<WordAlignment>();
        var position = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Known)
            {
                var taken = TakeWords(segments, ref position, token.Words);
                var phones = taken.SelectMany(s => PronunciationOf(s.Word)).ToList();
                result.Add(MakeWord(decoder, token, phones, taken, inDictionary: true));
                continue;
            }

            var run = tokens.Skip(t).TakeWhile(x => !x.Known).ToList();
            var loop = new List<DecodedSegment>();
            while (position < segments.Count && segments[position].Word.StartsWith(PhoneWordPrefix, StringComparison.Ordinal))
            {
                loop.Add(segments[position++]);
            }

            if (loop.Count < run.Count)
            {
                throw new AlignmentException("The audio could not be aligned to the reference text.");
            }

            var totalLetters = run.Sum(x => x.Text.Length);
            var used = 0;
            for (var r = 0; r < run.Count; r++)
            {
                var share = r == run.Count - 1
                    ? loop.Count - used
                    : Math.Clamp((int)Math.Round(loop.Count * (double)run[r].Text.Length / totalLetters), 1, loop.Count - used - (run.Count - r - 1));
                var taken = loop.GetRange(used, share);
                used += share;
                result.Add(MakeWord(decoder, run[r], taken.Select(s => s.Word[PhoneWordPrefix.Length..]).ToList(), taken, inDictionary: false));
            }

            t += run.Count - 1;
        }

        var speechFrames = segments.Sum(s => s.EndFrame - s.StartFrame + 1);
        var score = segments.Sum(s => decoder.ToNaturalLog(s.AcousticScore));
        return new WordPass(result, speechFrames > 0 ? score / speechFrames : 0);
    }

    // The pronunciation the decoder chose: `read(2)` is the dictionary's second entry for `read`.
    private string[] PronunciationOf(string decodedWord)
    {
        var pronunciations = _dictionary.Value.Pronunciations(PronunciationDictionary.BaseWord(decodedWord));
        return pronunciations.ElementAtOrDefault(PronunciationDictionary.Variant(decodedWord)) ?? pronunciations[0];
    }

    private static List<DecodedSegment> TakeWords(List<DecodedSegment> segments, ref int position, IReadOnlyList<string> words)
    {
        var taken = new List<DecodedSegment>(words.Count);
        foreach (var word in words)
        {
            if (position >= segments.Count || PronunciationDictionary.BaseWord(segments[position].Word) != word)
            {
                // The search ended without reaching the grammar's final state: the audio does not fit the text.
                throw new AlignmentException("The audio could not be aligned to the reference text (is it the right recording, and not cut short?).");
            }

            taken.Add(segments[position++]);
        }

        return taken;
    }

    private static WordAlignment MakeWord(PocketSphinxDecoder decoder, Token token, List<string> phones, List<DecodedSegment> segments, bool inDictionary) =>
        new(token, phones, new AlignedWord(
            token.Index,
            token.Text,
            inDictionary ? phones : [],
            segments[0].StartFrame * PocketSphinxDecoder.FrameSeconds,
            (segments[^1].EndFrame + 1) * PocketSphinxDecoder.FrameSeconds,
            segments.Sum(s => decoder.ToNaturalLog(s.AcousticScore)),
            inDictionary));

    private static List<AlignedPhone> AlignPhones(PocketSphinxDecoder decoder, PcmAudio audio, WordPass words)
    {
        var body = new StringBuilder("[ ph_SIL ]");
        foreach (var word in words)
        {
            body.Append(' ').AppendJoin(' ', word.Phones.Select(p => PhoneWordPrefix + p)).Append(" [ ph_SIL ]");
        }

        if (!decoder.TrySetGrammar(PhoneSearch, $"#JSGF V1.0;\ngrammar phones;\npublic <utterance> = {body};\n"))
        {
            throw new SpeechEngineException("pocketsphinx could not compile the phone alignment grammar.");
        }

        var segments = decoder.Decode(audio.Samples.Span, PhoneSearch).Segments.Where(s => s.Word != "(NULL)").ToList();
        var phones = new List<AlignedPhone>(segments.Count);
        var wordIndex = 0;
        var phoneInWord = 0;
        foreach (var segment in segments)
        {
            var start = segment.StartFrame * PocketSphinxDecoder.FrameSeconds;
            var end = (segment.EndFrame + 1) * PocketSphinxDecoder.FrameSeconds;
            var score = decoder.ToNaturalLog(segment.AcousticScore);
            if (segment.Word == SilenceWord)
            {
                phones.Add(new AlignedPhone("SIL", -1, start, end, score));
                continue;
            }

            while (wordIndex < words.Count && phoneInWord >= words[wordIndex].Phones.Count)
            {
                wordIndex++;
                phoneInWord = 0;
            }

            var phone = segment.Word[PhoneWordPrefix.Length..];
            if (wordIndex >= words.Count || words[wordIndex].Phones[phoneInWord] != phone)
            {
                throw new AlignmentException("The audio could not be aligned to the reference phones.");
            }

            phones.Add(new AlignedPhone(phone, words[wordIndex].Token.Index, start, end, score));
            phoneInWord++;
        }

        if (wordIndex < words.Count - 1 || (wordIndex == words.Count - 1 && phoneInWord < words[wordIndex].Phones.Count))
        {
            throw new AlignmentException("The audio could not be aligned to all of the reference phones (is the recording cut short?).");
        }

        return phones;
    }

    private static string PhoneLoop => "( " + string.Join(" | ", PronunciationDictionary.CmuPhones.Select(p => PhoneWordPrefix + p)) + " )+";

    private PocketSphinxDecoder CreateDecoder()
    {
        var arguments = new List<KeyValuePair<string, string>>
        {
            new("-hmm", PocketSphinxRecognizer.RequireDirectory(_options.ResolveModelPath(_options.AcousticModel), "acoustic model")),
            new("-dict", PocketSphinxRecognizer.RequireFile(_options.ResolveModelPath(_options.Dictionary), "pronunciation dictionary")),
        };
        arguments.AddRange(AlignmentArguments);
        var phoneModel = PocketSphinxRecognizer.RequireFile(_options.ResolveModelPath(_options.PhoneLanguageModel), "phone language model");

        var decoder = PocketSphinxDecoder.Create(arguments);
        try
        {
            foreach (var phone in PronunciationDictionary.CmuPhones)
            {
                decoder.AddWord(PhoneWordPrefix + phone, phone, update: false);
            }

            decoder.AddWord(SilenceWord, "SIL", update: false);
            decoder.SetPhoneLoop(PhoneLoopSearch, phoneModel, NarrowBeams);
            return decoder;
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }
}

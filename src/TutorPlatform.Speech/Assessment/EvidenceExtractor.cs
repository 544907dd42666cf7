using System.Text;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Audio;
using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Gathers the <see cref="AssessmentEvidence"/> of a read-aloud attempt: forced alignment of the reference (word and
/// phone timings and scores), the free phone loop over the same audio (goodness of pronunciation per phone), a
/// reading check with pocketsphinx where the alignment leaves doubt (a grammar of the reference where every word may
/// be skipped or repeated and hesitations may come between words: omissions, repetitions, insertions), and pitch and
/// energy from the samples.
/// Thread-safe.
/// </summary>
public sealed class EvidenceExtractor
{
    /// <summary>Changes whenever the evidence changes, so that a training cache of older evidence is not reused.</summary>
    public const int Version = 4;

    // Fillers and short words learners add while reading; all are in the en-us dictionary.
    private static readonly string[] InsertionWords = ["uh", "um", "er", "hmm"];

    // Prior weights of the reading check's choices: a word is mostly said once; fillers and repeats are rare.
    private const string Skip = "/0.01/";
    private const string Say = "/0.99/";
    private const string Filler = "/0.001/";
    private const string NoFiller = "/0.999/";
    private const string Again = "/0.01/";
    private const string Once = "/0.99/";

    private readonly PocketSphinxAligner _aligner;
    private readonly PocketSphinxRecognizer _recognizer;
    private readonly Lazy<PronunciationDictionary> _dictionary;

    public EvidenceExtractor(PocketSphinxAligner aligner, PocketSphinxRecognizer recognizer, IOptions<SpeechOptions> options)
    {
        _aligner = aligner;
        _recognizer = recognizer;
        var speech = options.Value;
        _dictionary = new Lazy<PronunciationDictionary>(() => PronunciationDictionary.Load(speech.ResolveModelPath(speech.Dictionary)));
    }

    /// <summary>A reference token: its text as written and its dictionary words.</summary>
    internal sealed record Token(int Index, string Text, IReadOnlyList<string> Words, bool PunctuationBefore);

    /// <summary>The reference's whitespace-separated tokens (those with at least one word), numbered as the aligner numbers them.</summary>
    internal static List<Token> Tokenize(string referenceText)
    {
        var parts = referenceText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<Token>();
        for (var i = 0; i < parts.Length; i++)
        {
            var words = TranscriptText.Words(parts[i]);
            if (words.Count > 0)
            {
                tokens.Add(new Token(i, parts[i], words, i > 0 && parts[i - 1].TrimEnd('"', '\'', ')', '”').EndsWith([',', '.', ';', ':', '!', '?', '—'])));
            }
        }

        return tokens;
    }

    public async Task<AssessmentEvidence> ExtractAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default)
    {
        var tokens = Tokenize(referenceText);
        if (tokens.Count == 0)
        {
            throw new AlignmentException("The reference text has no words to assess.");
        }

        // The whole reference is force-aligned first. Only where that fails (words left out) or the alignment is not
        // clean (see NeedsReadingCheck) does the reading check run: on a fluent reading it would find what the
        // alignment already shows, and it costs about a quarter of the assessment.
        Hearing? heard = null;
        AlignmentResult? alignment;
        List<int> alignedTokens;
        try
        {
            alignment = await _aligner.AlignAsync(audio, string.Join(' ', tokens.Select(t => t.Text)), cancellationToken);
            alignedTokens = Enumerable.Range(0, tokens.Count).ToList();
        }
        catch (AlignmentException)
        {
            heard = await HearAsync(audio, tokens, cancellationToken);
            (alignment, alignedTokens) = await AlignHeardAsync(audio, tokens, heard.Counts, cancellationToken);
        }

        // The phone loop and the pitch tracker only look at the speech (plus a margin): the silence around a take
        // holds no evidence and would cost a third of the time on a typical recording.
        var (from, to) = alignment is { Words.Count: > 0 }
            ? Around(alignment.Words[0].StartSeconds, alignment.Words[^1].EndSeconds, audio.DurationSeconds, SpanMargin)
            : (0, audio.DurationSeconds);
        var loop = await RecognizePhonesAsync(audio, from, to, cancellationToken);
        var (energy, pitch) = PitchTracker.Track(audio, from, to);
        var evidence = Build(audio, tokens, heard ?? AssumeRead(tokens), alignment, alignedTokens, loop, energy, pitch);
        var chosen = await CheckPhonesAsync(audio, evidence, cancellationToken);
        evidence = WithCheck(evidence, chosen);
        if (heard is null && NeedsReadingCheck(evidence))
        {
            heard = await HearAsync(audio, tokens, cancellationToken);
            evidence = WithCheck(Build(audio, tokens, heard, alignment, alignedTokens, loop, energy, pitch), chosen);
        }

        if (evidence.Inserted is { Count: > 0 } fillers)
        {
            evidence = evidence with { Inserted = Audible(fillers, evidence.Words, EnergyVoiceActivityDetector.Detect(audio, FillerSpeech)) };
        }

        return await WithSpeechOutsideAsync(audio, evidence, cancellationToken);
    }

    // A word the reading check heard that the reference does not have there (a filler, mostly) is reported only where
    // at least this much of its time is left to silence by the forced alignment of the reference and holds speech by
    // the energy detector.
    internal const double InsertedSpeechSeconds = 0.15;

    // The energy detector for that: no padding and short pauses kept apart, so that silence next to speech stays silence.
    private static readonly EnergyVadOptions FillerSpeech = new(MinSpeechSeconds: 0.05, MinPauseSeconds: 0.05, PaddingSeconds: 0);

    /// <summary>
    /// The inserted words the reading check heard that the audio bears out: those with at least
    /// <see cref="InsertedSpeechSeconds"/> of detected speech in time between the first and the last aligned word that
    /// no aligned reference word covers (a pause of the forced alignment). The grammar must
    /// put each reference word somewhere, and on a fluent reading it fits a short "uh" or "er" into a word's vowel or
    /// between two words that run together (on 40 LJSpeech and 40 AN4 clips read exactly, 41 such fillers of 0.03–0.47 s,
    /// all but two inside the aligned words); a filler said in a pause lies where the forced alignment has silence.
    /// <see cref="AssessmentEvidence.Insertions"/>, a feature of the trained model, still counts all that the check heard.
    /// </summary>
    internal static IReadOnlyList<InsertedWord> Audible(IReadOnlyList<InsertedWord> inserted, IReadOnlyList<WordEvidence> words, IReadOnlyList<SpeechSegment> speech)
    {
        var covered = words.Where(w => w.Aligned && w.End > w.Start).Select(w => (w.Start, w.End)).ToList();
        if (covered.Count == 0)
        {
            return [];
        }

        // Before the first and after the last word is the business of WithSpeechOutsideAsync, which asks for more.
        covered.Add((double.NegativeInfinity, covered.Min(c => c.Start)));
        covered.Add((covered.Max(c => c.End), double.PositiveInfinity));
        return inserted.Where(x => UncoveredSpeech(x.Start, x.End, covered, speech) >= InsertedSpeechSeconds).ToList();
    }

    // Seconds of [start, end) that lie in a speech segment and in none of the covered spans.
    private static double UncoveredSpeech(double start, double end, List<(double Start, double End)> covered, IReadOnlyList<SpeechSegment> speech)
    {
        double total = 0;
        foreach (var segment in speech)
        {
            var (from, to) = (Math.Max(start, segment.StartSeconds), Math.Min(end, segment.EndSeconds));
            if (to <= from)
            {
                continue;
            }

            // What of [from, to) the covered spans leave free (they may overlap each other).
            var cuts = covered.Where(c => c.End > from && c.Start < to).OrderBy(c => c.Start).ToList();
            var at = from;
            foreach (var (coverStart, coverEnd) in cuts)
            {
                total += Math.Max(0, Math.Min(coverStart, to) - at);
                at = Math.Max(at, coverEnd);
            }

            total += Math.Max(0, to - at);
        }

        return total;
    }

    // Speech at least this long before the first or after the last aligned word (the forced alignment leaves it to
    // silence) is recognised freely and its words marked inserted.
    private const double OutsideSpeechSeconds = 0.4;

    // ... when it starts or ends at least this far from the reference words (breaths and word edges stay out).
    private const double OutsideGap = 0.3;

    /// <summary>
    /// Words said before or after the reference (a student reading on past the passage): the forced alignment puts the
    /// reference words where they fit and leaves the rest to silence, and the reading check has only the reference
    /// words and fillers to choose from, so neither sees them. Where the energy detector finds speech there, free
    /// recognition of that stretch alone gives the words, which are added as insertions (<see cref="AssessmentEvidence.Inserted"/>;
    /// <see cref="AssessmentEvidence.Insertions"/>, a feature of the trained model, still counts the reading check's alone).
    /// </summary>
    private async Task<AssessmentEvidence> WithSpeechOutsideAsync(PcmAudio audio, AssessmentEvidence evidence, CancellationToken ct)
    {
        var spoken = evidence.Words.Where(w => w.Aligned).ToList();
        if (spoken.Count == 0)
        {
            return evidence;
        }

        var (first, last) = (spoken[0].Start, spoken[^1].End);
        if (first < OutsideSpeechSeconds + OutsideGap && audio.DurationSeconds - last < OutsideSpeechSeconds + OutsideGap)
        {
            return evidence;
        }

        var segments = EnergyVoiceActivityDetector.Detect(audio);
        var inserted = new List<InsertedWord>(evidence.Inserted ?? []);
        var before = Outside(segments, 0, first - OutsideGap);
        if (before is { } lead)
        {
            inserted.AddRange((await RecognizeAsync(audio, lead, ct)).Select(w => new InsertedWord(-1, w.Word, w.StartSeconds, w.EndSeconds)));
        }

        var after = Outside(segments, last + OutsideGap, audio.DurationSeconds);
        if (after is { } tail)
        {
            inserted.AddRange((await RecognizeAsync(audio, tail, ct)).Select(w => new InsertedWord(spoken[^1].Index, w.Word, w.StartSeconds, w.EndSeconds)));
        }

        return inserted.Count == (evidence.Inserted?.Count ?? 0) ? evidence : evidence with { Inserted = inserted };
    }

    // The stretch from the first to the last speech detected within [from, to), where it holds enough speech.
    private static (double Start, double End)? Outside(IReadOnlyList<SpeechSegment> segments, double from, double to)
    {
        var inside = segments
            .Select(s => (Start: Math.Max(from, s.StartSeconds), End: Math.Min(to, s.EndSeconds)))
            .Where(s => s.End > s.Start)
            .ToList();
        return inside.Sum(s => s.End - s.Start) >= OutsideSpeechSeconds ? (inside[0].Start, inside[^1].End) : null;
    }

    private async Task<IReadOnlyList<RecognizedWord>> RecognizeAsync(PcmAudio audio, (double Start, double End) span, CancellationToken ct)
    {
        var result = await _recognizer.RecognizeAsync(audio.Slice(span.Start, span.End), RecognitionOptions.Free, ct);
        var offset = Math.Round(span.Start * PcmAudio.SampleRate) / PcmAudio.SampleRate;
        return result.Words.Select(w => w with { StartSeconds = w.StartSeconds + offset, EndSeconds = w.EndSeconds + offset }).ToList();
    }

    /// <summary>Prior of the phone as written in the pronunciation check (the rest: left out or a confusable phone).</summary>
    public static double CheckKeep { get; set; } = 0.9;

    /// <summary>
    /// Adds the pronunciation check (<see cref="PocketSphinxAligner.CheckPhonesAsync"/>) to evidence: per aligned phone,
    /// whether the search kept it, left it out or chose a phone learners often say instead. Depends only on the audio
    /// and the aligned phones, so it can also be added to evidence cached without it.
    /// </summary>
    public async Task<AssessmentEvidence> CheckPronunciationAsync(PcmAudio audio, AssessmentEvidence evidence, CancellationToken cancellationToken = default) =>
        WithCheck(evidence, await CheckPhonesAsync(audio, evidence, cancellationToken));

    /// <summary>
    /// Brings evidence of the previous version (3) to this one by adding the free phone loop's phones
    /// (<see cref="AssessmentEvidence.Loop"/>), run over the same span of the same audio as <see cref="ExtractAsync"/>
    /// runs it: a training cache need not be extracted again from scratch.
    /// </summary>
    public async Task<AssessmentEvidence> UpgradeAsync(PcmAudio audio, AssessmentEvidence evidence, CancellationToken cancellationToken = default)
    {
        if (evidence.Loop is not null)
        {
            return evidence;
        }

        var spoken = evidence.Words.Where(w => w.Aligned).ToList();
        var (from, to) = spoken.Count > 0
            ? Around(spoken[0].Start, spoken[^1].End, audio.DurationSeconds, SpanMargin)
            : (0, audio.DurationSeconds);
        var loop = await RecognizePhonesAsync(audio, from, to, cancellationToken);
        return evidence with { Loop = Segments(loop) };
    }

    private static List<LoopSegment> Segments(PhoneRecognitionResult loop) =>
        loop.Phones.Select(p => new LoopSegment(p.Phone, p.StartSeconds, p.EndSeconds, p.AcousticScore)).ToList();

    private Task<IReadOnlyList<IReadOnlyList<string>>?> CheckPhonesAsync(PcmAudio audio, AssessmentEvidence evidence, CancellationToken ct) =>
        _aligner.CheckPhonesAsync(audio, evidence.Words.Select(w => (IReadOnlyList<string>)(w.Aligned ? w.Phones.Select(p => p.Phone).ToList() : [])).ToList(), CheckKeep, ct);

    private static AssessmentEvidence WithCheck(AssessmentEvidence evidence, IReadOnlyList<IReadOnlyList<string>>? chosen) =>
        chosen is null || chosen.Count != evidence.Words.Count
            ? evidence
            : evidence with
            {
                Words = evidence.Words.Select((w, i) => w with { Phones = w.Phones.Select((p, k) => p with { Checked = chosen[i].Count == w.Phones.Count ? chosen[i][k] : null }).ToList() }).ToList(),
            };

    // The reading check runs where a word's goodness of pronunciation (its phones' aligned score minus the free
    // loop's, per frame) is below this (about the worst 1 % of speechocean762's words), where a word has fewer
    // frames per phone than this, or where a pause this long comes where the text has no punctuation.
    private const double CleanWordGop = -0.01;
    private const double CleanFramesPerPhone = 3;
    private const double CleanPause = 0.5;

    // ... or where the pronunciation check left out at least this share of the aligned phones (chosen with the check's
    // wide beams, where genuine readings of speechocean762 had median 0.12, 95th percentile 0.38, and the same clips
    // against another utterance's text median 0.40; with the narrow beams it runs with now: median 0.23, so the
    // reading check runs for about half of speechocean762's utterances).
    private const double CleanLeftOut = 0.3;

    /// <summary>
    /// Whether the forced alignment of the whole reference leaves room for doubt, so that the reading check should
    /// run: a word squeezed into a few frames per phone (left out?), a word whose phones fit far worse than the free
    /// phone loop (another word said?), or a long pause where the text has none (a hesitation or a restart?).
    /// </summary>
    public static bool NeedsReadingCheck(AssessmentEvidence evidence) =>
        !evidence.Aligned
        || evidence.Words.Any(w => !w.Aligned || w.Phones.Count == 0
            || (w.End - w.Start) * 100 / w.Phones.Count < CleanFramesPerPhone
            || w.Phones.Sum(p => p.Score - p.LoopScore) / w.Phones.Sum(p => p.Frames) < CleanWordGop
            || (!w.PunctuationBefore && w.PauseBefore >= CleanPause))
        || LeftOutShare(evidence.Words.Where(w => w.Aligned).SelectMany(w => w.Phones).ToList()) >= CleanLeftOut;

    /// <summary>Share of these phones that the pronunciation check left out (0 where it did not run).</summary>
    public static double LeftOutShare(IReadOnlyList<PhoneEvidence> phones) =>
        phones.Count == 0 ? 0 : phones.Count(p => p.Checked is "") / (double)phones.Count;

    /// <summary>The evidence as it would be without the reading check: every word read once, nothing inserted.</summary>
    public static AssessmentEvidence AssumeRead(AssessmentEvidence evidence) => evidence with
    {
        Words = evidence.Words.Select(w => w with { Heard = 1 }).ToList(),
        Insertions = 0,
        Inserted = [],
        Heard = string.Join(' ', evidence.Words.Select(w => w.Word)),
    };

    /// <summary>
    /// The evidence as the extractor gives it now, from evidence that may have been gathered with the reading check
    /// always run (training caches): where the alignment is clean, the reading check's findings are dropped.
    /// </summary>
    public static AssessmentEvidence WithoutNeedlessReadingCheck(AssessmentEvidence evidence) =>
        NeedsReadingCheck(evidence) ? evidence : AssumeRead(evidence);

    private static Hearing AssumeRead(List<Token> tokens) =>
        new(Enumerable.Repeat(1, tokens.Count).ToArray(), 0, string.Join(' ', tokens.SelectMany(t => t.Words)), []);

    private const double SpanMargin = 0.15;

    /// <summary>From <paramref name="start"/> to <paramref name="end"/> widened by <paramref name="margin"/> on each side, within the audio.</summary>
    internal static (double Start, double End) Around(double start, double end, double audioSeconds, double margin) =>
        (Math.Max(0, start - margin), Math.Min(audioSeconds, end + margin));

    private async Task<PhoneRecognitionResult> RecognizePhonesAsync(PcmAudio audio, double from, double to, CancellationToken ct)
    {
        if (to - from < PocketSphinxRecognizer.MinimumSeconds * 2)
        {
            return new PhoneRecognitionResult([], audio.DurationSeconds);
        }

        var slice = await _aligner.RecognizePhonesAsync(audio.Slice(from, to), ct);
        var offset = Math.Round(from * PcmAudio.SampleRate) / PcmAudio.SampleRate;
        return new PhoneRecognitionResult(
            slice.Phones.Select(p => p with { StartSeconds = p.StartSeconds + offset, EndSeconds = p.EndSeconds + offset }).ToList(),
            audio.DurationSeconds);
    }

    private sealed record Hearing(int[] Counts, int Insertions, string Text, List<InsertedWord> Inserted);

    // The reading check: a linear grammar of the reference in which every token is optional, may be said twice, and
    // may be preceded by a filler. What it keeps tells which words were said, repeated or left out.
    private async Task<Hearing> HearAsync(PcmAudio audio, List<Token> tokens, CancellationToken ct)
    {
        var dictionary = _dictionary.Value;
        var known = tokens.Where(t => t.Words.All(dictionary.Contains)).ToList();
        var counts = new int[tokens.Count];
        if (known.Count == 0)
        {
            return new Hearing(counts, 0, "", []);
        }

        var body = new StringBuilder();
        foreach (var token in known)
        {
            var words = string.Join(' ', token.Words);
            body.Append($"( {Filler} <ins> | {NoFiller} <NULL> ) ( {Say} {words} ( {Again} {words} | {Once} <NULL> ) | {Skip} <NULL> ) ");
        }

        body.Append($"( {Filler} <ins> | {NoFiller} <NULL> )");
        var grammar = $"#JSGF V1.0;\ngrammar reading;\npublic <utterance> = {body};\n<ins> = ( {string.Join(" | ", InsertionWords)} );\n";
        var result = await _recognizer.RecognizeAsync(audio, new RecognitionOptions(RecognitionMode.Grammar, Grammar: grammar), ct);
        var recognized = result.Words;
        var said = recognized.Select(w => w.Word).ToList();

        // Align what was heard to the reference words (each heard word used once, in order).
        var reference = new List<(int Token, string Word)>();
        for (var t = 0; t < tokens.Count; t++)
        {
            reference.AddRange(tokens[t].Words.Select(w => (t, w)));
        }

        var matches = SequenceAlignment.Match(reference.Select(r => r.Word).ToList(), said);
        var wordHits = new int[reference.Count];
        var insertions = 0;
        var inserted = new List<InsertedWord>();
        var lastMatched = -1;
        for (var h = 0; h < said.Count; h++)
        {
            if (matches[h] >= 0)
            {
                wordHits[matches[h]]++;
                lastMatched = matches[h];
            }
            else if (lastMatched >= 0 && reference[lastMatched].Word == said[h])
            {
                wordHits[lastMatched]++; // said again: a repetition
            }
            else
            {
                insertions++;
                inserted.Add(new InsertedWord(lastMatched >= 0 ? tokens[reference[lastMatched].Token].Index : -1, said[h], recognized[h].StartSeconds, recognized[h].EndSeconds));
            }
        }

        var seen = new bool[tokens.Count];
        for (var r = 0; r < reference.Count; r++)
        {
            var token = reference[r].Token;
            counts[token] = !seen[token] ? wordHits[r] : Math.Min(counts[token], wordHits[r]);
            seen[token] = true;
        }

        return new Hearing(counts, insertions, result.Text, inserted);
    }

    // Where the audio does not fit the whole reference (words left out): forced alignment of the tokens the
    // reading check heard.
    private async Task<(AlignmentResult? Alignment, List<int> TokenOfWord)> AlignHeardAsync(PcmAudio audio, List<Token> tokens, int[] heard, CancellationToken ct)
    {
        var kept = Enumerable.Range(0, tokens.Count).Where(t => heard[t] > 0).ToList();
        if (kept.Count == 0)
        {
            return (null, []);
        }

        try
        {
            return (await _aligner.AlignAsync(audio, string.Join(' ', kept.Select(t => tokens[t].Text)), ct), kept);
        }
        catch (AlignmentException)
        {
            return (null, []);
        }
    }

    private static AssessmentEvidence Build(
        PcmAudio audio, List<Token> tokens, Hearing heard, AlignmentResult? alignment, List<int> tokenOfWord,
        PhoneRecognitionResult loop, double[] energy, double[] pitch)
    {
        var loopPhones = loop.Phones;
        var wordsByToken = new Dictionary<int, (AlignedWord Word, List<AlignedPhone> Phones)>();
        if (alignment is not null)
        {
            foreach (var word in alignment.Words)
            {
                wordsByToken[tokenOfWord[word.Index]] = (word, alignment.Phones.Where(p => p.WordIndex == word.Index).ToList());
            }
        }

        var words = new List<WordEvidence>(tokens.Count);
        double previousEnd = -1;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (!wordsByToken.TryGetValue(t, out var aligned))
            {
                words.Add(new WordEvidence(token.Index, token.Text, string.Join(' ', token.Words), false, heard.Counts[t], 0, token.PunctuationBefore, 0, 0, 0, false, double.NaN, 0, []));
                continue;
            }

            var phones = aligned.Phones.Select(p => new PhoneEvidence(
                p.Phone, p.StartSeconds, p.EndSeconds, p.AcousticScore, LoopScore(loopPhones, p.StartSeconds, p.EndSeconds), LoopMatch(loopPhones, p), LoopPhone(loopPhones, p))).ToList();
            var (start, end) = (aligned.Word.StartSeconds, aligned.Word.EndSeconds);
            words.Add(new WordEvidence(
                token.Index, token.Text, string.Join(' ', token.Words), true, heard.Counts[t],
                previousEnd < 0 ? 0 : Math.Max(0, start - previousEnd), token.PunctuationBefore,
                start, end, aligned.Word.AcousticScore, aligned.Word.InDictionary,
                MeanVoiced(pitch, start, end), Mean(energy, start, end), phones));
            previousEnd = end;
        }

        var spoken = words.Where(w => w.Aligned).ToList();
        var pauses = new List<PauseEvidence>();
        for (var i = 1; i < spoken.Count; i++)
        {
            if (spoken[i].Start - spoken[i - 1].End >= 0.05)
            {
                pauses.Add(new PauseEvidence(spoken[i - 1].End, spoken[i].Start, spoken[i].PunctuationBefore));
            }
        }

        var referencePhones = spoken.SelectMany(w => w.Phones.Select(p => p.Phone)).ToList();
        var loopSpeech = loopPhones.Where(p => !p.IsSilence).Select(p => p.Phone).ToList();
        return new AssessmentEvidence(
            audio.DurationSeconds,
            alignment is not null && tokenOfWord.Count == tokens.Count,
            alignment?.AcousticScorePerFrame ?? 0,
            words,
            pauses,
            spoken.Count > 0 ? spoken[0].Start : audio.DurationSeconds,
            spoken.Count > 0 ? Math.Max(0, audio.DurationSeconds - spoken[^1].End) : 0,
            loopSpeech.Count,
            SequenceAlignment.Distance(referencePhones, loopSpeech),
            heard.Insertions,
            heard.Text,
            Prosody(spoken, energy, pitch),
            heard.Inserted,
            Segments(loop));
    }

    // The loop's score over [start, end): each loop segment contributes its score in proportion to the overlap.
    private static double LoopScore(IReadOnlyList<AlignedPhone> loop, double start, double end)
    {
        double score = 0;
        foreach (var p in loop)
        {
            if (p.EndSeconds <= start || p.StartSeconds >= end)
            {
                continue;
            }

            var overlap = Math.Min(end, p.EndSeconds) - Math.Max(start, p.StartSeconds);
            score += p.AcousticScore * overlap / Math.Max(0.01, p.EndSeconds - p.StartSeconds);
        }

        return score;
    }

    private static bool LoopMatch(IReadOnlyList<AlignedPhone> loop, AlignedPhone phone) =>
        loop.Any(p => p.Phone == phone.Phone && p.EndSeconds > phone.StartSeconds - 0.02 && p.StartSeconds < phone.EndSeconds + 0.02);

    // The loop's phone that overlaps this one most.
    private static string? LoopPhone(IReadOnlyList<AlignedPhone> loop, AlignedPhone phone) =>
        loop.Where(p => p.EndSeconds > phone.StartSeconds && p.StartSeconds < phone.EndSeconds)
            .MaxBy(p => Math.Min(p.EndSeconds, phone.EndSeconds) - Math.Max(p.StartSeconds, phone.StartSeconds))?.Phone;

    private static double MeanVoiced(double[] semitones, double start, double end)
    {
        double sum = 0;
        var n = 0;
        for (var f = (int)(start * 100); f < Math.Min(semitones.Length, (int)(end * 100)); f++)
        {
            if (!double.IsNaN(semitones[f]))
            {
                sum += semitones[f];
                n++;
            }
        }

        return n > 0 ? sum / n : double.NaN;
    }

    private static double Mean(double[] values, double start, double end)
    {
        var from = Math.Clamp((int)(start * 100), 0, values.Length);
        var to = Math.Clamp((int)(end * 100), from, values.Length);
        return to > from ? values[from..to].Average() : 0;
    }

    private static ProsodyEvidence Prosody(List<WordEvidence> spoken, double[] energy, double[] pitch)
    {
        var inSpeech = new bool[energy.Length];
        foreach (var w in spoken)
        {
            for (var f = Math.Max(0, (int)(w.Start * 100)); f < Math.Min(energy.Length, (int)(w.End * 100)); f++)
            {
                inSpeech[f] = true;
            }
        }

        var speechEnergy = energy.Where((_, f) => inSpeech[f]).ToArray();
        var silenceEnergy = energy.Where((_, f) => !inSpeech[f]).ToArray();
        var voiced = pitch.Where((p, f) => inSpeech[f] && !double.IsNaN(p)).ToArray();
        if (speechEnergy.Length < 5)
        {
            return new ProsodyEvidence(0, 0, 0, 0, 0, 0, 0);
        }

        double slope = 0;
        var steps = 0;
        for (var f = 1; f < pitch.Length; f++)
        {
            if (inSpeech[f] && !double.IsNaN(pitch[f]) && !double.IsNaN(pitch[f - 1]))
            {
                slope += Math.Min(Math.Abs(pitch[f] - pitch[f - 1]), 6); // octave jumps of the tracker capped
                steps++;
            }
        }

        return new ProsodyEvidence(
            voiced.Length / (double)speechEnergy.Length,
            voiced.Length > 2 ? Statistics.StandardDeviation(voiced) : 0,
            voiced.Length > 2 ? Statistics.Percentile(voiced, 0.9) - Statistics.Percentile(voiced, 0.1) : 0,
            steps > 0 ? slope / steps : 0,
            Statistics.StandardDeviation(speechEnergy),
            Statistics.Percentile(speechEnergy, 0.9) - Statistics.Percentile(speechEnergy, 0.1),
            speechEnergy.Average() - (silenceEnergy.Length > 0 ? silenceEnergy.Average() : 0));
    }
}

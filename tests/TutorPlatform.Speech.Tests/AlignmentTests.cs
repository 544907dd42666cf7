using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech.Tests;

public sealed class AlignmentTests(SpeechFixture speech)
{
    private static readonly HashSet<string> CmuPhones =
    [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
        "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckPhones_RightTextKeepsMostPhones_AnotherTextLeavesManyOut()
    {
        var row = SpeechFixture.Manifest("ljspeech")[3]; // "produced the block books, which were the immediate predecessors ..."
        var audio = await speech.LoadAsync("ljspeech", row);
        var right = (await speech.Aligner.AlignAsync(audio, row["reference_raw"], Ct)).Words.Select(w => (IReadOnlyList<string>)w.Pronunciation).ToList();
        var dictionary = PronunciationDictionary.Load(speech.Options.Value.ResolveModelPath(speech.Options.Value.Dictionary));
        var wrong = TranscriptText.Words("in being comparatively modern the invention of movable metal letters was slow")
            .Select(w => dictionary.Pronunciations(w)[0]).ToList();

        var rightChecked = await speech.Aligner.CheckPhonesAsync(audio, right, 0.9, Ct);
        var wrongChecked = await speech.Aligner.CheckPhonesAsync(audio, wrong, 0.9, Ct);

        Assert.NotNull(rightChecked);
        Assert.NotNull(wrongChecked);
        Assert.Equal(right.Select(w => w.Count), rightChecked.Select(w => w.Count));
        double LeftOut(IReadOnlyList<IReadOnlyList<string>> chosen) => chosen.SelectMany(w => w).Count(p => p.Length == 0) / (double)chosen.Sum(w => w.Count);
        Assert.True(LeftOut(rightChecked) < 0.15, $"right text: {LeftOut(rightChecked):0.00} of the phones left out");
        Assert.True(LeftOut(wrongChecked) > 2 * LeftOut(rightChecked) + 0.1, $"another text: {LeftOut(wrongChecked):0.00} left out against {LeftOut(rightChecked):0.00}");
    }

    [Theory]
    [InlineData("DH IY Z", "DH IY Z", "DH IY Z")]       // all kept
    [InlineData("DH IY Z", "D IY", "D IY -")]           // DH said as D, Z left out
    [InlineData("K AE T", "K AE", "K AE -")]
    [InlineData("S IH T", "S IY T", "S IY T")]
    public void MatchSlots_GivesEachWrittenPhoneWhatWasSaid(string written, string said, string expected)
    {
        var chosen = PocketSphinxAligner.MatchSlots(written.Split(' '), said.Split(' '));

        Assert.Equal(expected.Split(' ').Select(p => p == "-" ? "" : p), chosen);
    }

    [Fact]
    public void MatchSlots_PhoneThatCannotStandForAnyWrittenOne_IsNull() =>
        Assert.Null(PocketSphinxAligner.MatchSlots(["DH", "IY"], ["K", "IY"]));

    [Theory]
    [InlineData(2)]  // "in being comparatively modern."
    [InlineData(41)] // ends in "Subiaco", which the dictionary lacks
    public async Task Align_LjSpeechClip_GivesMonotonicWordsAndPhonesCoveringTheReference(int index)
    {
        var row = SpeechFixture.Manifest("ljspeech")[index - 1];
        var audio = await speech.LoadAsync("ljspeech", row);
        var reference = row["reference_raw"];

        var alignment = await speech.Aligner.AlignAsync(audio, reference, Ct);

        var tokens = reference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, tokens.Length), alignment.Words.Select(w => w.Index));
        Assert.Equal(tokens.Select(TranscriptText.Normalize), alignment.Words.Select(w => w.Word));
        AssertMonotonic(alignment.Words.Select(w => (w.StartSeconds, w.EndSeconds)), audio.DurationSeconds);
        AssertMonotonic(alignment.Phones.Select(p => (p.StartSeconds, p.EndSeconds)), audio.DurationSeconds);

        // The phones of each word are its pronunciation (or, for a word missing from the dictionary, what the phone
        // loop found), in order, inside the word's span.
        foreach (var word in alignment.Words)
        {
            var phones = alignment.Phones.Where(p => p.WordIndex == word.Index).ToList();
            Assert.NotEmpty(phones);
            if (word.InDictionary)
            {
                Assert.Equal(word.Pronunciation, phones.Select(p => p.Phone));
            }

            Assert.All(phones, p => Assert.Contains(p.Phone, CmuPhones));
            Assert.InRange(phones[0].StartSeconds, word.StartSeconds - 0.1, word.EndSeconds);
            Assert.InRange(phones[^1].EndSeconds, word.StartSeconds, word.EndSeconds + 0.1);
            Assert.True(word.AcousticScore <= 0, $"{word}");
        }

        // Speech covers most of the clip (LJSpeech clips are trimmed closely).
        Assert.True(alignment.Words[0].StartSeconds < 0.5, $"first word at {alignment.Words[0].StartSeconds}");
        Assert.True(alignment.Words[^1].EndSeconds > audio.DurationSeconds - 0.5, $"last word ends at {alignment.Words[^1].EndSeconds} of {audio.DurationSeconds}");
        Assert.True(alignment.AcousticScorePerFrame < 0);
    }

    [Fact]
    public async Task Align_WordMissingFromDictionary_IsMatchedByAPhoneLoop()
    {
        var row = SpeechFixture.Manifest("ljspeech")[1]; // "in being comparatively modern."
        var audio = await speech.LoadAsync("ljspeech", row);

        var alignment = await speech.Aligner.AlignAsync(audio, "in being komparativly modern.", Ct);

        var unknown = alignment.Words[2];
        Assert.False(unknown.InDictionary);
        Assert.Empty(unknown.Pronunciation);
        Assert.True(unknown.EndSeconds > unknown.StartSeconds);
        Assert.All(alignment.Words.Where(w => w.Index != 2), w => Assert.True(w.InDictionary));
        Assert.Contains(alignment.Phones, p => p.WordIndex == 2);
        AssertMonotonic(alignment.Words.Select(w => (w.StartSeconds, w.EndSeconds)), audio.DurationSeconds);
    }

    [Fact]
    public async Task Align_TextWithoutWords_IsAlignmentError()
    {
        var audio = new PcmAudio(new short[16_000]);

        await Assert.ThrowsAsync<AlignmentException>(() => speech.Aligner.AlignAsync(audio, " -- ... ", Ct));
    }

    [Fact]
    public async Task Align_AudioOfTheWrongText_IsAlignmentErrorAndTheAlignerStillWorks()
    {
        var an4 = await speech.LoadAsync("an4", SpeechFixture.Manifest("an4")[0]); // "yes", 1 s
        var lj = SpeechFixture.Manifest("ljspeech")[1];

        await Assert.ThrowsAsync<AlignmentException>(() => speech.Aligner.AlignAsync(an4, "printing in the only sense with which", Ct));
        var alignment = await speech.Aligner.AlignAsync(await speech.LoadAsync("ljspeech", lj), lj["reference_raw"], Ct);

        Assert.Equal(4, alignment.Words.Count);
    }

    [Fact]
    public async Task RecognizePhones_LjSpeechClip_GivesTimedCmuPhones()
    {
        var row = SpeechFixture.Manifest("ljspeech")[1];
        var audio = await speech.LoadAsync("ljspeech", row);

        var result = await speech.Aligner.RecognizePhonesAsync(audio, Ct);

        var speechPhones = result.Phones.Where(p => CmuPhones.Contains(p.Phone)).ToList();
        Assert.True(speechPhones.Count >= 10, $"only {speechPhones.Count} phones for \"{row["reference_raw"]}\"");
        AssertMonotonic(result.Phones.Select(p => (p.StartSeconds, p.EndSeconds)), audio.DurationSeconds);
        Assert.All(result.Phones, p => Assert.Equal(-1, p.WordIndex));
    }

    private static void AssertMonotonic(IEnumerable<(double Start, double End)> spans, double duration)
    {
        var previousEnd = 0.0;
        foreach (var (start, end) in spans)
        {
            Assert.True(start >= previousEnd - 1e-9, $"segment starting at {start} overlaps the previous one ending at {previousEnd}");
            Assert.True(end > start, $"empty segment at {start}");
            previousEnd = end;
        }

        Assert.InRange(previousEnd, 0, duration + 0.011);
    }
}

using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Speech.Tests.Assessment;

/// <summary>The assessor end to end on real speechocean762 clips (skipped when ../shared/data/speech/speechocean762 is absent).</summary>
public sealed class PronunciationAssessorTests(SpeechFixture speech)
{
    // Adult speakers read these well (experts' total 9 of 10).
    private const string WellRead = "000360034"; // WE SPEAK OUT WHEN WE FEEL WE SHOULD SPEAK OUT
    private const string WellReadText = "WE SPEAK OUT WHEN WE FEEL WE SHOULD SPEAK OUT";
    private const string Other = "001350124"; // I WORK FOR LIVING AND HAVE TO GET UP EARLY

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private PocketSphinxPronunciationAssessor Assessor() =>
        new(new EvidenceExtractor(speech.Aligner, speech.Recognizer, speech.Options));

    private async Task<PcmAudio> LoadAsync(string utteranceId)
    {
        var folder = Path.GetFullPath(Path.Combine(SpeechFixture.SolutionRoot, "..", "shared", "data", "speech", "speechocean762"));
        if (!Directory.Exists(folder))
        {
            Assert.Skip($"speechocean762 is not at {folder} (the shared data folder beside the checkout).");
        }

        var path = Path.Combine(folder, "WAVE", "SPEAKER" + utteranceId[1..5], utteranceId + ".WAV");
        return await speech.Decoder.DecodeFileAsync(path, Ct);
    }

    [Fact]
    public async Task Assess_WellReadClip_GivesScoresInRangeAndOneRowPerReferenceWord()
    {
        var audio = await LoadAsync(WellRead);

        var result = await Assessor().AssessAsync(audio, WellReadText, Ct);

        foreach (var score in (double[])[result.Accuracy, result.Fluency, result.Completeness, result.Prosody, result.Total])
        {
            Assert.InRange(score, 0, 100);
        }

        var reference = WellReadText.Split(' ');
        var words = result.Words.Where(w => w.ErrorType != WordErrorType.Insertion).ToList();
        Assert.Equal(Enumerable.Range(0, reference.Length), words.Select(w => w.Index));
        Assert.Equal(reference, words.Select(w => w.Word));
        Assert.All(words, w => Assert.InRange(w.Accuracy, 0, 100));
        Assert.All(words.SelectMany(w => w.Phones), p => Assert.InRange(p.Accuracy, 0, 100));
        Assert.True(result.Completeness >= 90, $"completeness {result.Completeness} for a complete reading");
        Assert.Equal(PronunciationModel.Embedded.Version, result.ModelVersion);
    }

    [Fact]
    public async Task Assess_CorrectText_ScoresHigherThanTheSameAudioAgainstAnotherSentence()
    {
        var audio = await LoadAsync(WellRead);
        var assessor = Assessor();

        var right = await assessor.AssessAsync(audio, WellReadText, Ct);
        var wrong = await assessor.AssessAsync(audio, "THESE MATCHES ARE GOING TO BE GREAT FOR ME", Ct);

        Assert.True(right.Accuracy > wrong.Accuracy, $"accuracy {right.Accuracy} (right text) vs {wrong.Accuracy} (wrong text)");
        Assert.True(right.Total > wrong.Total, $"total {right.Total} vs {wrong.Total}");
        Assert.True(right.Words.Average(w => w.Accuracy) > wrong.Words.Average(w => w.Accuracy));
    }

    [Fact]
    public async Task Assess_Speechocean762ClipAgainstAnotherSentence_LowersCompletenessAndMarksWords()
    {
        var audio = await LoadAsync(WellRead);
        var assessor = Assessor();

        var right = await assessor.AssessAsync(audio, WellReadText, Ct);
        var wrong = await assessor.AssessAsync(audio, "THESE MATCHES ARE GOING TO BE GREAT FOR ME", Ct);

        Assert.True(right.Completeness >= 90, $"completeness {right.Completeness} for the text read");
        Assert.True(wrong.Completeness <= 80, $"completeness {wrong.Completeness} for a text not read");
        static int Marked(PronunciationAssessment a) => a.Words.Count(w => w.ErrorType is WordErrorType.Omission or WordErrorType.Mispronunciation);
        Assert.True(Marked(right) <= 1, "words of the text read: " + string.Join(", ", right.Words.Select(w => $"{w.Word}={w.ErrorType}/{w.Accuracy}")));
        Assert.True(Marked(wrong) >= 4, "words of a text not read (9): " + string.Join(", ", wrong.Words.Select(w => $"{w.Word}={w.ErrorType}/{w.Accuracy}")));
    }

    [Theory]
    [InlineData(4, "in being comparatively modern, the invention of movable metal letters was slow.")]
    [InlineData(5, "For although the Chinese took impressions from wood blocks engraved in relief for centuries before the woodcutters of the Netherlands")]
    public async Task Assess_LjSpeechClipAgainstAnUnrelatedText_GivesLowCompletenessAndTheRightTextAHighOne(int clip, string unrelated)
    {
        var row = SpeechFixture.Manifest("ljspeech")[clip - 1];
        var audio = await speech.LoadAsync("ljspeech", row);
        var assessor = Assessor();

        var right = await assessor.AssessAsync(audio, row["reference_raw"], Ct);
        var wrong = await assessor.AssessAsync(audio, unrelated, Ct);

        Assert.True(right.Completeness >= 90, $"completeness {right.Completeness} for the text read");
        Assert.True(wrong.Completeness <= 60, $"completeness {wrong.Completeness} for an unrelated text");
        // Overall counts only what was read: never more than the share read (below nine in ten) allows.
        Assert.True(wrong.Total <= wrong.Completeness / 0.9 + 0.1, $"overall {wrong.Total} with completeness {wrong.Completeness}");
        Assert.True(right.Accuracy - wrong.Accuracy >= 20, $"accuracy {right.Accuracy} (right text) vs {wrong.Accuracy} (unrelated text)");
        var reference = wrong.Words.Where(w => w.ErrorType != WordErrorType.Insertion).ToList();
        Assert.True(reference.Count(w => w.ErrorType is WordErrorType.Omission or WordErrorType.Mispronunciation) >= reference.Count / 2,
            "words of the unrelated text: " + string.Join(", ", reference.Select(w => $"{w.Word}={w.ErrorType}/{w.Accuracy}")));
    }

    [Theory]
    [InlineData(8.9, 10.0 / 3, 3.3)] // two words of six read well
    [InlineData(8.0, 4.5, 4.0)]
    [InlineData(8.0, 9.0, 8.0)] // one word in ten may be missed (or wrongly taken as missed)
    [InlineData(8.0, 10.0, 8.0)]
    [InlineData(8.0, 0.0, 0.0)]
    public void Overall_ScalesTheModelsTotalByTheShareRead(double total, double completeness, double overall) =>
        Assert.Equal(overall, PronunciationScoring.Overall(total, completeness), 1);

    [Fact]
    public async Task Assess_ReferenceWithWordsNotSaid_MarksThemOmittedAndLowersCompleteness()
    {
        var audio = await LoadAsync(Other);
        var reference = "I WORK FOR LIVING AND HAVE TO GET UP EARLY EVERY SINGLE MORNING OF THE WEEK";

        var result = await Assessor().AssessAsync(audio, reference, Ct);

        var added = result.Words.Where(w => w.Index >= 10).ToList();
        Assert.Equal(6, added.Count);
        Assert.True(added.Count(w => w.ErrorType == WordErrorType.Omission) >= 3,
            "words not said: " + string.Join(", ", added.Select(w => $"{w.Word}={w.ErrorType}/{w.Accuracy}")));
        Assert.True(result.Completeness <= 85, $"completeness {result.Completeness} with 6 of 16 words not said");
        Assert.Equal(16, result.Words.Count(w => w.ErrorType != WordErrorType.Insertion));
    }

    [Fact]
    public async Task Assess_ReadingOnPastTheReference_MarksTheExtraWordsInsertedAfterTheLastWord()
    {
        // LJ001-0001 reads on with "if not from all the arts and crafts represented in the Exhibition" (12 words).
        var row = SpeechFixture.Manifest("ljspeech")[0];
        var audio = await speech.LoadAsync("ljspeech", row);
        const string Reference = "Printing, in the only sense with which we are at present concerned, differs from most";
        var assessor = Assessor();

        var partial = await assessor.AssessAsync(audio, Reference, Ct);
        var whole = await assessor.AssessAsync(audio, row["reference_raw"], Ct);

        var inserted = partial.Words.SkipWhile(w => w.ErrorType != WordErrorType.Insertion).ToList();
        var describe = string.Join(", ", partial.Words.Select(w => $"{w.Index}:{w.Word}={w.ErrorType}"));
        Assert.True(inserted.Count >= 6, "words after the reference: " + describe);
        Assert.All(inserted, w => Assert.Equal(WordErrorType.Insertion, w.ErrorType));
        Assert.Equal(15, partial.Words.Count(w => w.ErrorType != WordErrorType.Insertion));
        Assert.All(inserted, w => Assert.Equal(14, w.Index));
        Assert.All(inserted, w => Assert.True(w.StartSeconds >= partial.Words.Where(r => r.ErrorType != WordErrorType.Insertion).Max(r => r.EndSeconds), describe));
        Assert.DoesNotContain(whole.Words, w => w.ErrorType == WordErrorType.Insertion);
    }

    [Theory]
    [InlineData("ljspeech", 38)] // the reading check heard "um", "uh", "hmm" inside the aligned words
    [InlineData("ljspeech", 35)]
    [InlineData("an4", 7)] // M O R E W O O D: "er", "uh" between letters that run together
    public async Task Assess_NativeClipReadExactly_MarksNothingInserted(string set, int clip)
    {
        var row = SpeechFixture.Manifest(set)[clip - 1];
        var audio = await speech.LoadAsync(set, row);

        var result = await Assessor().AssessAsync(audio, row[set == "an4" ? "reference" : "reference_raw"], Ct);

        Assert.DoesNotContain(result.Words, w => w.ErrorType == WordErrorType.Insertion);
    }

    [Theory]
    [InlineData("ljspeech", 19)] // "of" in "a Gothic development of the": skipped by the reading check, half its phones left out by the phone loop
    [InlineData("ljspeech", 38)] // "the", aligned with the fewest frames the aligner can give
    [InlineData("an4", 7)] // the second "O" of M O R E W O O D, run into the first
    public async Task Assess_NativeClipReadExactly_MarksNoWordOmitted(string set, int clip)
    {
        var row = SpeechFixture.Manifest(set)[clip - 1];
        var audio = await speech.LoadAsync(set, row);

        var result = await Assessor().AssessAsync(audio, row[set == "an4" ? "reference" : "reference_raw"], Ct);

        var describe = string.Join(", ", result.Words.Select(w => $"{w.Word}={w.ErrorType}/{w.Accuracy}"));
        Assert.DoesNotContain(result.Words, w => w.ErrorType == WordErrorType.Omission);
        Assert.True(result.Completeness >= 99, $"completeness {result.Completeness}: {describe}");
    }

    [Fact]
    public async Task Assess_SpeechAddedInAPauseBetweenWords_IsMarkedInsertedAfterTheWordBefore()
    {
        // LJ001-0002 "in being comparatively modern." with AN4's "go" (an253-fash-b) and 0.3 s of silence either side
        // spliced in after "being": the reading check hears a filler there, in the forced alignment's pause.
        var text = SpeechFixture.Manifest("ljspeech")[1]["reference_raw"];
        var audio = await speech.LoadAsync("ljspeech", SpeechFixture.Manifest("ljspeech")[1]);
        var go = await speech.LoadAsync("an4", SpeechFixture.Manifest("an4")[1]);
        var assessor = Assessor();
        var plain = await assessor.AssessAsync(audio, text, Ct);
        var cut = (int)(plain.Words[1].EndSeconds * PcmAudio.SampleRate);
        var silence = new short[(int)(0.3 * PcmAudio.SampleRate)];
        var samples = audio.Samples.ToArray();
        var spliced = new PcmAudio(samples[..cut].Concat(silence).Concat(go.Samples.ToArray()).Concat(silence).Concat(samples[cut..]).ToArray());

        var result = await assessor.AssessAsync(spliced, text, Ct);

        var describe = string.Join(", ", result.Words.Select(w => $"{w.Index}:{w.Word}={w.ErrorType}@{w.StartSeconds:F2}-{w.EndSeconds:F2}"));
        var inserted = Assert.Single(result.Words, w => w.ErrorType == WordErrorType.Insertion);
        Assert.Equal(1, inserted.Index);
        var (from, to) = (cut / (double)PcmAudio.SampleRate, (cut + silence.Length * 2 + go.Samples.Length) / (double)PcmAudio.SampleRate);
        Assert.True(inserted.StartSeconds >= from && inserted.EndSeconds <= to, describe);
        Assert.DoesNotContain(plain.Words, w => w.ErrorType == WordErrorType.Insertion);
    }

    [Fact]
    public async Task WithPosteriors_TextRead_ClassifierHearsFarMoreOfItsPhonesThanOfATextNotRead()
    {
        var audio = await LoadAsync(WellRead);
        var extractor = new EvidenceExtractor(speech.Aligner, speech.Recognizer, speech.Options);
        async Task<List<PhoneEvidence>> PhonesAsync(string text) =>
            PronunciationModel.Embedded.WithPosteriors(audio, await extractor.ExtractAsync(audio, text, Ct)).Words.SelectMany(w => w.Phones).ToList();

        var right = await PhonesAsync(WellReadText);
        var wrong = await PhonesAsync("THESE MATCHES ARE GOING TO BE GREAT FOR ME");

        Assert.All(right.Concat(wrong), p => Assert.InRange(p.PosteriorRatio!.Value, -30, 0));
        Assert.All(right.Concat(wrong), p => Assert.InRange(p.PosteriorShare!.Value, 0, 1));
        double Same(List<PhoneEvidence> phones) => phones.Count(p => p.PosteriorBest == p.Phone) / (double)phones.Count;
        Assert.True(Same(right) >= Same(wrong) + 0.25, $"heard as themselves: {Same(right):P0} of the text read, {Same(wrong):P0} of a text not read");
        Assert.True(right.Average(p => p.PosteriorRatio!.Value) >= wrong.Average(p => p.PosteriorRatio!.Value) + 1,
            $"mean margin {right.Average(p => p.PosteriorRatio!.Value):0.00} against {wrong.Average(p => p.PosteriorRatio!.Value):0.00}");
    }

    [Fact]
    public async Task Upgrade_EvidenceWithoutTheLoopsPhones_GetsTheSamePhonesAsExtraction()
    {
        var audio = await LoadAsync(Other);
        var extractor = new EvidenceExtractor(speech.Aligner, speech.Recognizer, speech.Options);
        var evidence = await extractor.ExtractAsync(audio, "I WORK FOR LIVING AND HAVE TO GET UP EARLY", Ct);

        var upgraded = await extractor.UpgradeAsync(audio, evidence with { Loop = null }, Ct);

        Assert.NotNull(evidence.Loop);
        Assert.NotEmpty(evidence.Loop);
        Assert.Equal(evidence.Loop, upgraded.Loop);
    }

    [Fact]
    public async Task Assess_TextWithoutWords_ThrowsAlignmentException()
    {
        var audio = await LoadAsync(WellRead);

        await Assert.ThrowsAsync<AlignmentException>(() => Assessor().AssessAsync(audio, " ... !", Ct));
    }
}

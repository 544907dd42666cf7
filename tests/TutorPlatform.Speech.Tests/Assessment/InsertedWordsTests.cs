using TutorPlatform.Speech.Assessment;
using TutorPlatform.Speech.Audio;

namespace TutorPlatform.Speech.Tests.Assessment;

/// <summary>Which of the reading check's inserted words are reported (<see cref="EvidenceExtractor.Audible"/>).</summary>
public sealed class InsertedWordsTests
{
    // "one" 0.5–1.0 s, a pause, "two" 1.6–2.0 s, "three" 2.0–2.5 s.
    private static readonly WordEvidence[] Words = [Word(0, "one", 0.5, 1.0), Word(1, "two", 1.6, 2.0), Word(2, "three", 2.0, 2.5)];

    private static WordEvidence Word(int index, string word, double start, double end) =>
        new(index, word, word, true, 1, 0, false, start, end, -1000, true, double.NaN, 60, [new PhoneEvidence("AH", start, end, -1000, -900, true)]);

    private static readonly SpeechSegment[] Speech = [new(0.5, 1.0), new(1.2, 1.45), new(1.6, 2.5), new(2.6, 3.0)];

    [Fact]
    public void Audible_FillerSaidInAPause_IsKept()
    {
        var filler = new InsertedWord(0, "uh", 1.15, 1.5);

        Assert.Equal([filler], EvidenceExtractor.Audible([filler], Words, Speech));
    }

    [Theory]
    [InlineData(0.7, 0.8)] // inside a word's vowel
    [InlineData(1.95, 2.05)] // where two words run together
    [InlineData(0.95, 1.1)] // the word's tail and 0.1 s of silence
    [InlineData(1.46, 1.6)] // in the pause, but no speech there
    [InlineData(2.55, 3.0)] // after the last word: left to the free recognition of speech outside the reference
    [InlineData(0.0, 0.45)] // before the first word: likewise
    public void Audible_FillerWithoutSpeechInTheAlignmentsPauses_IsDropped(double start, double end)
    {
        Assert.Empty(EvidenceExtractor.Audible([new InsertedWord(0, "uh", start, end)], Words, Speech));
    }

    [Fact]
    public void Audible_NoWordAligned_ReportsNothing()
    {
        Assert.Empty(EvidenceExtractor.Audible([new InsertedWord(-1, "um", 1.0, 1.5)], [Words[0] with { Aligned = false }], Speech));
    }
}

using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Speech.Tests.Assessment;

/// <summary>When a reference word counts as left out (<see cref="PronunciationScoring.IsOmitted"/>).</summary>
public sealed class OmissionRuleTests
{
    // "for", 0.5–0.8 s (15 frames per phone), heard by the reading check, each phone's best class as given.
    private static WordEvidence Word(int heard, params string?[] best) =>
        new(0, "FOR", "for", true, heard, 0, false, 0.5, 0.8, -10, true, double.NaN, 60,
            [new PhoneEvidence("F", 0.5, 0.65, -5, -5, true, PosteriorBest: best[0]), new PhoneEvidence("ER", 0.65, 0.8, -5, -5, true, PosteriorBest: best[1])]);

    [Fact]
    public void IsOmitted_EveryPhoneSoundsLikeSilenceAndTheModelDoubtsTheWord_IsTrueEvenWhereTheReadingCheckHeardIt()
    {
        Assert.True(PronunciationScoring.IsOmitted(Word(1, "SIL", "SIL"), 7));
    }

    [Theory]
    [InlineData("SIL", "ER", 7)] // one phone is heard
    [InlineData("SIL", "SIL", 9.5)] // the model scores the word as well said
    [InlineData(null, null, 7)] // no phone classifier ran
    public void IsOmitted_HeardWordWithoutSilenceOverAllOfItOrScoredWell_IsFalse(string? first, string? second, double accuracy)
    {
        Assert.False(PronunciationScoring.IsOmitted(Word(1, first, second), accuracy));
    }

    [Fact]
    public void IsOmitted_NotAligned_IsTrue()
    {
        Assert.True(PronunciationScoring.IsOmitted(Word(1, "F", "ER") with { Aligned = false }, 10));
    }
}

using System.Text;

namespace TutorPlatform.Whisper.Tests;

public sealed class WordTimingsTests
{
    private const int Eot = 50256;

    [Fact]
    public void FromSegments_MergesSubWordTokensIntoWords()
    {
        var segment = Segment(" And so, my fellow Americans",
            Special(0.0),
            Token(" And", 0.30, 0.50, 0.9f),
            Token(" so", 0.50, 0.70, 0.8f),
            Token(",", 0.70, 0.72, 0.1f),
            Token(" my", 0.90, 1.10, 0.7f),
            Token(" fell", 1.10, 1.30, 0.6f),
            Token("ow", 1.30, 1.50, 0.4f),
            Token(" Americ", 1.60, 2.00, 0.9f),
            Token("ans", 2.00, 2.20, 0.7f),
            Special(2.2));

        var words = WordTimings.FromSegments([segment]);

        Assert.Equal(["and", "so", "my", "fellow", "americans"], words.Select(w => w.Word));
        Assert.Equal(0.50, words[1].StartSeconds, 6);
        Assert.Equal(0.72, words[1].EndSeconds, 6);
        Assert.Equal(0.8, words[1].Confidence, 6);                 // the comma's probability is not averaged in
        Assert.Equal(1.10, words[3].StartSeconds, 6);
        Assert.Equal(1.50, words[3].EndSeconds, 6);
        Assert.Equal(0.5, words[3].Confidence, 6);                 // mean of 0.6 and 0.4
    }

    [Fact]
    public void FromSegments_JoinsMultiByteCharactersSplitAcrossTokens()
    {
        var cafe = Encoding.UTF8.GetBytes(" café");
        var segment = Segment(" café",
            new WhisperToken(1, cafe[..^1], 0.1, 0.2, 0.5f, false),
            new WhisperToken(2, cafe[^1..], 0.2, 0.3, 0.7f, false));

        var word = Assert.Single(WordTimings.FromSegments([segment]));

        Assert.Equal("café", word.Word);
        Assert.Equal(0.1, word.StartSeconds, 6);
        Assert.Equal(0.3, word.EndSeconds, 6);
    }

    [Fact]
    public void FromSegments_DropsAnnotationsPunctuationAndSpecialTokens()
    {
        var blank = Segment(" [BLANK_AUDIO]", Token(" [", 0, 1, 0.9f), Token("BLANK_AUDIO", 0, 1, 0.9f), Token("]", 0, 1, 0.9f));
        var music = Segment(" (music)", Token(" (", 1, 2, 0.9f), Token("music", 1, 2, 0.9f), Token(")", 1, 2, 0.9f));
        var dash = Segment(" - Don't!", Token(" -", 2, 2.1, 0.9f), Token(" Don", 2.1, 2.3, 0.9f), Token("'t", 2.3, 2.5, 0.7f), Token("!", 2.5, 2.5, 0.2f), Special(2.5));

        var words = WordTimings.FromSegments([blank, music, dash]);

        Assert.Equal(["don't"], words.Select(w => w.Word));
        Assert.Equal(0.8, words[0].Confidence, 6);
    }

    [Fact]
    public void FromSegments_EndsAWordAtASegmentBoundary()
    {
        var words = WordTimings.FromSegments([Segment(" ask", Token(" ask", 0, 1, 1f)), Segment("not", Token("not", 1, 2, 1f))]);

        Assert.Equal(["ask", "not"], words.Select(w => w.Word));
    }

    private static WhisperSegment Segment(string text, params WhisperToken[] tokens) =>
        new(tokens.Length > 0 ? tokens[0].StartSeconds : 0, tokens.Length > 0 ? tokens[^1].EndSeconds : 0, text, 0f, tokens);

    private static WhisperToken Token(string text, double start, double end, float p) =>
        new(100, Encoding.UTF8.GetBytes(text), start, end, p, false);

    private static WhisperToken Special(double at) => new(Eot + 1, Encoding.UTF8.GetBytes("[_TT_]"), at, at, 1f, true);
}

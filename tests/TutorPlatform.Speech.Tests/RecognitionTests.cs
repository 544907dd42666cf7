using Microsoft.Extensions.Options;
using TutorPlatform.Core.Speech;
using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech.Tests;

public sealed class RecognitionTests(SpeechFixture speech)
{
    // Measured with these clips and the default options (pocketsphinx 0.8+5prealpha, Debian en-us model):
    // LJSpeech 41-44: 22 errors over 64 words (0.344); AN4 every 15th clip: 15 over 52 (0.288). The bounds allow
    // about four words more, so a real regression fails while a different CPU's rounding does not.
    private const double LjSpeechFreeWerBound = 0.344 + 0.06;
    private const double An4SpellingWerBound = 0.288 + 0.07;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recognize_LjSpeechClips_WordErrorRateUnderMeasuredBound()
    {
        var rows = SpeechFixture.Manifest("ljspeech").Skip(40).Take(4).ToList();

        var (wer, results) = await RecognizeAsync("ljspeech", rows, RecognitionOptions.Free, "reference_normalized");

        Assert.True(wer.Rate <= LjSpeechFreeWerBound, $"WER {wer.Rate:0.000} over {wer.ReferenceWords} words; bound {LjSpeechFreeWerBound}");
        foreach (var result in results)
        {
            AssertWordsAreTimed(result);
        }
    }

    [Fact]
    public async Task Recognize_An4WithSpellingGrammar_WordErrorRateUnderMeasuredBound()
    {
        var rows = SpeechFixture.Manifest("an4").Where((_, i) => i % 15 == 0).ToList(); // 10 clips across speakers

        var (wer, _) = await RecognizeAsync("an4", rows, RecognitionOptions.Spelling, "reference");

        Assert.True(wer.Rate <= An4SpellingWerBound, $"WER {wer.Rate:0.000} over {wer.ReferenceWords} words; bound {An4SpellingWerBound}");
    }

    [Fact]
    public async Task Recognize_ExpectedText_BiasesTowardsTheText()
    {
        var rows = SpeechFixture.Manifest("ljspeech").Skip(44).Take(2).ToList();
        var free = WordErrorRate.Zero;
        var expected = WordErrorRate.Zero;
        foreach (var row in rows)
        {
            var audio = await speech.LoadAsync("ljspeech", row);
            var reference = row["reference_normalized"];
            free += WordErrorRate.Compute(reference, (await speech.Recognizer.RecognizeAsync(audio, RecognitionOptions.Free, Ct)).Text);
            expected += WordErrorRate.Compute(reference, (await speech.Recognizer.RecognizeAsync(audio, RecognitionOptions.Expecting(reference), Ct)).Text);
        }

        Assert.True(expected.Rate < free.Rate, $"biased WER {expected.Rate:0.000} should be below free WER {free.Rate:0.000}");
        Assert.True(expected.Rate <= 0.10, $"biased WER {expected.Rate:0.000}");
    }

    [Fact]
    public async Task Recognize_WithGrammar_OnlyGivesGrammarSentences()
    {
        var row = SpeechFixture.Manifest("an4").First(r => r["reference"] == "<s> YES </s>");
        var audio = await speech.LoadAsync("an4", row);

        var result = await speech.Recognizer.RecognizeAsync(audio, new RecognitionOptions(RecognitionMode.Grammar, Grammar: "#JSGF V1.0;\ngrammar answer;\npublic <answer> = yes | no | stop;\n"), Ct);

        Assert.Equal("yes", result.Text);
    }

    [Fact]
    public async Task Recognize_GrammarWithUnknownWord_IsArgumentError()
    {
        var audio = new PcmAudio(new short[16_000]);

        await Assert.ThrowsAsync<ArgumentException>(() => speech.Recognizer.RecognizeAsync(
            audio, new RecognitionOptions(RecognitionMode.Grammar, Grammar: "#JSGF V1.0;\ngrammar g;\npublic <g> = qzxwv;\n"), Ct));
    }

    [Fact]
    public async Task Recognize_Silence_GivesNoWords()
    {
        var result = await speech.Recognizer.RecognizeAsync(new PcmAudio(new short[16_000]), cancellationToken: Ct);

        Assert.Empty(result.Words);
        Assert.Equal("pocketsphinx en-us", result.Recognizer);
    }

    [Fact]
    public async Task Recognize_EmptyAudio_GivesNoWords() =>
        Assert.Empty((await speech.Recognizer.RecognizeAsync(new PcmAudio(Array.Empty<short>()), cancellationToken: Ct)).Words);

    [Fact]
    public async Task Recognize_ConcurrentCalls_GiveTheSameResultAsOneByOne()
    {
        var rows = SpeechFixture.Manifest("an4").Take(4).ToList();
        var audios = await Task.WhenAll(rows.Select(r => speech.LoadAsync("an4", r)));
        var sequential = new List<string>();
        foreach (var audio in audios)
        {
            sequential.Add((await speech.Recognizer.RecognizeAsync(audio, RecognitionOptions.Spelling, Ct)).Text);
        }

        var concurrent = await Task.WhenAll(audios.Select(a => speech.Recognizer.RecognizeAsync(a, RecognitionOptions.Spelling, Ct)));

        Assert.Equal(sequential, concurrent.Select(r => r.Text));
    }

    [Fact]
    public async Task Recognizer_MissingModel_FailsWithClearMessage()
    {
        using var recognizer = new PocketSphinxRecognizer(Options.Create(new SpeechOptions { ModelDirectory = "/nonexistent/model" }));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => recognizer.RecognizeAsync(new PcmAudio(new short[1600]), cancellationToken: Ct));

        Assert.Contains("/nonexistent/model", error.Message);
        Assert.Contains("scripts/deps/speech.sh", error.Message);
    }

    [Fact]
    public async Task Recognizer_UnknownDecoderArgument_FailsWithClearMessage()
    {
        var options = new SpeechOptions();
        options.DecoderArguments["no-such-option"] = "1";
        using var recognizer = new PocketSphinxRecognizer(Options.Create(options));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => recognizer.RecognizeAsync(new PcmAudio(new short[1600]), cancellationToken: Ct));

        Assert.Contains("-no-such-option", error.Message);
    }

    [Fact]
    public async Task Recognizer_WithMllrTransform_LoadsItAndRecognizes()
    {
        // The transform adapted to the LJSpeech reader on clips 41-60 (scripts/speech/adapt-mllr.sh).
        var transform = Path.Combine(SpeechFixture.SolutionRoot, "src", "TutorPlatform.Speech", "Adaptation", "ljspeech-41-60.mllr");
        using var recognizer = new PocketSphinxRecognizer(Options.Create(new SpeechOptions { MaxDecoders = 1, MllrTransform = transform }));
        var row = SpeechFixture.Manifest("ljspeech")[1];

        var result = await recognizer.RecognizeAsync(await speech.LoadAsync("ljspeech", row), cancellationToken: Ct);

        Assert.Contains("MLLR", result.Recognizer);
        Assert.True(WordErrorRate.Compute(row["reference_normalized"], result.Text).Rate <= 0.5, result.Text);
    }

    [Fact]
    public async Task Recognizer_MissingMllrTransform_FailsWithClearMessage()
    {
        using var recognizer = new PocketSphinxRecognizer(Options.Create(new SpeechOptions { MaxDecoders = 1, MllrTransform = "/nonexistent/speaker.mllr" }));

        var error = await Assert.ThrowsAsync<SpeechEngineException>(() => recognizer.RecognizeAsync(new PcmAudio(new short[1600]), cancellationToken: Ct));

        Assert.Contains("/nonexistent/speaker.mllr", error.Message);
    }

    private async Task<(WordErrorRate Wer, RecognitionResult[] Results)> RecognizeAsync(string set, List<Dictionary<string, string>> rows, RecognitionOptions options, string referenceColumn)
    {
        var audios = await Task.WhenAll(rows.Select(r => speech.LoadAsync(set, r)));
        var results = await Task.WhenAll(audios.Select(a => speech.Recognizer.RecognizeAsync(a, options, Ct)));
        var wer = rows.Zip(results).Aggregate(WordErrorRate.Zero, (sum, x) => sum + WordErrorRate.Compute(x.First[referenceColumn], x.Second.Text));
        return (wer, results);
    }

    private static void AssertWordsAreTimed(RecognitionResult result)
    {
        Assert.NotEmpty(result.Words);
        Assert.Equal(result.Text, string.Join(' ', result.Words.Select(w => w.Word)));
        var previousEnd = 0.0;
        foreach (var word in result.Words)
        {
            Assert.True(word.StartSeconds >= previousEnd - 1e-9 && word.EndSeconds > word.StartSeconds, $"{word} after {previousEnd}");
            Assert.InRange(word.EndSeconds, 0, result.AudioSeconds + 0.011);
            Assert.InRange(word.Confidence, 0, 1);
            previousEnd = word.EndSeconds;
        }

        Assert.Contains(result.Words, w => w.Confidence is > 0.5 and < 1);
    }
}

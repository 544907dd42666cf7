using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech.Tests;

public sealed class TextTests
{
    [Fact]
    public void Words_StripsSentenceTagsPunctuationAndCase() =>
        Assert.Equal(["u", "m", "n", "six", "don't", "stop"], TranscriptText.Words("<s> U M N, SIX! \"Don't\" stop. </s>"));

    [Theory]
    [InlineData("In 1850 the town had 2,300 people.", "in eighteen fifty the town had two thousand three hundred people")]
    [InlineData("It was 1905, not 2005 or 2024.", "it was nineteen oh five not two thousand five or twenty twenty four")]
    [InlineData("The 1900s, the 1960s and the 80's", "the nineteen hundreds the nineteen sixties and the eighties")]
    [InlineData("The train leaves at 7:30 or 9:05, not 10:00.", "the train leaves at seven thirty or nine oh five not ten o'clock")]
    [InlineData("the 1st, 2nd, 3rd, 11th, 21st and 40th", "the first second third eleventh twenty first and fortieth")]
    [InlineData("It costs $5, $1 or £3.20 and 3.5 kg.", "it costs five dollars one dollar or three pounds twenty pence and three point five kg")]
    [InlineData("About 20% or 12.5% of 115 people", "about twenty percent or twelve point five percent of one hundred fifteen people")]
    [InlineData("Room 007 and a 10-year-old MP3", "room zero zero seven and a ten year old mp three")]
    [InlineData("1,000,000 or 1001 or 12345", "one million or one thousand one or twelve thousand three hundred forty five")]
    public void Words_SpellsNumbersAsTheyAreRead(string text, string spoken) =>
        Assert.Equal(spoken, TranscriptText.Normalize(text));

    [Fact]
    public void Words_OfLjSpeechRawText_MatchTheHandNormalisedText()
    {
        var rows = SpeechFixture.Manifest("ljspeech").Where(r => r["reference_raw"].Any(char.IsAsciiDigit)).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(TranscriptText.Normalize(r["reference_normalized"]), TranscriptText.Normalize(r["reference_raw"])));
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(13, "thirteen")]
    [InlineData(90, "ninety")]
    [InlineData(101, "one hundred one")]
    [InlineData(2_000_019, "two million nineteen")]
    public void Cardinal_SpellsWholeNumbers(long value, string words) => Assert.Equal(words, SpokenNumbers.Cardinal(value));

    [Theory]
    [InlineData("the cat sat", "the cat sat", 0, 0, 0)]
    [InlineData("the cat sat", "the bat sat", 1, 0, 0)]
    [InlineData("the cat sat", "the sat", 0, 1, 0)]
    [InlineData("the cat sat", "the cat sat down", 0, 0, 1)]
    [InlineData("<s> YES </s>", "yes.", 0, 0, 0)]
    public void WordErrorRate_CountsEditsAfterNormalisation(string reference, string hypothesis, int s, int d, int i)
    {
        var wer = WordErrorRate.Compute(reference, hypothesis);

        Assert.Equal((s, d, i), (wer.Substitutions, wer.Deletions, wer.Insertions));
        Assert.Equal((s + d + i) / (double)TranscriptText.Words(reference).Count, wer.Rate, 1e-9);
    }

    [Fact]
    public void WordErrorRate_Sums_PoolOverUtterances()
    {
        var total = WordErrorRate.Compute("a b c d", "a b c d") + WordErrorRate.Compute("e f", "e g");

        Assert.Equal(1.0 / 6, total.Rate, 1e-9);
    }

    [Fact]
    public void ArpaLanguageModel_ConditionalProbabilitiesSumToOne()
    {
        string[][] sentences = [["the", "cat", "sat"], ["the", "dog", "sat", "down"], ["a", "cat", "ran"]];
        var arpa = ArpaLanguageModel.Build(sentences);
        var model = ParseArpa(arpa);
        var vocabulary = model[0].Keys.Where(w => w != "<s>").ToList();

        // P(w | "the") over the vocabulary, backing off to unigrams where the bigram was never seen.
        var sum = vocabulary.Sum(w => model[1].TryGetValue("the " + w, out var p) ? p.Prob : model[0]["the"].Backoff * model[0][w].Prob);

        Assert.Equal(1.0, sum, 1e-4);
        Assert.Contains("ngram 3=", arpa);
    }

    private static List<Dictionary<string, (double Prob, double Backoff)>> ParseArpa(string arpa)
    {
        var orders = new List<Dictionary<string, (double, double)>>();
        foreach (var line in arpa.Split('\n'))
        {
            if (line.EndsWith("-grams:", StringComparison.Ordinal))
            {
                orders.Add([]);
                continue;
            }

            var fields = line.Split('\t');
            if (orders.Count > 0 && fields.Length >= 2)
            {
                var backoff = fields.Length > 2 ? Math.Pow(10, double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture)) : 1;
                orders[^1][fields[1]] = (Math.Pow(10, double.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture)), backoff);
            }
        }

        return orders;
    }
}

using TutorPlatform.Speech.Text;

namespace TutorPlatform.Speech.Tests;

public sealed class TextTests
{
    [Fact]
    public void Words_StripsSentenceTagsPunctuationAndCase() =>
        Assert.Equal(["u", "m", "n", "six", "don't", "stop"], TranscriptText.Words("<s> U M N, SIX! \"Don't\" stop. </s>"));

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

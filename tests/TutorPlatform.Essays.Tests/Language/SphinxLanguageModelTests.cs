using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Tests.Language;

// Needs Debian's pocketsphinx-en-us and libsphinxbase3 (scripts/deps/language.sh, run by scripts/test.sh).
public sealed class SphinxLanguageModelTests
{
    private static readonly SphinxLanguageModel Model = SphinxLanguageModel.OpenShared()
        ?? throw new InvalidOperationException($"{SphinxLanguageModel.DefaultPath} could not be opened: run scripts/deps/language.sh.");

    private double SentenceLogProbability(string sentence)
    {
        var history = new List<int> { Model.SentenceStart };
        var total = 0.0;
        foreach (var word in sentence.Split(' ').Append("</s>"))
        {
            var id = word == "</s>" ? Model.SentenceEnd : Model.WordId(word);
            Assert.True(id >= 0, $"'{word}' is not in the model");
            total += Model.LogProbability(id, [.. Enumerable.Reverse(history).Take(2)], out _);
            history.Add(id);
        }

        return total;
    }

    [Fact]
    public void Native_word_order_and_agreement_are_more_probable_than_learner_errors()
    {
        Assert.True(SentenceLogProbability("i think that he is right") > SentenceLogProbability("i thinks that he are right") + 2);
        Assert.True(SentenceLogProbability("she has a lot of friends") > SentenceLogProbability("she have a lot of friend") + 2);
        Assert.True(SentenceLogProbability("students should do their homework") > SentenceLogProbability("homework their do should students") + 5);
    }

    [Fact]
    public void Probabilities_are_natural_logs_that_back_off_to_the_word_alone()
    {
        var the = Model.WordId("the");
        var of = Model.WordId("of");

        var unigram = Model.LogProbability(the, [], out var unigramOrder);
        var bigram = Model.LogProbability(the, [of], out var bigramOrder);

        Assert.Equal(1, unigramOrder);
        Assert.Equal(2, bigramOrder);
        Assert.InRange(unigram, -6, -1);
        Assert.True(bigram > unigram, $"p(the | of) {bigram:F2} vs p(the) {unigram:F2}");
    }

    [Fact]
    public void Unknown_words_have_no_id_and_cannot_be_scored()
    {
        Assert.Equal(-1, Model.WordId("xqzvbnrt"));
        Assert.Equal(-1, Model.WordId(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.LogProbability(-1, [], out _));
    }

    [Fact]
    public void A_missing_or_foreign_file_gives_no_model_and_a_reason()
    {
        Assert.Null(SphinxLanguageModel.TryOpen("/nonexistent/en-us.lm.bin", out var missing));
        Assert.Contains("does not exist", missing, StringComparison.Ordinal);

        var junk = Path.GetTempFileName();
        try
        {
            File.WriteAllText(junk, "not a language model");
            Assert.Null(SphinxLanguageModel.TryOpen(junk, out var foreign));
            Assert.NotNull(foreign);
        }
        finally
        {
            File.Delete(junk);
        }
    }

    [Fact]
    public void Scoring_from_many_threads_gives_the_single_threaded_answers()
    {
        string[] sentences = ["i think that he is right", "she has a lot of friends", "students should do their homework"];
        var expected = sentences.Select(SentenceLogProbability).ToArray();
        var results = new double[48];

        Parallel.For(0, results.Length, i => results[i] = SentenceLogProbability(sentences[i % 3]));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % 3], results[i]));
    }
}

using TutorPlatform.Essays.Checking.Evaluation;

namespace TutorPlatform.Essays.Tests.Checking;

// GLEU and M2 edit scoring on cases small enough to compute by hand.
public sealed class MetricsTests
{
    [Fact]
    public void Gleu_PartialCorrection_MatchesHandComputation()
    {
        // p1 = 5/6, p2 = 3/5, p3 = 2/4, p4 = 1/3, equal lengths: GLEU = (5/6 · 3/5 · 1/2 · 1/3)^(1/4).
        var score = Gleu.SentenceScore("the cat sat on mat", "the cat sat on a mat", "the cat sat on the mat");

        Assert.Equal(Math.Pow(5.0 / 6 * 3 / 5 * 1 / 2 * 1 / 3, 0.25), score, 9);
    }

    [Fact]
    public void Gleu_KeepingWhatTheReferenceChanged_IsPenalised()
    {
        // Unigrams: 3 match the reference, minus "go" which the reference replaced: 2 of 4.
        // Bigrams: "to school" matches, minus "he go" and "go to": max(1 - 2, 0) = 0.
        var stats = Gleu.SentenceStats(["he", "go", "to", "school"], ["he", "goes", "to", "school"], ["he", "go", "to", "school"]);

        Assert.Equal([4L, 4L, 2L, 4L, 0L, 3L, 0L, 2L, 0L, 1L], stats);
        Assert.Equal(1.0, Gleu.SentenceScore("he go to school", "he goes to school", "he goes to school"), 9);
    }

    [Fact]
    public void Gleu_ShortHypothesis_GetsTheBrevityPenalty()
    {
        var stats = Gleu.SentenceStats(["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e", "f"], ["a", "b", "c", "d", "e"]);

        // All n-grams of the hypothesis are in the reference; c = 5, r = 6: exp(1 - 6/5).
        Assert.Equal(Math.Exp(1 - 6.0 / 5), Gleu.FromStats(stats), 9);
    }

    [Fact]
    public void Gleu_Corpus_WithIdenticalReferences_EqualsOneDraw()
    {
        string[] sources = ["the cat sat on mat", "he go to school"];
        string[] hypotheses = ["the cat sat on the mat", "he goes to school"];
        string[] references = ["the cat sat on a mat", "he goes to school"];

        var (mean, sd) = Gleu.Score(sources, [references, references], hypotheses);

        var stats = Gleu.SentenceStats(sources[0].Split(' '), references[0].Split(' '), hypotheses[0].Split(' '))
            .Zip(Gleu.SentenceStats(sources[1].Split(' '), references[1].Split(' '), hypotheses[1].Split(' ')), (a, b) => a + b).ToArray();
        Assert.Equal(Gleu.FromStats(stats), mean, 9);
        Assert.Equal(0, sd, 9);
    }

    [Fact]
    public void M2_ExtractEdits_SubstitutionInsertionDeletion()
    {
        Assert.Equal([new M2Edit(1, 2, "x")], M2Scorer.ExtractEdits(["a", "b", "c"], ["a", "x", "c"]));
        Assert.Equal([new M2Edit(1, 1, "the")], M2Scorer.ExtractEdits(["a", "b"], ["a", "the", "b"]));
        Assert.Equal([new M2Edit(1, 2, "")], M2Scorer.ExtractEdits(["a", "the", "b"], ["a", "b"]));
        Assert.Equal([new M2Edit(0, 1, "X"), new M2Edit(3, 3, ".")], M2Scorer.ExtractEdits(["x", "b", "c"], ["X", "b", "c", "."]));
        Assert.Empty(M2Scorer.ExtractEdits(["a", "b"], ["a", "b"]));
    }

    [Fact]
    public void M2_Score_CountsExactMatchesAgainstTheBestAnnotator()
    {
        string[] m2 =
        [
            "S He go to school in a bus .",
            "A 1 2|||SVA|||goes|||REQUIRED|||-NONE-|||0",
            "A 5 6|||ArtOrDet|||the|||REQUIRED|||-NONE-|||0",
            "A 4 5|||Prep|||by|||REQUIRED|||-NONE-|||1",
            "A 1 2|||SVA|||goes|||REQUIRED|||-NONE-|||1",
            "",
            "S It is fine .",
            "A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0",
            "",
        ];
        var gold = M2Scorer.Parse(m2);

        // Sentence 1: "goes" matches both annotators, "by" only annotator 1 → annotator 1: 2 of 2 gold.
        // Sentence 2: one proposed edit, no gold edits.
        var scores = M2Scorer.Score(gold, ["He goes to school by a bus .", "It is fine !"]);

        Assert.Equal(2, gold.Count);
        Assert.Equal(new EditScores(2, 3, 2), scores);
        Assert.Equal(2.0 / 3, scores.Precision, 9);
        Assert.Equal(1.0, scores.Recall, 9);
        Assert.Equal(1.25 * (2.0 / 3) / (0.25 * (2.0 / 3) + 1), scores.F05, 9);
    }
}

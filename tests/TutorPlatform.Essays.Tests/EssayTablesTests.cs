using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests;

public sealed class EssayTablesTests
{
    [Fact]
    public void Csv_fields_may_hold_commas_quotes_and_line_breaks()
    {
        const string csv = "text_id,full_text\nA1,\"First line, with a comma.\n\nSecond \"\"quoted\"\" paragraph.\"\nB2,Plain essay text\n";
        var problems = new List<TableProblem>();

        var essays = EssayTables.ReadEll(new StringReader(csv), withScores: false, problems);

        Assert.Empty(problems);
        Assert.Equal(["A1", "B2"], essays.Select(e => e.Id));
        Assert.Equal("First line, with a comma.\n\nSecond \"quoted\" paragraph.", essays[0].Text);
        Assert.Equal(5, essays[1].Line);
    }

    [Fact]
    public void Bad_csv_rows_are_reported_by_their_line_and_skipped()
    {
        const string csv = "text_id,full_text\nok1,Fine essay.\nbad1,too,many,fields\n,No id here\nbad3,\"   \"\nok2,\"Also\nfine.\"\n";
        var problems = new List<TableProblem>();

        var essays = EssayTables.ReadEll(new StringReader(csv), withScores: false, problems);

        Assert.Equal(["ok1", "ok2"], essays.Select(e => e.Id));
        Assert.Equal([3, 4, 5], problems.Select(p => p.Line));
    }

    [Fact]
    public void Scores_outside_the_rubric_are_bad_rows()
    {
        const string csv = "text_id,full_text,cohesion,syntax,vocabulary,phraseology,grammar,conventions\n" +
            "a,Essay one.,3,3.5,4,2.5,3,3\nb,Essay two.,3,3,9,3,3,3\nc,Essay three.,x,3,3,3,3,3\n";
        var problems = new List<TableProblem>();

        var essays = EssayTables.ReadEll(new StringReader(csv), withScores: true, problems);

        Assert.Equal(["a"], essays.Select(e => e.Id));
        Assert.Equal([2.5], essays[0].Scores!.Skip(3).Take(1));
        Assert.Equal([3, 4], problems.Select(p => p.Line));
    }

    [Fact]
    public void Missing_columns_are_reported_on_the_header_line()
    {
        var problems = new List<TableProblem>();

        var essays = EssayTables.ReadEll(new StringReader("id,text\n1,Essay.\n"), withScores: false, problems);

        Assert.Empty(essays);
        Assert.Equal(1, Assert.Single(problems).Line);
        Assert.Contains("text_id", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tsv_reads_asap_rows_and_rejects_unknown_prompts()
    {
        const string tsv = "essay_id\tessay_set\tessay\n1\t1\tDear @CAPS1, computers help \"us\" learn.\n2\t9\tWrong prompt.\n3\tx\tNo prompt.\n" +
            "4\t8\t\"Quoted, with a \"\"quote\"\" and a\nline break.\"\n5\t3\n";
        var problems = new List<TableProblem>();

        var essays = EssayTables.ReadAsap(new StringReader(tsv), withScores: false, problems);

        Assert.Equal(["1", "4"], essays.Select(e => e.Id));
        Assert.Equal("Dear @CAPS1, computers help \"us\" learn.", essays[0].Text);
        Assert.Equal("Quoted, with a \"quote\" and a\nline break.", essays[1].Text);
        Assert.Equal([3, 4, 7], problems.Select(p => p.Line));
    }

    [Fact]
    public void Asap_scores_must_be_on_the_prompt_scale()
    {
        const string tsv = "essay_id\tessay_set\tessay\tdomain1_score\n1\t3\tText.\t3\n2\t3\tText.\t4\n3\t8\tText.\t60\n";
        var problems = new List<TableProblem>();

        var essays = EssayTables.ReadAsap(new StringReader(tsv), withScores: true, problems);

        Assert.Equal([3, 60], essays.Select(e => e.Score!.Value));
        Assert.Equal(3, Assert.Single(problems).Line);
    }

    [Fact]
    public void Quote_protects_delimiters_quotes_and_line_breaks()
    {
        Assert.Equal("plain", EssayTables.Quote("plain", ','));
        Assert.Equal("\"a,b\"", EssayTables.Quote("a,b", ','));
        Assert.Equal("\"say \"\"hi\"\"\"", EssayTables.Quote("say \"hi\"", '\t'));
    }
}

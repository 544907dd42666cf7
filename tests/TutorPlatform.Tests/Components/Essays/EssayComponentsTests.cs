using Bunit;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Essays;
using TutorPlatform.Web.Components.Essays;

namespace TutorPlatform.Tests.Components.Essays;

public sealed class EssayScoresTableTests : MudComponentTest
{
    [Fact]
    public void Render_FirstVersion_ShowsSixTraitsWithBandsAndDescriptorsButNoChange()
    {
        var cut = Render<EssayScoresTable>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5))));

        Assert.Equal(["3.0", "2.5", "3.5", "3.0", "2.0", "4.5"], cut.FindAll("[data-testid=trait-score]").Select(e => e.TextContent));
        Assert.Equal("A2", cut.Find("[data-testid=trait-grammar] [data-testid=cefr-band]").TextContent);
        Assert.Equal("C2", cut.Find("[data-testid=trait-conventions] [data-testid=cefr-band]").TextContent);
        Assert.Contains("Agreement, tense, articles", cut.Find("[data-testid=trait-grammar]").TextContent);
        Assert.Equal("3.1", cut.Find("[data-testid=overall-score]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=trait-change]"));
    }

    [Fact]
    public void Render_Revision_ShowsTheChangeOfEachTraitSinceThePreviousVersion()
    {
        var cut = Render<EssayScoresTable>(p => p
            .Add(x => x.Version, EssayViews.Version(2, new(3.5, 2.5, 3.0, 3.0, 2.0, 4.5)))
            .Add(x => x.Previous, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5))));

        Assert.Equal(["+0.5", "±0", "−0.5", "±0", "±0", "±0"], cut.FindAll("[data-testid=trait-change]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Since v1", cut.Markup);
        Assert.Equal("±0", cut.Find("[data-testid=overall-change]").TextContent.Trim());
    }

    [Fact]
    public void Render_TeacherOverride_ShowsTheTeacherScoreAndComment()
    {
        var version = EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5)) with
        {
            TeacherScores = [new TeacherTraitScore(EssayTrait.Grammar, 3.5, "Much better agreement.")],
            ReleasedAt = Now,
        };

        var cut = Render<EssayScoresTable>(p => p.Add(x => x.Version, version));

        var grammar = cut.Find("[data-testid=trait-grammar] [data-testid=teacher-score]").TextContent;
        Assert.Contains("3.5", grammar);
        Assert.Contains("Much better agreement.", grammar);
        Assert.Equal("—", cut.Find("[data-testid=trait-cohesion] [data-testid=teacher-score]").TextContent.Trim());
    }

    [Fact]
    public void Render_NoScores_SaysTheModelCouldNotScoreIt()
    {
        var cut = Render<EssayScoresTable>(p => p.Add(x => x.Version, EssayViews.Version(1, null)));

        Assert.Contains("could not score", cut.Find("[data-testid=scores-missing]").TextContent);
    }
}

public sealed class EssayCorrectionsTests : MudComponentTest
{
    private const string Text = "I agree becuase teenagers needs sleep and it is very good.";

    private static readonly EssayIssue Spelling = new(8, 7, EssayIssueCategory.Spelling, "SPELLING", "Possible spelling mistake.", ["because", "becalm"]);
    private static readonly EssayIssue Agreement = new(26, 5, EssayIssueCategory.Grammar, "AGREEMENT", "Use \"need\" with a plural subject.", ["need"]);
    private static readonly EssayIssue Upgrade = new(48, 9, EssayIssueCategory.Vocabulary, "UPGRADE", "A more precise word.", ["beneficial"]);

    [Fact]
    public void Render_Issues_HighlightsEachSpanAndKeepsTheTextIntact()
    {
        var cut = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling, Agreement, Upgrade }));

        Assert.Equal(Text, cut.Find("[data-testid=marked-text]").TextContent);
        Assert.Equal(["becuase", "needs", "very good"], cut.FindAll("[data-testid=issue-mark]").Select(m => m.TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=issue-list] [data-testid=issue-item]").Count);
        Assert.Contains("beneficial", cut.Find("[data-testid=vocabulary-list]").TextContent);
        Assert.Contains("Possible spelling mistake.", cut.Find("[data-testid=issue-item]").TextContent);
        Assert.Contains("becalm", cut.Find("[data-testid=issue-item]").TextContent);
    }

    [Fact]
    public void Fix_Clicked_RaisesOnFixWithTheIssue()
    {
        EssayIssue? fixedIssue = null;
        var cut = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling }).Add(x => x.FixEnabled, true)
            .Add(x => x.OnFix, issue => fixedIssue = issue));

        cut.Find("[data-testid=fix-issue]").Click();

        Assert.Equal(Spelling, fixedIssue);
    }

    [Fact]
    public void Render_FixedOrDisabled_ShowsNoFixButton()
    {
        var cut = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling, Agreement }).Add(x => x.FixEnabled, true)
            .Add(x => x.Fixed, new HashSet<EssayIssue> { Spelling }));

        Assert.Single(cut.FindAll("[data-testid=issue-fixed]"));
        Assert.Single(cut.FindAll("[data-testid=fix-issue]"));

        var readOnly = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling }));
        Assert.Empty(readOnly.FindAll("[data-testid=fix-issue]"));
    }

    [Fact]
    public void Render_SameWordFlaggedTwice_ShowsWhereEachOneIs()
    {
        const string text = "It was good. The food was good too.\nA fine day.";
        var first = new EssayIssue(7, 4, EssayIssueCategory.Vocabulary, "UPGRADE", "\"good\" is used 2 times.", ["beneficial"]);
        var second = new EssayIssue(26, 4, EssayIssueCategory.Vocabulary, "UPGRADE", "\"good\" is used 2 times.", ["beneficial"]);

        var cut = Render<EssayCorrections>(p => p.Add(x => x.Text, text).Add(x => x.Issues, new[] { first, second, Spelling with { Start = 43, Length = 3 } }));

        Assert.Equal(["…It was good. The food…", "…The food was good too.…"], cut.FindAll("[data-testid=issue-context]").Select(c => c.TextContent));
        Assert.Equal(["good", "good"], cut.FindAll("[data-testid=issue-context] mark").Select(m => m.TextContent));
    }

    [Fact]
    public void Render_WordFlaggedOnce_ShowsNoContext()
    {
        var cut = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling, Agreement, Upgrade }));

        Assert.Empty(cut.FindAll("[data-testid=issue-context]"));
    }

    [Fact]
    public void Render_FixHint_ShownToStudentsOnly()
    {
        var student = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling }));
        var teacher = Render<EssayCorrections>(p => p.Add(x => x.Text, Text).Add(x => x.Issues, new[] { Spelling }).Add(x => x.ShowFixHint, false));

        Assert.Contains("One-click fixes work on your latest version", student.Markup);
        Assert.DoesNotContain("One-click fixes", teacher.Markup);
    }

    [Fact]
    public void Render_NoIssues_Congratulates()
    {
        var cut = Render<EssayCorrections>(p => p.Add(x => x.Text, "All good.").Add(x => x.Issues, Array.Empty<EssayIssue>()));

        Assert.Contains("No spelling or grammar problems", cut.Find("[data-testid=no-issues]").TextContent);
    }
}

public sealed class EssayFeedbackViewTests : MudComponentTest
{
    [Fact]
    public void Render_Unavailable_SaysWrittenFeedbackIsUnavailable()
    {
        var cut = Render<EssayFeedbackView>(p => p.Add(x => x.Status, EssayFeedbackStatus.Unavailable));

        Assert.Contains("Written feedback is unavailable", cut.Find("[data-testid=feedback-unavailable]").TextContent);
    }

    [Fact]
    public void Render_UnavailableForTheTeacher_SpeaksAboutTheStudentNotToThem()
    {
        var student = Render<EssayFeedbackView>(p => p.Add(x => x.Status, EssayFeedbackStatus.Unavailable));
        var teacher = Render<EssayFeedbackView>(p => p.Add(x => x.Status, EssayFeedbackStatus.Unavailable).Add(x => x.ForTeacher, true));

        Assert.Contains("Your scores and corrections above are complete", student.Find("[data-testid=feedback-unavailable]").TextContent);
        var said = teacher.Find("[data-testid=feedback-unavailable]").TextContent;
        Assert.Contains("The student still gets the scores and corrections", said);
        Assert.DoesNotContain("Your scores", said);
    }

    [Fact]
    public void Render_Failed_ShowsTheErrorAndRetries()
    {
        var retried = false;
        var cut = Render<EssayFeedbackView>(p => p.Add(x => x.Status, EssayFeedbackStatus.Failed).Add(x => x.Error, "No answer within 120 s.")
            .Add(x => x.OnRetry, () => retried = true));

        Assert.Contains("No answer within 120 s.", cut.Find("[data-testid=feedback-failed]").TextContent);
        cut.Find("[data-testid=feedback-retry]").Click();
        Assert.True(retried);
    }

    [Fact]
    public void Render_FeedbackWithCorrectedParagraph_ShowsTraitsAndTheDiff()
    {
        const string feedback = "### Grammar\nGood: \"I agree\" is correct.\nNext step: write \"because\".\n\n### Corrected paragraph\nI agree because teenagers need sleep.";

        var cut = Render<EssayFeedbackView>(p => p.Add(x => x.Status, EssayFeedbackStatus.Ready).Add(x => x.Feedback, feedback)
            .Add(x => x.OriginalParagraph, "I agree becuase teenagers need sleep."));

        Assert.Equal("Grammar", cut.Find(".feedback-trait").TextContent);
        Assert.Contains("Next step:", cut.Find("[data-testid=feedback-text]").TextContent);
        Assert.Equal("becuase", cut.Find("[data-testid=paragraph-diff] del").TextContent.Trim());
        Assert.Equal("because", cut.Find("[data-testid=paragraph-diff] ins").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=feedback-streaming]"));
    }

    [Fact]
    public void Render_Streaming_ShowsThePartialTextWithAProgressBar()
    {
        var cut = Render<EssayFeedbackView>(p => p.Add(x => x.Status, EssayFeedbackStatus.Pending).Add(x => x.Feedback, "### Cohesion\nGood: your").Add(x => x.Streaming, true));

        Assert.Contains("Good: your", cut.Find("[data-testid=feedback-text]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=feedback-streaming]"));
    }
}

public sealed class EssayReviewFormTests : MudComponentTest
{
    [Fact]
    public void Save_WithOneOverride_SendsOnlyThatTraitAndTheComment()
    {
        (EssayReviewInput Review, bool Release)? saved = null;
        var cut = Render<EssayReviewForm>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5)))
            .Add(x => x.OnSave, s => saved = s));

        cut.Find("[data-testid=override-grammar] input[data-testid=override-score], [data-testid=override-grammar] [data-testid=override-score] input").Change("3.5");
        cut.Find("[data-testid=override-grammar] textarea[data-testid=override-comment], [data-testid=override-grammar] [data-testid=override-comment] textarea").Change("Agreement is fine now.");
        cut.Find("[data-testid=save-and-release]").Click();

        Assert.NotNull(saved);
        Assert.True(saved.Value.Release);
        var score = Assert.Single(saved.Value.Review.Scores);
        Assert.Equal(new TeacherTraitScore(EssayTrait.Grammar, 3.5, "Agreement is fine now."), score);
    }
}

public sealed class EssayReviewFormRangeTests : MudComponentTest
{
    [Fact]
    public void Save_ScoreOutOfRange_IsRefusedWithTheTypedValue_NotQuietlyClampedTo5()
    {
        var saves = new List<EssayReviewInput>();
        var cut = Render<EssayReviewForm>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5)))
            .Add(x => x.OnSave, s => saves.Add(s.Review)));
        var score = "[data-testid=override-grammar] input[data-testid=override-score], [data-testid=override-grammar] [data-testid=override-score] input";

        cut.Find(score).Change("7");
        cut.Find("[data-testid=save-review]").Click();

        Assert.Empty(saves);
        Assert.Equal("A Grammar score must be between 1 and 5 (you typed 7).", cut.Find("[data-testid=review-error]").TextContent.Trim());
        cut.Find(score).Change("4");
        Assert.Empty(cut.FindAll("[data-testid=review-error]"));
        cut.Find("[data-testid=save-review]").Click();
        Assert.Equal(4, Assert.Single(Assert.Single(saves).Scores).Score);
    }
}

public sealed class EssayReviewFormCommentTests : MudComponentTest
{
    [Fact]
    public void TraitComment_IsATextArea_AndKeepsTheTeachersLineBreaks()
    {
        (EssayReviewInput Review, bool Release)? saved = null;
        var cut = Render<EssayReviewForm>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5)))
            .Add(x => x.OnSave, s => saved = s));

        Assert.Empty(cut.FindAll("[data-testid=override-cohesion] input[data-testid=override-comment], [data-testid=override-cohesion] [data-testid=override-comment] input"));
        var comment = cut.Find("[data-testid=override-cohesion] textarea[data-testid=override-comment], [data-testid=override-cohesion] [data-testid=override-comment] textarea");
        cut.Find("[data-testid=override-cohesion] input[data-testid=override-score], [data-testid=override-cohesion] [data-testid=override-score] input").Change("3.5");
        comment.Change("Good links between paragraphs.\nNext: use \"however\" for contrast.");
        cut.Find("[data-testid=save-and-release]").Click();

        Assert.NotNull(saved);
        Assert.Equal("Good links between paragraphs.\nNext: use \"however\" for contrast.", Assert.Single(saved.Value.Review.Scores).Comment);
    }
}

public sealed class TeacherScoredTraitTests : MudComponentTest
{
    private static readonly List<RubricTrait> Rubric =
        [.. Rubrics.DefaultAnalytic(), new RubricTrait { Key = "use_of_sources", Name = "Use of sources", Description = "Quotes and names its sources.", Min = 0, Max = 10 }];

    [Fact]
    public void ReviewForm_AddedTrait_IsScoredByTheTeacher_AndRequiredBeforeRelease()
    {
        (EssayReviewInput Review, bool Release)? saved = null;
        var cut = Render<EssayReviewForm>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5)))
            .Add(x => x.Rubric, Rubric)
            .Add(x => x.OnSave, s => saved = s));
        var row = "[data-testid=override-rubric-use_of_sources]";
        Assert.Contains("Scored by you", cut.Find($"{row} [data-testid=teacher-scored]").TextContent);

        cut.Find("[data-testid=save-and-release]").Click();
        Assert.Null(saved);
        Assert.Contains("Score Use of sources before releasing", cut.Find("[data-testid=review-error]").TextContent);

        cut.Find($"{row} input[data-testid=override-score], {row} [data-testid=override-score] input").Change("8");
        cut.Find($"{row} textarea[data-testid=override-comment], {row} [data-testid=override-comment] textarea").Change("Two sources.\nQuote one.");
        cut.Find("[data-testid=save-and-release]").Click();
        Assert.NotNull(saved);
        Assert.Empty(saved.Value.Review.Scores); // the six AI scores are kept
        Assert.Equal(new TeacherRubricScore("use_of_sources", 8, "Two sources.\nQuote one."), Assert.Single(saved.Value.Review.RubricScores));
    }

    [Fact]
    public void ReviewForm_ValidationMessage_GoesAsSoonAsTheTeacherFixesTheField()
    {
        var saves = 0;
        var cut = Render<EssayReviewForm>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5)))
            .Add(x => x.Rubric, Rubric)
            .Add(x => x.OnSave, _ => saves++));
        var row = "[data-testid=override-rubric-use_of_sources]";

        cut.Find("[data-testid=save-and-release]").Click();
        Assert.Contains("Score Use of sources before releasing", cut.Find("[data-testid=review-error]").TextContent);

        cut.Find($"{row} input[data-testid=override-score], {row} [data-testid=override-score] input").Change("7");

        Assert.Empty(cut.FindAll("[data-testid=review-error]"));
        Assert.Equal(0, saves); // fixing the field does not save on its own
    }

    [Fact]
    public void ScoresTable_AddedTrait_ShowsTheTeachersReleasedScoreAndComment_OrThatTheTeacherScoresIt()
    {
        var unreleased = EssayViews.Version(1, new(3.0, 2.5, 3.5, 3.0, 2.0, 4.5));
        var pending = Render<EssayScoresTable>(p => p.Add(x => x.Version, unreleased).Add(x => x.Rubric, Rubric));
        Assert.Contains("Scored by your teacher", pending.Find("[data-testid=rubric-trait-use_of_sources]").TextContent);
        Assert.Equal("—", pending.Find("[data-testid=rubric-trait-use_of_sources] [data-testid=rubric-score-pending]").TextContent);

        var released = unreleased with { ReleasedAt = Now, RubricScores = [new TeacherRubricScore("use_of_sources", 8, "Two sources.\nQuote one.")] };
        var cut = Render<EssayScoresTable>(p => p.Add(x => x.Version, released).Add(x => x.Rubric, Rubric));
        var row = cut.Find("[data-testid=rubric-trait-use_of_sources]");
        Assert.Equal("8.0", row.QuerySelector("[data-testid=rubric-score]")!.TextContent);
        Assert.Contains("of 10", row.TextContent);
        Assert.Equal("Two sources.\nQuote one.", row.QuerySelector("[data-testid=teacher-score] .teacher-comment")!.TextContent);
        Assert.Equal(6, cut.FindAll("[data-testid=trait-score]").Count); // the model's six, unchanged
    }
}

public sealed class RubricWithoutATraitTests : MudComponentTest
{
    [Fact]
    public void ScoresTable_TraitRemovedFromTheRubric_IsNotShownNorCountedInTheOverall()
    {
        // The teacher removed Phraseology: the model still scores it (5.0 here), the student never sees it.
        var traits = Rubrics.ModelScored(Rubrics.DefaultAnalytic().Where(t => t.Key != "phraseology"));
        var version = EssayViews.Version(2, new(3.0, 2.5, 3.5, 5.0, 2.0, 4.5)) with { Traits = traits };
        var previous = EssayViews.Version(1, new(2.0, 2.5, 3.5, 1.0, 2.0, 4.5)) with { Traits = traits };

        var cut = Render<EssayScoresTable>(p => p.Add(x => x.Version, version).Add(x => x.Previous, previous));

        Assert.Empty(cut.FindAll("[data-testid=trait-phraseology]"));
        Assert.Equal(5, cut.FindAll("[data-testid=trait-score]").Count);
        Assert.Equal("3.1", cut.Find("[data-testid=overall-score]").TextContent); // (3.0 + 2.5 + 3.5 + 2.0 + 4.5) / 5
        Assert.Equal("+0.2", cut.Find("[data-testid=overall-change]").TextContent.Trim()); // cohesion +1.0 over five traits
    }

    [Fact]
    public void ReviewForm_TraitRemovedFromTheRubric_HasNoOverrideRow()
    {
        var traits = Rubrics.ModelScored(Rubrics.DefaultAnalytic().Where(t => t.Key != "phraseology"));
        var cut = Render<EssayReviewForm>(p => p.Add(x => x.Version, EssayViews.Version(1, new(3.0, 2.5, 3.5, 5.0, 2.0, 4.5)) with { Traits = traits }));

        Assert.Empty(cut.FindAll("[data-testid=override-phraseology]"));
        Assert.Equal(5, cut.FindAll("tbody tr").Count);
    }
}

internal static class EssayViews
{
    public static EssayVersionView Version(int number, EssayTraitScores? scores) => new(
        Guid.NewGuid(), number, "An essay.", 2, scores, "test@1", [], null, null, EssayFeedbackStatus.Unavailable, null, [], null, null, null, MudComponentTest.Now);
}

using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Tests.Components.Shared;
using TutorPlatform.Web.Components.Speaking;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Tests.Components.Speaking;

public sealed class ScoreBoardTests : MudComponentTest
{
    [Fact]
    public void Render_ShowsEachScoreWithItsExplanationAndTheChangeFromThePreviousTake()
    {
        var cut = Render<ScoreBoard>(p => p
            .Add(s => s.Scores, new SpeakingScores(71, 84, 93, 77, 79))
            .Add(s => s.Previous, new SpeakingScores(60, 84, 100, 70, 75)));

        Assert.Equal("79", cut.Find("[data-testid=score-total] .score-number").TextContent.Trim());
        var accuracy = cut.Find("[data-testid=score-accuracy]").TextContent;
        Assert.Contains("Accuracy", accuracy, StringComparison.Ordinal);
        Assert.Contains("How close each sound was", accuracy, StringComparison.Ordinal);
        Assert.Equal("+11", cut.Find("[data-testid=score-accuracy] .score-delta").TextContent.Trim());
        Assert.Equal("−7", cut.Find("[data-testid=score-completeness] .score-delta").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=score-fluency] .score-delta")); // unchanged
        Assert.Contains("score-fair", cut.Find("[data-testid=score-total]").ClassName, StringComparison.Ordinal);
        Assert.Equal("+4 since your last take", cut.Find("[data-testid=total-delta]").TextContent.Trim());
    }

    [Fact]
    public void Render_FirstTake_ShowsNoChanges() =>
        Assert.Empty(Render<ScoreBoard>(p => p.Add(s => s.Scores, new SpeakingScores(90, 90, 90, 90, 90))).FindAll(".score-delta"));
}

public sealed class PassageWordsTests : MudComponentTest
{
    private static readonly PronunciationAssessment Assessment = new(70, 80, 75, 72, 74, "i think the whether", 3.1,
    [
        new WordAssessment(0, "i", "i", 92, WordErrorType.None, 0.1, 0.2, [new PhoneAssessment("AY", 92, 0.1, 0.2)]),
        new WordAssessment(1, "think", "sink", 41, WordErrorType.Mispronunciation, 0.2, 0.6,
            [new PhoneAssessment("TH", 20, 0.2, 0.3), new PhoneAssessment("IH", 70, 0.3, 0.4), new PhoneAssessment("NG", 75, 0.4, 0.5), new PhoneAssessment("K", 88, 0.5, 0.6)]),
        new WordAssessment(1, "really", "really", 0, WordErrorType.Insertion, 0.6, 0.9, []),
        new WordAssessment(2, "the", null, 0, WordErrorType.Omission, 0, 0, []),
        new WordAssessment(3, "weather", "whether", 66, WordErrorType.UnexpectedPause, 1.6, 2.0, [new PhoneAssessment("W", 70, 1.6, 1.7)]),
    ], "test@1");

    [Fact]
    public void Render_MatchesWordsToThePassageWithItsPunctuationAndMarksErrors()
    {
        var cut = Render<PassageWords>(p => p.Add(w => w.Assessment, Assessment).Add(w => w.Passage, "I think — the weather!"));

        var words = cut.FindAll("[data-testid=passage-word]");
        Assert.Equal(["I", "think", "the", "weather!"], words.Select(w => w.TextContent));
        Assert.Equal(["None", "Mispronunciation", "Omission", "UnexpectedPause"], words.Select(w => w.GetAttribute("data-error")));
        Assert.Contains("score-good", words[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("score-weak", words[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("score-fair", words[3].ClassName, StringComparison.Ordinal);
        Assert.Equal("+really", cut.Find(".passage-words .word-inserted").TextContent);
        Assert.Single(cut.FindAll(".passage-words .pause-mark"));
        Assert.Contains("—", cut.Find(".passage-plain").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickNumber_ShowsAndSpeaksItsReadingNotAsSomethingHeard()
    {
        var module = JSInterop.SetupModule("./js/recorder.js");
        module.Setup<bool>("speak", _ => true).SetResult(true);
        var assessment = Assessment with
        {
            Words =
            [
                new WordAssessment(0, "1470;", "fourteen seventy", 90, WordErrorType.None, 0.1, 0.9, [new PhoneAssessment("F", 90, 0.1, 0.2)]),
                new WordAssessment(0, "um", "um", 0, WordErrorType.Insertion, 0.9, 1.1, []),
                new WordAssessment(0, "uh", "uh", 0, WordErrorType.Insertion, 1.1, 1.3, []),
            ],
        };
        var cut = Render<PassageWords>(p => p.Add(w => w.Assessment, assessment).Add(w => w.Passage, "1470;"));

        var word = cut.Find("[data-testid=passage-word]");
        Assert.Equal("1470: 90", word.GetAttribute("title"));
        word.Click();

        Assert.Equal("Read as: fourteen seventy", cut.Find("[data-testid=word-read-as]").TextContent);
        Assert.DoesNotContain("We heard", cut.Find("[data-testid=word-detail]").TextContent, StringComparison.Ordinal);
        Assert.Equal("fourteen seventy", module.Invocations["speak"].Single().Arguments[0]);
        // Added words are separated by spaces, so that a long run of them wraps.
        Assert.Contains("</span> <span class=\"word word-inserted\"", cut.Find(".passage-words").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickWord_SpeaksItAndShowsItsPhonesWithScores()
    {
        var module = JSInterop.SetupModule("./js/recorder.js");
        module.Setup<bool>("speak", _ => true).SetResult(true);
        var cut = Render<PassageWords>(p => p.Add(w => w.Assessment, Assessment).Add(w => w.Passage, "I think the weather"));

        cut.FindAll("[data-testid=passage-word]")[1].Click();

        var detail = cut.Find("[data-testid=word-detail]");
        Assert.Contains("We heard: sink", detail.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mispronounced", detail.TextContent, StringComparison.Ordinal);
        var phones = cut.FindAll("[data-testid=word-phones] .phone");
        Assert.Equal(["TH20", "IH70", "NG75", "K88"], phones.Select(p => p.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim()));
        Assert.Contains("phone-weak", phones[0].ClassName, StringComparison.Ordinal);
        Assert.Equal("think", module.Invocations["speak"].Single().Arguments[0]);
    }

    [Fact]
    public void Layout_WhenThePassageDoesNotMatchTheWords_ShowsTheAssessedWords()
    {
        var items = PassageWords.Layout("A completely different text of seven words", Assessment.Words);

        Assert.Equal(["i", "think", "", "the", "weather"], items.Select(i => i.Text));
    }
}

public sealed class SpeechRecorderTests : MudComponentTest
{
    private readonly BunitJSModuleInterop _module;
    private readonly List<SpeakingTake> _takes = [];

    public SpeechRecorderTests() => _module = JSInterop.SetupModule("./js/recorder.js");

    [Fact]
    public void Render_BeforeTheCircuitIsInteractive_RecordAndUploadWaitInsteadOfIgnoringClicks()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderRecorder();

        Assert.True(cut.Find("button[data-testid=recorder-start]").HasAttribute("disabled"));
        Assert.True(cut.Find("input[data-testid=recorder-upload]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_Interactive_RecordAndUploadAreEnabled()
    {
        var cut = RenderRecorder();

        Assert.False(cut.Find("button[data-testid=recorder-start]").HasAttribute("disabled"));
        Assert.False(cut.Find("input[data-testid=recorder-upload]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("permission", "not allowed to use your microphone")]
    [InlineData("no-microphone", "No microphone was found")]
    [InlineData("busy", "another program may be using it")]
    [InlineData("unsupported", "cannot record here")]
    public void Record_WhenTheMicrophoneCannotStart_SaysWhyAndHowToFixIt(string error, string message)
    {
        _module.Setup<SpeechRecorder.StartResult?>("start", _ => true).SetResult(new SpeechRecorder.StartResult(false, error, "x"));
        var cut = RenderRecorder();

        cut.Find("[data-testid=recorder-start]").Click();

        Assert.Contains(message, cut.Find("[data-testid=recorder-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=recorder-stop]"));
    }

    [Fact]
    public void Record_WhenTheMicrophoneStarts_OffersStopAndPassesTheLimit()
    {
        _module.Setup<SpeechRecorder.StartResult?>("start", _ => true).SetResult(new SpeechRecorder.StartResult(true, null, null));
        var cut = RenderRecorder();

        cut.Find("[data-testid=recorder-start]").Click();

        Assert.NotNull(cut.Find("[data-testid=recorder-stop]"));
        Assert.Contains("stops by itself after 45 seconds", cut.Find("[data-testid=recorder-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(45, _module.Invocations["start"].Single().Arguments[4]);
    }

    [Fact]
    public async Task Stopped_WithSilence_AsksToCheckTheMicrophoneAndSendsNothing()
    {
        _module.Setup<SpeechRecorder.StartResult?>("start", _ => true).SetResult(new SpeechRecorder.StartResult(true, null, null));
        var cut = RenderRecorder();
        cut.Find("[data-testid=recorder-start]").Click();

        await cut.InvokeAsync(() => cut.Instance.OnRecordingStopped(new SpeechRecorder.StopInfo(3.2, Silent: true, LimitReached: false)));

        Assert.Contains("We heard only silence", cut.Find("[data-testid=recorder-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_takes);
        Assert.NotNull(cut.Find("[data-testid=recorder-start]"));
    }

    [Fact]
    public void Upload_OfAFileThatIsNotAudio_IsRefusedWithTheAcceptedFormats()
    {
        var cut = RenderRecorder();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "notes.txt"));

        Assert.Contains("notes.txt is not an audio file the coach reads. Upload WAV, MP3, OGG/Opus, WebM or FLAC.",
            cut.Find("[data-testid=recorder-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_takes);
        // Below the upload row, where the page shows what the server finds wrong with a take: one place for both.
        Assert.True(cut.Markup.IndexOf("upload-row", StringComparison.Ordinal) < cut.Markup.IndexOf("recorder-error", StringComparison.Ordinal));
    }

    [Fact]
    public void Upload_OfATooLargeFile_IsRefused()
    {
        var cut = RenderRecorder(maxUploadBytes: 1024);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[4096], "long.wav"));

        Assert.Contains("files up to", cut.Find("[data-testid=recorder-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_takes);
    }

    [Fact]
    public void Upload_OfAnAudioFile_HandsItOnWithItsName()
    {
        var cut = RenderRecorder();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3, 4], "take.mp3"));

        cut.WaitForAssertion(() => Assert.Single(_takes));
        Assert.Equal("take.mp3", _takes[0].Source);
        Assert.Equal([1, 2, 3, 4], _takes[0].Data);
        Assert.False(_takes[0].IsRecording);
    }

    private IRenderedComponent<SpeechRecorder> RenderRecorder(int maxUploadBytes = 1024 * 1024) =>
        Render<SpeechRecorder>(p => p
            .Add(r => r.MaxSeconds, 45)
            .Add(r => r.MaxUploadBytes, maxUploadBytes)
            .Add(r => r.OnTake, take => _takes.Add(take)));
}

public sealed class TakeReviewCardTests : MudComponentTest
{
    private static readonly SpeakingAttemptView Take = new(
        Guid.NewGuid(), Guid.NewGuid(), "Amira", Guid.NewGuid(), null, SpeakingMode.ReadAloud, "I think so.", "i think so", 2.5,
        new SpeakingScores(70, 80, 100, 75, 78), null, null, Now, Now, null, null, null, HasAudio: true);

    [Fact]
    public void Render_ShowsScoresAndAnAudioPlayerForTheTake()
    {
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take).Add(c => c.OnReview, (_, _) => Task.FromResult<string?>(null)));

        Assert.Contains("Overall 78", cut.Find("[data-testid=review-scores]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"speaking/attempts/{Take.Id}/audio", cut.Find("[data-testid=review-audio]").GetAttribute("src"));
        Assert.Contains("Handed in", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AudioPlayerLoadsItsLengthBeforePlaying()
    {
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take).Add(c => c.OnReview, (_, _) => Task.FromResult<string?>(null)));

        // preload="none" left the player at 0:00 until played; the endpoint answers range requests for the header.
        Assert.Equal("metadata", cut.Find("[data-testid=review-audio]").GetAttribute("preload"));
    }

    [Fact]
    public void Render_ReadAloudTake_ShowsThePassageColouredByWordScore_AsTheStudentSeesIt()
    {
        var assessment = new PronunciationAssessment(70, 80, 100, 75, 78, "i sink so", 2.5,
        [
            new WordAssessment(0, "i", "i", 95, WordErrorType.None, 0.1, 0.2, []),
            new WordAssessment(1, "think", "sink", 35, WordErrorType.Mispronunciation, 0.2, 0.6, [new PhoneAssessment("TH", 20, 0.2, 0.3)]),
            new WordAssessment(2, "so", "so", 88, WordErrorType.None, 0.6, 0.9, []),
        ], "test@1");
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take with { Assessment = assessment })
            .Add(c => c.OnReview, (_, _) => Task.FromResult<string?>(null)));

        var words = cut.FindAll("[data-testid=review-passage] [data-testid=passage-word]");
        Assert.Equal(["I", "think", "so."], words.Select(w => w.TextContent));
        Assert.Contains("score-weak", words[1].ClassName, StringComparison.Ordinal);
        Assert.Equal("Mispronunciation", words[1].GetAttribute("data-error"));
        Assert.Empty(cut.FindAll("[data-testid=word-legend]")); // the page shows the legend once, above all the takes
        words[1].Click();
        Assert.Contains("We heard: sink", cut.Find("[data-testid=word-detail]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RolePlayTake_ListsMarkedWordsInsteadOfAPassage()
    {
        var assessment = new PronunciationAssessment(70, 80, 100, 75, 78, "i want bred", 2.5,
        [
            new WordAssessment(0, "i", "i", 95, WordErrorType.None, 0.1, 0.2, []),
            new WordAssessment(1, "want", "want", 90, WordErrorType.None, 0.2, 0.5, []),
            new WordAssessment(2, "bread", "bred", 40, WordErrorType.Mispronunciation, 0.5, 0.9, []),
        ], "test@1");
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take with { Mode = SpeakingMode.RolePlay, Assessment = assessment })
            .Add(c => c.OnReview, (_, _) => Task.FromResult<string?>(null)));

        Assert.Empty(cut.FindAll("[data-testid=review-passage]"));
        Assert.Contains("bread (mispronounced)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_StartsFromTheModelScoreAndSendsTheTeachersScoreAndComment()
    {
        SpeakingReview? sent = null;
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take).Add(c => c.OnReview, (_, review) =>
        {
            sent = review;
            return Task.FromResult<string?>(null);
        }));

        cut.Find("[data-testid=review-edit]").Click();
        Assert.Equal("78", cut.Find("input[data-testid=review-score]").GetAttribute("value"));
        cut.Find("input[data-testid=review-score]").Change("88");
        cut.Find("textarea[data-testid=review-comment]").Change("Clear and steady.");
        cut.Find("[data-testid=review-save]").Click();

        Assert.Equal(new SpeakingReview(88, "Clear and steady."), sent);
        Assert.Empty(cut.FindAll("[data-testid=review-save]"));
    }

    [Fact]
    public void Override_OutOfRange_IsRefusedWithTheTypedValue_NotQuietlyClampedTo100()
    {
        var sent = new List<SpeakingReview>();
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take).Add(c => c.OnReview, (_, review) =>
        {
            sent.Add(review);
            return Task.FromResult<string?>(null);
        }));

        cut.Find("[data-testid=review-edit]").Click();
        cut.Find("input[data-testid=review-score]").Change("150");
        cut.Find("[data-testid=review-save]").Click();

        Assert.Empty(sent);
        Assert.Equal("A score must be between 0 and 100 (you typed 150).", cut.Find("[data-testid=review-error]").TextContent.Trim());
        cut.Find("input[data-testid=review-score]").Change("15");
        Assert.Empty(cut.FindAll("[data-testid=review-error]")); // gone as soon as the typo is fixed
        cut.Find("[data-testid=review-save]").Click();
        Assert.Equal(15, Assert.Single(sent).Score);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("8o")]
    public void Override_NotANumber_IsRefusedWithWhatWasTyped_NotSavedAsNoScore(string typed)
    {
        var sent = new List<SpeakingReview>();
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take).Add(c => c.OnReview, (_, review) =>
        {
            sent.Add(review);
            return Task.FromResult<string?>(null);
        }));

        cut.Find("[data-testid=review-edit]").Click();
        cut.Find("input[data-testid=review-score]").Change(typed);
        cut.Find("textarea[data-testid=review-comment]").Change("letters");
        cut.Find("[data-testid=review-save]").Click();

        Assert.Empty(sent);
        Assert.Contains($"you typed \"{typed}\"", cut.Find("[data-testid=review-error]").TextContent, StringComparison.Ordinal);
        cut.Find("input[data-testid=review-score]").Change(" ");
        cut.Find("[data-testid=review-save]").Click();
        Assert.Equal(new SpeakingReview(null, "letters"), Assert.Single(sent)); // empty: a comment only, the AI's scores stand
    }

    [Theory]
    [InlineData("85.5", 85.5)]
    [InlineData("85,5", 85.5)]
    [InlineData(" 100 ", 100.0)]
    [InlineData("0", 0.0)]
    public void ReadScore_AcceptsNumbersWithEitherDecimalMark(string typed, double score) =>
        Assert.Equal((score, (string?)null), TakeReviewCard.ReadScore(typed));

    [Fact]
    public void Override_WhenSavingFails_KeepsTheFormAndShowsWhy()
    {
        var cut = Render<TakeReviewCard>(p => p.Add(c => c.Take, Take).Add(c => c.OnReview, (_, _) => Task.FromResult<string?>("Not yours.")));

        cut.Find("[data-testid=review-edit]").Click();
        cut.Find("[data-testid=review-save]").Click();

        Assert.Equal("Not yours.", cut.Find("[data-testid=review-error]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=review-save]"));
    }
}

public sealed class StudentsWithoutTakesTests : MudComponentTest
{
    [Fact]
    public void Missing_IsTheRosterLessStudentsWithATakeOrAConversation_ByName()
    {
        var (amira, ben, chloe, dev) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var roster = new[]
        {
            new RosterEntry(dev, "Dev Patel", "dev@school.example", Now),
            new RosterEntry(amira, "Amira Haddad", "amira@school.example", Now),
            new RosterEntry(ben, "Ben Okoro", "ben@school.example", Now),
            new RosterEntry(chloe, "Chloe Martin", "chloe@school.example", Now),
        };

        // Amira recorded; Chloe typed her whole role-play (no take, but a conversation).
        var missing = StudentsWithoutTakes.Missing(roster, [amira], ["Chloe Martin"]);

        Assert.Equal(["Ben Okoro", "Dev Patel"], missing);
    }

    [Fact]
    public void Render_ListsTheNames_AndNothingWhenEveryoneHasRecorded()
    {
        var cut = Render<StudentsWithoutTakes>(p => p.Add(c => c.Names, ["Ben Okoro", "Dev Patel"]));
        Assert.Equal("No takes yet (2)", cut.Find("[data-testid=students-without-takes] h2").TextContent.Trim());
        Assert.Equal("Ben Okoro, Dev Patel", cut.Find("[data-testid=students-without-takes-names]").TextContent.Trim());

        Assert.Empty(Render<StudentsWithoutTakes>(p => p.Add(c => c.Names, [])).FindAll("[data-testid=students-without-takes]"));
    }
}

public sealed class ScoreTrendTests : MudComponentTest
{
    [Fact]
    public void Render_TakesOnDifferentDays_DatesTheAxisInTheUsersZone()
    {
        var berlin = UserTime.FromTimeZoneId("Europe/Berlin");
        // 23:30 UTC on 8 November is already 9 November in Berlin.
        var points = new ScoreTrend.TrendPoint[]
        {
            new(new DateTimeOffset(2026, 11, 8, 23, 30, 0, TimeSpan.Zero), 55, "Saying hello"),
            new(new DateTimeOffset(2026, 11, 9, 12, 0, 0, TimeSpan.Zero), 60),
            new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero), 72),
        };

        var cut = Render<CascadingValueHost>(p => p.Add(x => x.Time, berlin).AddChildContent<ScoreTrend>(t => t.Add(x => x.Points, points)));

        // The first two are both 9 Nov in Berlin: the date is written once.
        Assert.Equal(["9 Nov", "10 Nov"], cut.FindAll("[data-testid=trend-date]").Select(t => t.TextContent));
        Assert.Equal("Mon 9 Nov 2026, 00:30 · Saying hello: 55", cut.FindAll("[data-testid=trend-dot] title")[0].TextContent);
        Assert.Contains("from 9 Nov 2026 to 10 Nov 2026", cut.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TakesAllOnOneDay_ShowTimesAndNameTheDay()
    {
        var points = new ScoreTrend.TrendPoint[]
        {
            new(new DateTimeOffset(2026, 11, 10, 8, 5, 0, TimeSpan.Zero), 55),
            new(new DateTimeOffset(2026, 11, 10, 8, 40, 0, TimeSpan.Zero), 61),
        };

        var cut = Render<ScoreTrend>(p => p.Add(x => x.Points, points));

        Assert.Equal(["08:05", "08:40"], cut.FindAll("[data-testid=trend-date]").Select(t => t.TextContent));
        Assert.Contains("All on 10 Nov 2026.", cut.Find("figcaption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyTakes_DatesTheFirstTheLastAndAFewBetween()
    {
        var start = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, 20).Select(i => new ScoreTrend.TrendPoint(start.AddDays(i), 50 + i)).ToList();

        var cut = Render<ScoreTrend>(p => p.Add(x => x.Points, points));

        var dates = cut.FindAll("[data-testid=trend-date]").Select(t => t.TextContent).ToList();
        Assert.Equal(6, dates.Count);
        Assert.Equal("1 Oct", dates[0]);
        Assert.Equal("20 Oct", dates[^1]);
        Assert.Equal(20, cut.FindAll("[data-testid=trend-dot]").Count);
    }
}

public sealed class RolePlayViewsTests : MudComponentTest
{
    [Fact]
    public void TurnFeedback_ShowsNoteCorrectionAndMeasures()
    {
        var feedback = new TurnFeedback("Mostly clear pronunciation. (score 72). Listen again to: bread.", 72,
            new GrammarCorrection("i want buy bread", "I want to buy bread.", "Use 'to' before a verb after 'want'."),
            new SpeechMeasures(96, 2, 0.8, 8, 7, 0.88), ["bread"]);

        var cut = Render<TurnFeedbackView>(p => p.Add(v => v.Feedback, feedback));

        Assert.Contains("Listen again to: bread", cut.Find("[data-testid=pronunciation-note]").TextContent, StringComparison.Ordinal);
        Assert.Contains("I want to buy bread.", cut.Find("[data-testid=grammar-correction]").TextContent, StringComparison.Ordinal);
        var measures = cut.Find("[data-testid=measures]").TextContent;
        Assert.Contains("96 words/min", measures, StringComparison.Ordinal);
        Assert.Contains("2 pauses (longest 0.8 s)", measures, StringComparison.Ordinal);
        Assert.Contains("7 different of 8 words", measures, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=hesitations]"));
    }

    [Fact]
    public void TurnFeedback_ShowsHesitationsWhenThereWereAny()
    {
        var feedback = new TurnFeedback("Clear pronunciation. (score 85).", 85, null, new SpeechMeasures(90, 0, 0.2, 6, 6, 1, 3), []);

        var cut = Render<TurnFeedbackView>(p => p.Add(v => v.Feedback, feedback));

        Assert.Equal("3 hesitations", cut.Find("[data-testid=hesitations]").TextContent.Trim());
    }

    [Fact]
    public void PronunciationNote_MentionsFrequentHesitationsOnly()
    {
        var hesitant = Core.Speaking.RolePlayService.PronunciationNote(null, [], new SpeechMeasures(120, 0, 0, 10, 9, 0.9, 3));
        var fluent = Core.Speaking.RolePlayService.PronunciationNote(null, [], new SpeechMeasures(120, 0, 0, 30, 20, 0.67, 3));

        Assert.Contains("\"uh\" or \"um\" 3 times", hesitant, StringComparison.Ordinal);
        Assert.DoesNotContain("uh", fluent, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_WhenNoGoalCouldBeJudged_SaysSo()
    {
        var summary = new RolePlaySummary([new GoalResult("Greet", null, null), new GoalResult("Ask", null, null)], [], [], null);

        var cut = Render<RolePlaySummaryView>(p => p.Add(v => v.Summary, summary));

        Assert.Equal("Goals met: not judged (0 of 2 judged)", cut.Find("[data-testid=goals-met]").TextContent.Trim());
    }

    [Fact]
    public void Summary_CountsGoalsMetAndListsCorrectionsAndWords()
    {
        var summary = new RolePlaySummary(
            [new GoalResult("Greet the baker", true, "said hello"), new GoalResult("Ask the price", null, null)],
            [new GrammarCorrection("how much it cost", "How much does it cost?", "")],
            ["bread", "cake"],
            "Good start.");

        var cut = Render<RolePlaySummaryView>(p => p.Add(v => v.Summary, summary));

        Assert.Equal("Goals met: 1 of 2 (some could not be judged)", cut.Find("[data-testid=goals-met]").TextContent.Trim());
        Assert.Contains("How much does it cost?", cut.Find("[data-testid=summary-corrections]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["bread", "cake"], cut.FindAll("[data-testid=summary-words] .mud-chip").Select(c => c.TextContent.Trim()));
    }
}

public sealed class SpeechMeasuresTests
{
    [Fact]
    public void From_Words_GivesRatePausesAndRange()
    {
        var measures = SpeechMeasures.From(
        [
            new Core.Speech.RecognizedWord("I", 0.0, 0.3, 0.9),
            new Core.Speech.RecognizedWord("like", 0.3, 0.6, 0.9),
            new Core.Speech.RecognizedWord("bread", 1.6, 2.0, 0.9),
            new Core.Speech.RecognizedWord("i", 2.0, 2.4, 0.9),
        ]);

        Assert.Equal(new SpeechMeasures(100, 1, 1.0, 4, 3, 0.75), measures);
    }

    [Fact]
    public void From_Hesitations_AreCountedApartFromTheWords()
    {
        var measures = SpeechMeasures.From(
        [
            new Core.Speech.RecognizedWord("uh", 0.0, 0.3, 0.9),
            new Core.Speech.RecognizedWord("I", 0.3, 0.6, 0.9),
            new Core.Speech.RecognizedWord("Um", 0.6, 0.9, 0.9),
            new Core.Speech.RecognizedWord("like", 0.9, 1.2, 0.9),
            new Core.Speech.RecognizedWord("bread", 1.2, 1.5, 0.9),
        ]);

        Assert.Equal(new SpeechMeasures(120, 0, 0, 3, 3, 1, 2), measures);
        Assert.True(SpeechMeasures.IsHesitation(" er "));
        Assert.False(SpeechMeasures.IsHesitation("her"));
    }

    [Fact]
    public void From_OnlyHesitations_HasNoWords() =>
        Assert.Equal(new SpeechMeasures(0, 0, 0, 0, 0, 0, 1), SpeechMeasures.From([new Core.Speech.RecognizedWord("um", 0, 0.4, 0.8)]));

    [Fact]
    public void From_NoWords_IsAllZero() => Assert.Equal(new SpeechMeasures(0, 0, 0, 0, 0, 0), SpeechMeasures.From([]));
}

public sealed class AudioFormatsTests
{
    [Theory]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 }, "WAV")]
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53 }, "OGG")]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43 }, "FLAC")]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, "WebM")]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 4 }, "MP3")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "MP3")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D }, null)] // "<htm"
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70 }, null)] // MP4/M4A: not accepted
    public void Detect_TellsTheAcceptedFormatsFromTheirFirstBytes(byte[] start, string? format) =>
        Assert.Equal(format, AudioFormats.Detect(start));

    [Fact]
    public void ToWav_Writes16kHzMono16BitWithTheSamples()
    {
        var wav = AudioFormats.ToWav(new Core.Speech.PcmAudio(new short[] { 1, -2, 300 }));

        Assert.Equal(44 + 6, wav.Length);
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(16_000, BitConverter.ToInt32(wav, 24));
        Assert.Equal((short)1, BitConverter.ToInt16(wav, 22));
        Assert.Equal((short)300, BitConverter.ToInt16(wav, 48));
    }
}

public sealed class SpeakingHistoryViewTests : MudComponentTest
{
    private static readonly SpeakingHistory History = new(
        [new SpeakingAttemptView(Guid.NewGuid(), Guid.NewGuid(), "Amira", null, "d1", SpeakingMode.ReadAloud, "I think", "i sink", 2, new SpeakingScores(70, 80, 100, 75, 76), null, null,
            DateTimeOffset.UtcNow, null, null, null, null, true)],
        [new TroubleSpot("think", 2, 3, 45)],
        [new TroubleSpot("TH", 2, 3, 40)]);

    private readonly BunitJSModuleInterop _module;

    public SpeakingHistoryViewTests()
    {
        _module = JSInterop.SetupModule("./js/recorder.js");
        _module.Setup<bool>("speak", _ => true).SetResult(true);
    }

    [Fact]
    public void Render_BeforeTheCircuitIsInteractive_HearButtonsWaitInsteadOfIgnoringClicks()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<SpeakingHistoryView>(p => p.Add(v => v.History, History));

        var buttons = cut.FindAll(".trouble-list button.word-link");
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void ClickTroubleWord_Interactive_SpeaksIt()
    {
        var cut = Render<SpeakingHistoryView>(p => p.Add(v => v.History, History));

        var word = cut.Find("[data-testid=trouble-words] button.word-link");
        Assert.False(word.HasAttribute("disabled"));
        word.Click();

        Assert.Equal("think", _module.Invocations["speak"].Single().Arguments[0]);
    }

    [Fact]
    public void Render_SaysHowOftenAWordWentWrong()
    {
        var cut = Render<SpeakingHistoryView>(p => p.Add(v => v.History, History));

        Assert.Equal("wrong 2 of 3 times · average 45", cut.Find("[data-testid=trouble-word-count]").TextContent);
    }

    [Theory]
    [InlineData(1, 1, "wrong the one time it came up")]
    [InlineData(2, 2, "wrong both times")]
    [InlineData(4, 4, "wrong every time (4)")]
    [InlineData(1, 3, "wrong 1 of 3 times")]
    public void HowOften_ReadsNaturally(int times, int seen, string text) => Assert.Equal(text, SpeakingText.HowOften("wrong", times, seen));
}

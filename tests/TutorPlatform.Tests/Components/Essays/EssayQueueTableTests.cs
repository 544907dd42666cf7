using Bunit;
using TutorPlatform.Core.Essays;
using TutorPlatform.Web.Components.Essays;

namespace TutorPlatform.Tests.Components.Essays;

public sealed class EssayQueueTableTests : MudComponentTest
{
    private static readonly EssayQueueRow Scored = new(Guid.NewGuid(), "Ana Diaz", "ana@school.example", Guid.NewGuid(), EssayQueueStatus.AiScored, 2, Now, 3.2, 3.2, OffTopic: true);
    private static readonly EssayQueueRow Released = new(Guid.NewGuid(), "Ben Okoro", "ben@school.example", Guid.NewGuid(), EssayQueueStatus.Released, 1, Now, 2.5, 3.0, OffTopic: false);
    private static readonly EssayQueueRow NotStarted = new(Guid.NewGuid(), "Cy Lam", "cy@school.example", null, EssayQueueStatus.NotStarted, 0, null, null, null, OffTopic: false);

    [Fact]
    public void Render_Rows_ShowStatusScoresOffTopicFlagAndReviewLinks()
    {
        var cut = Render<EssayQueueTable>(p => p.Add(x => x.Rows, new[] { Scored, Released, NotStarted }));

        Assert.Equal(["Ana Diaz", "Ben Okoro", "Cy Lam"], cut.FindAll("[data-testid=queue-student]").Select(e => e.TextContent));
        Assert.Equal(["AI-scored", "Released", "Not started"], cut.FindAll("[data-testid=queue-status]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["3.2", "3.0", "–"], cut.FindAll("[data-testid=queue-final]").Select(e => e.TextContent));
        Assert.Single(cut.FindAll("[data-testid=queue-off-topic]"));
        var links = cut.FindAll("[data-testid=review-essay]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"teacher/essays/{Scored.SubmissionId}", $"teacher/essays/{Released.SubmissionId}"], links);
        var names = cut.FindAll("a[data-testid=queue-student]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(links, names); // the student's name opens the essay; Cy Lam has none to open
    }

    [Fact]
    public void Render_RowAwaitingTheTeachersScore_NamesTheTraitsTheAiDoesNotScore()
    {
        var waiting = Scored with { AwaitingTeacherScores = ["Use of sources", "Voice"] };

        var cut = Render<EssayQueueTable>(p => p.Add(x => x.Rows, new[] { waiting, Released }));

        var chip = Assert.Single(cut.FindAll("[data-testid=queue-needs-teacher-score]"));
        Assert.Contains("Your score needed: Use of sources, Voice", chip.TextContent);
    }

    [Fact]
    public void Render_NoStudents_ShowsTheEmptyState()
    {
        var cut = Render<EssayQueueTable>(p => p.Add(x => x.Rows, Array.Empty<EssayQueueRow>()));

        Assert.Contains("No students yet", cut.Find("[data-testid=queue-empty]").TextContent);
    }
}

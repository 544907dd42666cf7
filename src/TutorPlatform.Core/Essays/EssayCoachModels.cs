using System.Text.Json.Serialization;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core.Essays;

/// <summary>One submitted version as the pages show it. For a student, the teacher's review is empty until released.</summary>
public sealed record EssayVersionView(
    Guid Id,
    int Number,
    string Text,
    int WordCount,
    EssayTraitScores? Scores,
    string? ModelVersion,
    IReadOnlyList<EssayIssue> Issues,
    TopicRelevance? Relevance,
    string? Feedback,
    EssayFeedbackStatus FeedbackStatus,
    string? FeedbackError,
    IReadOnlyList<TeacherTraitScore> TeacherScores,
    string? TeacherComment,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset? ReleasedAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>The teacher's scores for the traits they added to the rubric (empty for a student until released).</summary>
    public IReadOnlyList<TeacherRubricScore> RubricScores { get; init; } = [];

    public TeacherTraitScore? TeacherScore(EssayTrait trait) => TeacherScores.FirstOrDefault(s => s.Trait == trait);

    public TeacherRubricScore? RubricScore(string key) => RubricScores.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The six analytic traits this version is shown and judged on: those the assignment's rubric keeps (all six unless
    /// the teacher removed some). The model scores all six; a removed trait is neither shown nor counted.
    /// </summary>
    public IReadOnlyList<EssayTrait> Traits { get; init; } = Enum.GetValues<EssayTrait>();

    /// <summary>The teacher's score where they gave one, otherwise the model's; null when neither exists.</summary>
    /// <remarks>The overall score stays the mean of the rubric's analytic traits: the rubric's own traits have scales of their own.</remarks>
    public double? FinalScore(EssayTrait trait) => TeacherScore(trait)?.Score ?? Scores?[trait];

    /// <summary>The mean of the model's scores over <see cref="Traits"/>; null when unscored or the rubric keeps none of them.</summary>
    public double? AiOverall => Scores is { } scores && Traits.Count > 0 ? Traits.Average(t => scores[t]) : null;

    /// <summary>The mean of the final scores over <see cref="Traits"/>; null when neither the model nor the teacher scored any.</summary>
    public double? FinalOverall
    {
        get
        {
            var finals = Traits.Select(FinalScore).OfType<double>().ToList();
            return finals.Count == 0 ? null : finals.Average();
        }
    }
}

/// <summary>A student's essay for one assignment: the autosaved draft and every submitted version (oldest first).</summary>
public sealed record StudentEssay(
    Guid? SubmissionId,
    SubmissionStatus? Status,
    string DraftText,
    DateTimeOffset? DraftSavedAt,
    IReadOnlyList<EssayVersionView> Versions,
    bool CanSubmit);

/// <summary>Where a student's essay stands in the teacher's grading queue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EssayQueueStatus>))]
public enum EssayQueueStatus
{
    NotStarted,
    Writing,
    Submitted,
    AiScored,
    Reviewed,
    Released,
}

public sealed record EssayQueueRow(
    Guid StudentId,
    string StudentName,
    string Email,
    Guid? SubmissionId,
    EssayQueueStatus Status,
    int VersionCount,
    DateTimeOffset? SubmittedAt,
    double? AiOverall,
    double? FinalOverall,
    bool OffTopic)
{
    /// <summary>The rubric's teacher-scored traits (by name) that the latest version has no teacher score for yet.</summary>
    public IReadOnlyList<string> AwaitingTeacherScores { get; init; } = [];
}

public sealed record EssayQueue(AssignmentDetails Assignment, IReadOnlyList<EssayQueueRow> Rows);

/// <summary>A student's essay as the teacher reviews it.</summary>
public sealed record TeacherEssay(
    Guid SubmissionId,
    AssignmentDetails Assignment,
    Guid StudentId,
    string StudentName,
    SubmissionStatus Status,
    IReadOnlyList<EssayVersionView> Versions);

/// <summary>The teacher's review of one version: a score for any trait they change, with a comment, and an overall comment.</summary>
public sealed record EssayReviewInput(IReadOnlyList<TeacherTraitScore> Scores, string? Comment)
{
    /// <summary>Scores for the traits the teacher added to the rubric; each is required before release.</summary>
    public IReadOnlyList<TeacherRubricScore> RubricScores { get; init; } = [];
}

/// <summary>An assignment's essay scores as CSV, with a file name made from the assignment's title.</summary>
public sealed record EssayScoresCsv(string FileName, string Content)
{
    /// <summary>"essay-scores-" and the title in lower case, letters and digits kept, anything else one dash ("Week 3: Cities" → essay-scores-week-3-cities.csv).</summary>
    public static string FileNameFor(string title)
    {
        var slug = new System.Text.StringBuilder();
        foreach (var c in title.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 60)
            {
                break;
            }
        }

        var name = slug.ToString().Trim('-');
        return name.Length == 0 ? "essay-scores.csv" : $"essay-scores-{name}.csv";
    }
}

using System.Globalization;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Essays;

namespace TutorPlatform.Web.Components.Essays;

/// <summary>Words, numbers and colours of the essay coach, shared by the student's and the teacher's pages.</summary>
public static class EssayLabels
{
    public static IReadOnlyList<EssayTrait> Traits { get; } = Enum.GetValues<EssayTrait>();

    /// <summary>The rubric's wording for a trait (matched by key), or the default analytic rubric's.</summary>
    public static RubricTrait Describe(EssayTrait trait, IReadOnlyList<RubricTrait>? rubric)
    {
        var key = trait.ToString().ToLowerInvariant();
        return rubric?.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase))
            ?? Rubrics.DefaultAnalytic().First(t => t.Key == key);
    }

    public static string Score(double? score) => score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>
    /// Fewer words than this are not sent for scoring: the trait model learnt from essays of a few hundred words and
    /// would give a greeting a score of nearly 3.
    /// </summary>
    public const int MinimumWords = 20;

    /// <summary>"1 word", "350 words".</summary>
    public static string WordCount(int words) => words == 1 ? "1 word" : $"{words} words";

    /// <summary>What the word counter under the editor adds after "120 / 350 words".</summary>
    public static string WordHint(int words, int target) => words switch
    {
        0 => "start writing",
        < MinimumWords => $"write at least {MinimumWords} words to get feedback",
        var w when w < target * 0.9 => $"about {target - w} to go",
        var w when w > target * 1.3 => "well over the target: consider cutting",
        _ => "on target",
    };

    /// <summary>
    /// A version's chip, "v2 · 3.4": the final overall score once the teacher changed a trait (as the student sees it,
    /// and as the queue's Final column says), else the model's.
    /// </summary>
    public static string VersionChip(EssayVersionView version) =>
        $"v{version.Number}" + (version.TeacherScores.Count > 0 ? $" · {Score(version.FinalOverall)}"
            : version.AiOverall is { } ai ? $" · {Score(ai)}" : "");

    /// <summary>"+0.5", "−0.5" or "±0" between two versions.</summary>
    public static string Change(double change) => Math.Abs(change) < 0.05
        ? "±0"
        : (change > 0 ? "+" : "−") + Math.Abs(change).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Category(EssayIssueCategory category) => category switch
    {
        EssayIssueCategory.Spelling => "Spelling",
        EssayIssueCategory.Grammar => "Grammar",
        EssayIssueCategory.Punctuation => "Punctuation",
        EssayIssueCategory.Style => "Style",
        _ => "Vocabulary",
    };

    public static MudBlazor.Color CategoryColor(EssayIssueCategory category) => category switch
    {
        EssayIssueCategory.Spelling => MudBlazor.Color.Error,
        EssayIssueCategory.Grammar => MudBlazor.Color.Warning,
        EssayIssueCategory.Punctuation => MudBlazor.Color.Secondary,
        EssayIssueCategory.Style => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Success,
    };

    public static string QueueStatus(EssayQueueStatus status) => status switch
    {
        EssayQueueStatus.NotStarted => "Not started",
        EssayQueueStatus.Writing => "Writing",
        EssayQueueStatus.Submitted => "Submitted",
        EssayQueueStatus.AiScored => "AI-scored",
        EssayQueueStatus.Reviewed => "Reviewed",
        _ => "Released",
    };

    public static MudBlazor.Color QueueColor(EssayQueueStatus status) => status switch
    {
        EssayQueueStatus.Submitted or EssayQueueStatus.AiScored => MudBlazor.Color.Warning,
        EssayQueueStatus.Reviewed => MudBlazor.Color.Info,
        EssayQueueStatus.Released => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };
}

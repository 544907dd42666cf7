using System.Text.RegularExpressions;
using TutorPlatform.Core.Essays;

namespace TutorPlatform.IntegrationTests.Fixtures;

/// <summary>
/// Stand-ins for the on-device essay models, registered only where the app has none (TryAdd), so the essay flows can be
/// tested on the real database before and after the trained models are installed. Deterministic: scores grow with length
/// and variety, and a few fixed learner errors are flagged.
/// </summary>
internal sealed partial class StandInEssayScorer : IEssayScorer
{
    public string ModelVersion => "stand-in@0";

    public EssayTraitScores Score(string text)
    {
        var words = Words().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
        var variety = words.Count == 0 ? 0 : words.Distinct().Count() / (double)words.Count;
        var s = Math.Clamp(1.5 + Math.Min(1.5, words.Count / 150.0) + variety, 1, 5);
        return new EssayTraitScores(s, s, s, s, s, s);
    }

    public int ScoreAsap(string text, int essaySet) => 1;

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();
}

internal sealed class StandInEssayChecker : IEssayChecker
{
    public EssayCheck Check(string text, string? prompt = null)
    {
        var issues = new List<EssayIssue>();
        for (var at = text.IndexOf("becuase", StringComparison.Ordinal); at >= 0; at = text.IndexOf("becuase", at + 1, StringComparison.Ordinal))
        {
            issues.Add(new EssayIssue(at, 7, EssayIssueCategory.Spelling, "SPELLING", "Possible spelling mistake.", ["because"]));
        }

        return new EssayCheck(issues, prompt is null ? null : new TopicRelevance(0.7, false, "On topic."));
    }

    public string CorrectTokenizedSentence(string sentence) => sentence;
}

using TutorPlatform.Core.Essays;

namespace TutorPlatform.Core.Assignments;

public static class Rubrics
{
    private static readonly HashSet<string> ModelScoredKeys = ["cohesion", "syntax", "vocabulary", "phraseology", "grammar", "conventions"];

    /// <summary>A trait's key: its own, or (for a trait not saved yet) the one saving will give it, made from its name.</summary>
    public static string KeyOf(RubricTrait trait) =>
        string.IsNullOrWhiteSpace(trait.Key) ? trait.Name.Trim().ToLowerInvariant().Replace(' ', '_') : trait.Key.Trim();

    /// <summary>Whether the on-device scorer scores this trait: only the six analytic traits it was trained on.</summary>
    public static bool IsScoredByModel(RubricTrait trait) => ModelScoredKeys.Contains(KeyOf(trait).ToLowerInvariant());

    /// <summary>
    /// The traits a teacher added beyond the six: the model was never trained on them, so it never scores them; the
    /// teacher does, and must before the essay is released.
    /// </summary>
    public static IReadOnlyList<RubricTrait> TeacherScored(IEnumerable<RubricTrait>? rubric) =>
        rubric?.Where(t => !IsScoredByModel(t)).ToList() ?? [];

    /// <summary>
    /// The model's analytic traits that the rubric keeps, in the rubric's order: a teacher who removes one of the six
    /// does not want it shown or counted in the overall score. No rubric at all means the six.
    /// </summary>
    public static IReadOnlyList<EssayTrait> ModelScored(IEnumerable<RubricTrait>? rubric)
    {
        var traits = rubric?.ToList();
        if (traits is null || traits.Count == 0)
        {
            return Enum.GetValues<EssayTrait>();
        }

        return traits
            .Select(t => Enum.TryParse<EssayTrait>(KeyOf(t), ignoreCase: true, out var trait) && IsScoredByModel(t) ? trait : (EssayTrait?)null)
            .OfType<EssayTrait>()
            .Distinct()
            .ToList();
    }

    /// <summary>The six analytic traits of the ELLIPSE corpus, scored 1–5, which the on-device essay scorer is trained on.</summary>
    public static List<RubricTrait> DefaultAnalytic() =>
    [
        new() { Key = "cohesion", Name = "Cohesion", Description = "Ideas are organised and linked with clear transitions and references." },
        new() { Key = "syntax", Name = "Syntax", Description = "Sentences are well formed and varied in structure." },
        new() { Key = "vocabulary", Name = "Vocabulary", Description = "Words are varied, precise and suited to the topic." },
        new() { Key = "phraseology", Name = "Phraseology", Description = "Phrases, collocations and idioms are natural." },
        new() { Key = "grammar", Name = "Grammar", Description = "Agreement, tense, articles and word forms are correct." },
        new() { Key = "conventions", Name = "Conventions", Description = "Spelling, capitalisation and punctuation are correct." },
    ];
}

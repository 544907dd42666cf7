namespace TutorPlatform.Core.Assignments;

public static class Rubrics
{
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

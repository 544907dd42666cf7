namespace TutorPlatform.Core.Essays;

/// <summary>The six analytic traits of the ELLIPSE rubric, each scored 1.0–5.0.</summary>
public enum EssayTrait
{
    Cohesion,
    Syntax,
    Vocabulary,
    Phraseology,
    Grammar,
    Conventions,
}

/// <summary>Trait scores on the 1.0–5.0 scale (fractional values allowed).</summary>
public sealed record EssayTraitScores(
    double Cohesion,
    double Syntax,
    double Vocabulary,
    double Phraseology,
    double Grammar,
    double Conventions)
{
    /// <summary>The score of one trait.</summary>
    public double this[EssayTrait trait] => trait switch
    {
        EssayTrait.Cohesion => Cohesion,
        EssayTrait.Syntax => Syntax,
        EssayTrait.Vocabulary => Vocabulary,
        EssayTrait.Phraseology => Phraseology,
        EssayTrait.Grammar => Grammar,
        EssayTrait.Conventions => Conventions,
        _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, null),
    };

    /// <summary>The mean of the six traits.</summary>
    public double Overall => (Cohesion + Syntax + Vocabulary + Phraseology + Grammar + Conventions) / 6;
}

/// <summary>
/// The small on-device essay scorer. Its scores depend only on the essay's text: nothing the essay says and nothing
/// the large model says can change them. Implementations are thread-safe and need no large model.
/// </summary>
public interface IEssayScorer
{
    /// <summary>A short name and version of the trained model, stored beside every score it gives.</summary>
    string ModelVersion { get; }

    /// <summary>The six analytic trait scores (ELLIPSE rubric, 1.0–5.0).</summary>
    EssayTraitScores Score(string text);

    /// <summary>The holistic ASAP-AES score of an essay written for prompt <paramref name="essaySet"/> (1–8), on that prompt's scale.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The essay set is not 1–8.</exception>
    int ScoreAsap(string text, int essaySet);
}

/// <summary>What kind of problem an inline correction marks.</summary>
public enum EssayIssueCategory
{
    Spelling,
    Grammar,
    Punctuation,
    Style,
    Vocabulary,
}

/// <summary>One inline correction: a span of the essay, why it is marked, and the replacements offered (best first).</summary>
/// <param name="Start">Offset of the span in the essay text (UTF-16 code units).</param>
/// <param name="Length">Length of the span.</param>
/// <param name="Category">Spelling, grammar, punctuation, style or a vocabulary upgrade.</param>
/// <param name="RuleId">A stable identifier of the check (for example "SPELLING" or "AGREEMENT_SUBJECT_VERB").</param>
/// <param name="Message">A short explanation for the student.</param>
/// <param name="Replacements">Replacements for the span, best first; empty where none is offered.</param>
public sealed record EssayIssue(
    int Start,
    int Length,
    EssayIssueCategory Category,
    string RuleId,
    string Message,
    IReadOnlyList<string> Replacements);

/// <summary>How closely an essay keeps to its assignment's prompt.</summary>
/// <param name="Score">0 (unrelated) to 1 (on topic).</param>
/// <param name="OffTopic">Whether the essay should be flagged to the student and the teacher as ignoring the prompt.</param>
/// <param name="Explanation">One sentence for the student and the teacher.</param>
public sealed record TopicRelevance(double Score, bool OffTopic, string Explanation);

/// <summary>The on-device checks of an essay: inline corrections and, when a prompt is given, topic relevance.</summary>
public sealed record EssayCheck(IReadOnlyList<EssayIssue> Issues, TopicRelevance? Relevance);

/// <summary>
/// On-device spelling, grammar and vocabulary checks (no large model). Implementations are thread-safe.
/// </summary>
public interface IEssayChecker
{
    /// <summary>Checks an essay; with <paramref name="prompt"/> also its relevance to the assignment's prompt.</summary>
    EssayCheck Check(string text, string? prompt = null);

    /// <summary>Corrects one space-tokenized sentence, keeping its tokenization (the JFLEG/CoNLL format).</summary>
    string CorrectTokenizedSentence(string sentence);
}

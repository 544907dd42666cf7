using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TutorPlatform.Core.Speaking;

[JsonConverter(typeof(JsonStringEnumConverter<RolePlaySpeaker>))]
public enum RolePlaySpeaker
{
    Partner,
    Student,
}

/// <summary>One line of a role-play.</summary>
/// <param name="Spoken">Whether the student said it (true) or typed it; always false for the partner.</param>
/// <param name="AttemptId">The saved take of a spoken student line.</param>
public sealed record RolePlayTurn(RolePlaySpeaker Speaker, string Text, bool Spoken, Guid? AttemptId, TurnFeedback? Feedback, DateTimeOffset At);

/// <summary>Feedback on one student line.</summary>
/// <param name="PronunciationNote">A short note on a spoken line's pronunciation; null for typed lines or without a scorer.</param>
/// <param name="PronunciationScore">The spoken line's overall pronunciation score, 0–100, where a scorer is installed.</param>
/// <param name="Correction">The model's grammar correction; null when the line was fine or the model could not answer.</param>
/// <param name="Measures">Speech rate, pauses and vocabulary range of a spoken line.</param>
/// <param name="WeakWords">Words of a spoken line that came out unclear.</param>
public sealed record TurnFeedback(
    string? PronunciationNote,
    double? PronunciationScore,
    GrammarCorrection? Correction,
    SpeechMeasures? Measures,
    IReadOnlyList<string> WeakWords);

/// <summary>A learner's line, corrected.</summary>
public sealed record GrammarCorrection(string Original, string Corrected, string Explanation);

/// <summary>Whether a scenario goal was reached.</summary>
/// <param name="Met">Null when the model could not judge.</param>
public sealed record GoalResult(string Goal, bool? Met, string? Evidence);

/// <summary>The end of a role-play: the goals met, the corrections made, the words to practise.</summary>
/// <param name="Note">The model's one-paragraph comment, or why there is none.</param>
public sealed record RolePlaySummary(IReadOnlyList<GoalResult> Goals, IReadOnlyList<GrammarCorrection> Corrections, IReadOnlyList<string> WordsToPractise, string? Note);

/// <summary>A role-play as the student sees it.</summary>
public sealed record RolePlaySession(
    Guid Id,
    Guid AssignmentId,
    string Scenario,
    IReadOnlyList<string> Goals,
    IReadOnlyList<RolePlayTurn> Turns,
    RolePlaySummary? Summary,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? HandedInAt);

/// <summary>What the model answers when asked to correct one learner line.</summary>
public sealed record GrammarAnswer(
    [property: Required] bool HasError,
    [property: StringLength(1000)] string? Corrected,
    [property: StringLength(500)] string? Explanation);

/// <summary>What the model answers when asked which goals a conversation reached.</summary>
public sealed record GoalsAnswer([property: Required] IReadOnlyList<GoalAnswer> Goals, [property: StringLength(1500)] string? Comment);

public sealed record GoalAnswer([property: Required] int Number, [property: Required] bool Met, [property: StringLength(500)] string? Evidence);

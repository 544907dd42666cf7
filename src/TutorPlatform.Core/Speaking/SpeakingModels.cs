using System.Text.Json;
using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Core.Speaking;

/// <summary>The four sentence scores and the overall one, 0–100.</summary>
public sealed record SpeakingScores(double Accuracy, double Fluency, double Completeness, double Prosody, double Total);

/// <summary>A take as students and teachers see it.</summary>
/// <param name="Assessment">The word and phone detail of a read-aloud take; null for a role-play turn.</param>
/// <param name="Feedback">A role-play turn's feedback; null for read-aloud.</param>
/// <param name="HasAudio">False once retention removed the audio.</param>
public sealed record SpeakingAttemptView(
    Guid Id,
    Guid StudentId,
    string StudentName,
    Guid? AssignmentId,
    string? DrillKey,
    SpeakingMode Mode,
    string ReferenceText,
    string RecognizedText,
    double AudioSeconds,
    SpeakingScores? Scores,
    PronunciationAssessment? Assessment,
    TurnFeedback? Feedback,
    DateTimeOffset CreatedAt,
    DateTimeOffset? HandedInAt,
    double? TeacherScore,
    string? TeacherComment,
    DateTimeOffset? ReviewedAt,
    bool HasAudio)
{
    /// <summary>The score that counts: the teacher's where they gave one, else the model's overall score.</summary>
    public double? FinalScore => TeacherScore ?? Scores?.Total;

    /// <summary>Whether the teacher has scored the take or commented on it (the student sees it as soon as it is saved).</summary>
    public bool IsReviewed => TeacherScore is not null || TeacherComment is not null;
}

/// <summary>A word or a sound that keeps going wrong across a student's read-aloud takes.</summary>
/// <param name="Text">The word, or the CMU phone (for example TH).</param>
/// <param name="Times">How many times it was weak or wrong.</param>
/// <param name="Seen">How many times it was read at all.</param>
/// <param name="AverageAccuracy">Its mean accuracy over all readings, 0–100.</param>
public sealed record TroubleSpot(string Text, int Times, int Seen, double AverageAccuracy);

/// <summary>A student's speaking history: every take (oldest first) and what keeps going wrong.</summary>
public sealed record SpeakingHistory(IReadOnlyList<SpeakingAttemptView> Attempts, IReadOnlyList<TroubleSpot> Words, IReadOnlyList<TroubleSpot> Sounds);

/// <summary>What a read-aloud take is read against: an assignment's passage or a built-in drill.</summary>
public sealed record ReadAloudTarget(Guid? AssignmentId, string? DrillKey)
{
    public static ReadAloudTarget ForAssignment(Guid assignmentId) => new(assignmentId, null);

    public static ReadAloudTarget ForDrill(string key) => new(null, key);
}

/// <summary>The teacher's override of a take's score.</summary>
public sealed record SpeakingReview(double? Score, string? Comment);

internal static class SpeakingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);
}

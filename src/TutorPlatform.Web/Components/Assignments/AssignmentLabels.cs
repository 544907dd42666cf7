using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

/// <summary>Words for enum values, shared by the teacher's and the student's views.</summary>
public static class AssignmentLabels
{
    public static string Genre(EssayGenre genre) => genre switch
    {
        EssayGenre.ResponseToText => "Response to a text",
        _ => genre.ToString(),
    };

    public static string Mode(SpeakingMode mode) => mode == SpeakingMode.ReadAloud ? "Read aloud" : "Role-play";

    public static string Kind(AssignmentKind kind) => kind == AssignmentKind.Essay ? "Essay" : "Speaking";

    /// <summary>"1–5", or "0–10.5" for a trait on a finer scale.</summary>
    public static string Range(RubricTrait trait) => $"{trait.Min:0.##}–{trait.Max:0.##}";
}

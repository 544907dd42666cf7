using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace TutorPlatform.Core.Assignments;

/// <summary>What a teacher fills in for an assignment of either kind; the fields of the other kind are ignored.</summary>
public sealed class AssignmentInput : IValidatableObject
{
    public AssignmentKind Kind { get; set; }

    [Required(ErrorMessage = "Give the assignment a title.")]
    [StringLength(Assignment.TitleMaxLength, MinimumLength = 2, ErrorMessage = "The title must be 2 to 200 characters.")]
    public string Title { get; set; } = "";

    [StringLength(Assignment.InstructionsMaxLength, ErrorMessage = "Instructions can have at most 4000 characters.")]
    public string? Instructions { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When students first see it; empty means as soon as it is published.</summary>
    public DateTimeOffset? PublishAt { get; set; }

    [StringLength(EssaySettings.PromptMaxLength, ErrorMessage = "The prompt can have at most 4000 characters.")]
    public string? EssayPrompt { get; set; }

    public EssayGenre EssayGenre { get; set; } = EssayGenre.Argumentative;

    [Range(50, 3000, ErrorMessage = "The target length must be between 50 and 3000 words.")]
    public int EssayTargetWords { get; set; } = 350;

    /// <summary>Empty means the default six analytic traits on 1–5.</summary>
    public List<RubricTrait>? EssayRubric { get; set; }

    public SpeakingMode SpeakingMode { get; set; } = SpeakingMode.ReadAloud;

    [StringLength(SpeakingSettings.PassageMaxLength, ErrorMessage = "A passage can have at most 1000 characters (about 150 words, what a student reads aloud in the one minute a take may last).")]
    public string? SpeakingPassage { get; set; }

    [StringLength(SpeakingSettings.TextMaxLength, ErrorMessage = "The scenario can have at most 4000 characters.")]
    public string? SpeakingScenario { get; set; }

    public List<string> SpeakingGoals { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == AssignmentKind.Essay && string.IsNullOrWhiteSpace(EssayPrompt))
        {
            yield return new ValidationResult("An essay assignment needs a prompt.", [nameof(EssayPrompt)]);
        }

        if (Kind == AssignmentKind.Essay && EssayRubric is { Count: > 0 } rubric)
        {
            if (rubric.Any(t => string.IsNullOrWhiteSpace(t.Name) || t.Max <= t.Min))
            {
                yield return new ValidationResult("Each rubric trait needs a name and a maximum above its minimum.", [nameof(EssayRubric)]);
            }

            // The model's scores are on 1–5: a rescaled Cohesion would show the student 3.5 "of 10".
            if (rubric.FirstOrDefault(t => Rubrics.IsScoredByModel(t) && (t.Min != 1 || t.Max != 5)) is { } rescaled)
            {
                yield return new ValidationResult(
                    $"The AI scores {rescaled.Name} on 1–5, so its scale stays 1–5. Add a trait of your own for another scale.", [nameof(EssayRubric)]);
            }
        }

        if (Kind == AssignmentKind.Speaking && SpeakingMode == SpeakingMode.ReadAloud && string.IsNullOrWhiteSpace(SpeakingPassage))
        {
            yield return new ValidationResult("A read-aloud assignment needs a passage to read.", [nameof(SpeakingPassage)]);
        }

        if (Kind == AssignmentKind.Speaking && SpeakingMode == SpeakingMode.RolePlay)
        {
            if (string.IsNullOrWhiteSpace(SpeakingScenario))
            {
                yield return new ValidationResult("A role-play needs a scenario.", [nameof(SpeakingScenario)]);
            }

            if (!SpeakingGoals.Any(g => !string.IsNullOrWhiteSpace(g)))
            {
                yield return new ValidationResult("A role-play needs at least one goal.", [nameof(SpeakingGoals)]);
            }
        }

        if (DueAt is { } due && PublishAt is { } publish && due <= publish)
        {
            yield return new ValidationResult("The due date must come after the date students first see it.", [nameof(DueAt)]);
        }
    }
}

public sealed record AssignmentDetails(
    Guid Id,
    Guid ClassId,
    string ClassName,
    AssignmentKind Kind,
    string Title,
    string? Instructions,
    AssignmentState State,
    AssignmentStatus Status,
    DateTimeOffset? PublishAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    EssaySettings? Essay,
    SpeakingSettings? Speaking)
{
    public AssignmentInput ToInput() => new()
    {
        Kind = Kind,
        Title = Title,
        Instructions = Instructions,
        DueAt = DueAt,
        PublishAt = PublishAt,
        EssayPrompt = Essay?.Prompt,
        EssayGenre = Essay?.Genre ?? EssayGenre.Argumentative,
        EssayTargetWords = Essay?.TargetWords ?? 350,
        EssayRubric = Essay?.Rubric.Select(t => new RubricTrait { Key = t.Key, Name = t.Name, Description = t.Description, Min = t.Min, Max = t.Max }).ToList(),
        SpeakingMode = Speaking?.Mode ?? SpeakingMode.ReadAloud,
        SpeakingPassage = Speaking?.Passage,
        SpeakingScenario = Speaking?.Scenario,
        SpeakingGoals = Speaking?.Goals.ToList() ?? [],
    };
}

/// <summary>Where an assignment stands for one student.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudentAssignmentStatus>))]
public enum StudentAssignmentStatus
{
    ToDo,
    DueSoon,
    Overdue,
    Submitted,
    Closed,

    /// <summary>Handed in, and the teacher has released their review: there is something new to read.</summary>
    Returned,
}

public sealed record StudentAssignment(
    Guid Id,
    Guid ClassId,
    string ClassName,
    AssignmentKind Kind,
    string Title,
    DateTimeOffset? DueAt,
    StudentAssignmentStatus Status,
    SpeakingMode SpeakingMode = SpeakingMode.ReadAloud)
{
    /// <summary>A role-play: the student needs the large model to start it.</summary>
    public bool IsRolePlay => Kind == AssignmentKind.Speaking && SpeakingMode == SpeakingMode.RolePlay;
}

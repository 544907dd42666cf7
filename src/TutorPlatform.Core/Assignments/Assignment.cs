using System.Text.Json.Serialization;
using TutorPlatform.Core.Classes;

namespace TutorPlatform.Core.Assignments;

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentKind>))]
public enum AssignmentKind
{
    Essay,
    Speaking,
}

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentState>))]
public enum AssignmentState
{
    /// <summary>Being written; students do not see it.</summary>
    Draft,

    /// <summary>Visible to students from <see cref="Assignment.PublishAt"/> (or at once when that is empty).</summary>
    Published,

    /// <summary>No more work accepted; students still see it and their work.</summary>
    Closed,
}

[JsonConverter(typeof(JsonStringEnumConverter<EssayGenre>))]
public enum EssayGenre
{
    Argumentative,
    Narrative,
    Expository,
    Descriptive,
    Persuasive,
    ResponseToText,
}

[JsonConverter(typeof(JsonStringEnumConverter<SpeakingMode>))]
public enum SpeakingMode
{
    ReadAloud,
    RolePlay,
}

public sealed class Assignment
{
    public const int TitleMaxLength = 200;
    public const int InstructionsMaxLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ClassId { get; set; }
    public SchoolClass? Class { get; set; }
    public AssignmentKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Instructions { get; set; }
    public AssignmentState State { get; set; }
    public DateTimeOffset? PublishAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public EssaySettings? Essay { get; set; }
    public SpeakingSettings? Speaking { get; set; }

    /// <summary>Postgres xmin: two teachers editing at once get a conflict, not a silent overwrite.</summary>
    public uint Version { get; set; }

    public bool IsVisibleToStudents(DateTimeOffset now) =>
        State == AssignmentState.Closed || (State == AssignmentState.Published && (PublishAt is null || PublishAt <= now));

    public AssignmentStatus StatusAt(DateTimeOffset now) => State switch
    {
        AssignmentState.Draft => AssignmentStatus.Draft,
        AssignmentState.Closed => AssignmentStatus.Closed,
        _ when PublishAt > now => AssignmentStatus.Scheduled,
        _ => AssignmentStatus.Open,
    };
}

/// <summary>What a teacher sees in lists: the stored state combined with the schedule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus
{
    Draft,
    Scheduled,
    Open,
    Closed,
}

public sealed class EssaySettings
{
    public const int PromptMaxLength = 4000;

    public string Prompt { get; set; } = "";
    public EssayGenre Genre { get; set; }
    public int TargetWords { get; set; }
    public List<RubricTrait> Rubric { get; set; } = [];
}

public sealed class RubricTrait
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public double Min { get; set; } = 1;
    public double Max { get; set; } = 5;
}

public sealed class SpeakingSettings
{
    public const int TextMaxLength = 4000;

    /// <summary>
    /// A read-aloud passage's limit: a take is at most a minute, about 150 words read aloud; a longer text could not be
    /// read within it, and scoring a short take against a long text keeps a core busy for minutes.
    /// </summary>
    public const int PassageMaxLength = 1000;

    public SpeakingMode Mode { get; set; }
    public string? Passage { get; set; }
    public string? Scenario { get; set; }
    public List<string> Goals { get; set; } = [];
}

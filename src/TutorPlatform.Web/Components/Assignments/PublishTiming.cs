namespace TutorPlatform.Web.Components.Assignments;

/// <summary>The checks a schedule must pass before it goes to the service (which checks the due date again).</summary>
public static class PublishTiming
{
    /// <summary>Null when <paramref name="publishAt"/> is a usable schedule; otherwise what is wrong, in words.</summary>
    public static string? Check(DateTimeOffset? publishAt, DateTimeOffset? dueAt, DateTimeOffset now) => publishAt switch
    {
        null => "Pick the date and time when students first see it.",
        { } at when at <= now => "Pick a moment in the future, or use Publish now.",
        { } at when dueAt is { } due && due <= at => "Students must see it before it is due: pick an earlier moment or move the due date.",
        _ => null,
    };
}

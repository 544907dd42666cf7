using System.Globalization;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>
/// The signed-in user's time zone, cascaded from the layout once the browser has told us which it is.
/// The server runs on UTC; until the browser answers, times are shown in UTC and say so.
/// </summary>
public sealed record UserTime(TimeZoneInfo Zone)
{
    public static readonly UserTime Utc = new(TimeZoneInfo.Utc);

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public bool IsUtc => Zone.Id == TimeZoneInfo.Utc.Id;

    /// <summary>The user's zone for an IANA id from the browser, or UTC when the id is unknown here.</summary>
    public static UserTime FromTimeZoneId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new UserTime(zone) : Utc;
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant of a wall-clock date and time in the user's zone; a time skipped by a clock change moves forward an hour.</summary>
    public DateTimeOffset FromLocal(DateTime date, TimeSpan timeOfDay)
    {
        var local = DateTime.SpecifyKind(date.Date + timeOfDay, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>For example "Tue 8 Dec 2026, 17:00" (with " UTC" while the user's zone is unknown).</summary>
    public string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("ddd d MMM yyyy, HH:mm", English) + (IsUtc ? " UTC" : "");

    /// <summary>For example "8 Dec 2026".</summary>
    public string FormatDate(DateTimeOffset instant) => ToLocal(instant).ToString("d MMM yyyy", English);
}

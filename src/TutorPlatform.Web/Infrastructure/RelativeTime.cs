namespace TutorPlatform.Web.Infrastructure;

/// <summary>How far away a due date is, in words a student reads at a glance ("due in 3 days").</summary>
public static class RelativeTime
{
    public static string Due(DateTimeOffset due, DateTimeOffset now)
    {
        var span = due - now;
        var ahead = span >= TimeSpan.Zero;
        var size = ahead ? span : -span;
        if (size < TimeSpan.FromMinutes(1))
        {
            return "due now";
        }

        var amount = size switch
        {
            _ when size < TimeSpan.FromHours(1) => Count((int)size.TotalMinutes, "minute"),
            _ when size < TimeSpan.FromDays(1) => Count((int)size.TotalHours, "hour"),
            _ => Count((int)size.TotalDays, "day"),
        };
        return ahead ? $"due in {amount}" : $"was due {amount} ago";
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}

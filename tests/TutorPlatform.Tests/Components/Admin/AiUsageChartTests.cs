using Bunit;
using TutorPlatform.Core.Ai;
using TutorPlatform.Web.Components.Admin;

namespace TutorPlatform.Tests.Components.Admin;

public sealed class AiUsageChartTests : BunitContext
{
    [Fact]
    public void Render_DrawsABarPerBucketWithErrorsOnTopAndTheLatencyLine()
    {
        var start = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        AiUsagePoint[] points =
        [
            new(start, 10, 0, 100, 50, 800),
            new(start.AddDays(1), 20, 5, 200, 80, 1500),
            new(start.AddDays(2), 0, 0, 0, 0, null),
        ];

        var cut = Render<AiUsageChart>(p => p.Add(x => x.Points, points).Add(x => x.Daily, true));

        Assert.Equal(3, cut.FindAll("rect.ok").Count);
        var errors = cut.FindAll("rect.error");
        Assert.Equal("0", errors[0].GetAttribute("height"));
        Assert.NotEqual("0", errors[1].GetAttribute("height"));
        Assert.Equal(2, cut.Find("polyline.latency-line").GetAttribute("points")!.Split(' ').Length); // the empty day has no latency
        Assert.Contains("2026-11-21 UTC: 20 calls, 5 errors, p95 1.5 s", cut.FindAll("title")[1].TextContent);
        Assert.Contains("11-22", cut.Markup);
    }
}

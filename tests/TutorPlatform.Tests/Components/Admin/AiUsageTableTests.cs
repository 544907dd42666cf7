using Bunit;
using TutorPlatform.Core.Ai;
using TutorPlatform.Web.Components.Admin;

namespace TutorPlatform.Tests.Components.Admin;

public sealed class AiUsageTableTests : MudComponentTest
{
    [Fact]
    public void Render_WithStats_ShowsOneRowPerFeatureWithRatesPercentilesAndTokens()
    {
        IReadOnlyList<AiFeatureUsage> features =
        [
            new("playground", 10, 2, 550.4, 955, 991, 1_200, 345),
            new("essay-feedback", 3, 0, null, null, null, 0, 0),
        ];

        var cut = Render<AiUsageTable>(p => p.Add(c => c.Features, features));

        var rows = cut.FindAll("[data-testid=ai-usage-row]")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["playground", "10", "20.0 %", "550", "955", "991", "1,200", "345"], rows[0]);
        Assert.Equal(["essay-feedback", "3", "0.0 %", "–", "–", "–", "0", "0"], rows[1]);
        Assert.Empty(cut.FindAll("[data-testid=ai-usage-empty]"));
    }

    [Fact]
    public void Render_WithNoCalls_ShowsEmptyState()
    {
        var cut = Render<AiUsageTable>(p => p.Add(c => c.Features, Array.Empty<AiFeatureUsage>()));

        Assert.Contains("No large-model calls", cut.Find("[data-testid=ai-usage-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=ai-usage-table]"));
    }
}

using MudBlazor;

namespace TutorPlatform.Web.Components.Layout;

internal static class TutorTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2b5f9e",
            Secondary = "#2e7d6b",
            AppbarBackground = "#1f4677",
            Background = "#f6f8fb",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}

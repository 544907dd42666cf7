using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TutorPlatform.BrowserTests;

/// <summary>The admin Models page in a real browser, on the real runtimes: llama.cpp with stories260K, pocketsphinx and ffmpeg.</summary>
public sealed class ModelsPageTests(ModelsAppFixture app) : IClassFixture<ModelsAppFixture>
{
    [Fact]
    public async Task Admin_StreamsAnAnswerAndRecognisesAndAlignsAClip()
    {
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await SignInAsAdminAsync(context);
        // Let the landing page and its circuit settle first: a link followed while they still start up can lose the
        // navigation to the landing page's late render.
        await page.WaitForURLAsync(new Regex("/teacher/classes$"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByRole(AriaRole.Link, new() { Name = "Models" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/models$"));

        var runtimes = page.GetByTestId("runtime-states");
        await Assertions.Expect(runtimes.GetByTestId("runtime-chat")).ToContainTextAsync("stories260K");
        await Assertions.Expect(runtimes.GetByTestId("runtime-recognizer")).ToContainTextAsync("Available");
        await Assertions.Expect(runtimes.GetByTestId("runtime-decoder")).ToContainTextAsync("ffmpeg at");

        // The answer grows piece by piece while the call runs, then the call ends.
        var answer = page.GetByTestId("chat-answer");
        var prompt = page.GetByTestId("chat-prompt");
        await FillOnceInteractiveAsync(prompt, "Once upon a time", page.GetByTestId("chat-send"));
        await page.GetByTestId("chat-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-progress")).ToHaveTextAsync(new Regex(@"^Answered in .* s, \d+ pieces\.$"), new() { Timeout = 60_000 });
        Assert.True((await answer.InnerTextAsync()).Trim().Length > 20, await answer.InnerTextAsync());
        Assert.Equal(0, await page.GetByTestId("chat-error").CountAsync());
        await Assertions.Expect(runtimes.GetByTestId("runtime-chat")).ToContainTextAsync("Loaded");
        await page.GetByTestId("chat-playground").ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "models-chat.png") });

        await page.Locator("#speech-clip").SetInputFilesAsync(Path.Combine(AppServerFixture.SharedDirectory, "data", "asr", "ljspeech", "wav", "LJ001-0002.wav"));
        await Assertions.Expect(page.GetByTestId("speech-clip-name")).ToContainTextAsync("LJ001-0002.wav");
        await page.GetByTestId("speech-reference").FillAsync("in being comparatively modern");
        await page.GetByTestId("speech-run").ClickAsync();

        var aligned = page.GetByTestId("aligned-words").Locator("tbody tr");
        await Assertions.Expect(aligned).ToHaveCountAsync(4, new() { Timeout = 60_000 });
        await Assertions.Expect(aligned.Nth(2)).ToContainTextAsync("comparatively");
        Assert.True(await page.GetByTestId("recognized-words").Locator("tbody tr").CountAsync() >= 3);
        await Assertions.Expect(page.GetByTestId("speech-recognition")).ToContainTextAsync("comparatively");
        await page.GetByTestId("speech-playground").ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "models-speech.png") });
    }

    [Fact]
    public async Task Admin_OnAPhone_SeesEveryRuntimeDetailWithoutTablesScrollingSideways()
    {
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        var page = await SignInAsAdminAsync(context);
        await page.WaitForURLAsync(new Regex("/teacher/classes$"));
        await page.GotoAsync("/admin/models");
        await Assertions.Expect(page.GetByTestId("runtime-decoder")).ToContainTextAsync("ffmpeg at");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServerFixture.ScreenshotDirectory, "models-phone.png"), FullPage = true });

        foreach (var table in new[] { "runtimes", "model-files" })
        {
            // The table's own box scrolled sideways before, hiding the details column past the screen's edge.
            var widths = await page.GetByTestId(table).Locator(".mud-table-container").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"The {table} table scrolls sideways on a 390 px phone: {widths[0]} px of content in {widths[1]} px.");
        }

        var details = await page.GetByTestId("runtime-decoder").Locator("td").Last.BoundingBoxAsync();
        Assert.NotNull(details);
        Assert.True(details.X + details.Width <= 390, $"The decoder's details end at {details.X + details.Width} px, past the 390 px screen.");
    }

    /// <summary>A page in the context, signed in as the fixture's admin (the sign-in's redirect is left to the caller).</summary>
    private static async Task<IPage> SignInAsAdminAsync(IBrowserContext context)
    {
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(ModelsAppFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ModelsAppFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    // The page is prerendered: text typed before the circuit is up is replaced when it attaches, so type until the
    // button that the text enables is enabled.
    private static async Task FillOnceInteractiveAsync(ILocator field, string text, ILocator enabledButton)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await field.FillAsync(text);
            try
            {
                await Assertions.Expect(enabledButton).ToBeEnabledAsync(new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException)
            {
                // Not interactive yet.
            }
        }

        await Assertions.Expect(enabledButton).ToBeEnabledAsync();
    }
}

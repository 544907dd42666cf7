using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using TutorPlatform.Core.Ai;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Tests.Components;

/// <summary>A bUnit context with what MudBlazor components and ours need: Mud services, loose JS interop and a fixed clock.</summary>
public abstract class MudComponentTest : BunitContext
{
    /// <summary>"Now" in every component test: Tuesday 10 November 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        Services.AddScoped<BrowserInterop>();
        Services.AddScoped<TutorPlatform.Web.Components.Speaking.SpeakingInterop>();
        Services.AddSingleton<IChatModelStatus>(ChatStatus);

        // As in the browser once the circuit is up; a test of the prerendered state sets it back.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Whether a large model is configured, as components ask it (none, until a test says otherwise).</summary>
    protected ChatStatusStub ChatStatus { get; } = new();

    /// <summary>Renders the providers that host MudBlazor's dialogs and popovers, as the layout does.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogHost()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>The validation and error texts MudBlazor shows under inputs (without a field's character counter).</summary>
    protected static IReadOnlyList<string> FieldErrors(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut) =>
        cut.FindAll(".mud-input-helper-text.mud-input-error")
            .Select(e => (e.QuerySelector(".me-auto") ?? e).TextContent.Trim())
            .Where(t => t.Length > 0)
            .ToList();

    protected sealed class ChatStatusStub : IChatModelStatus
    {
        public bool IsConfigured { get; set; }

        public string NotConfiguredMessage => ChatModelStatus.NoModelMessage;

        public ChatModelHealth Describe() => new("test", null, null, IsConfigured, null, null, null, null, "test");
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

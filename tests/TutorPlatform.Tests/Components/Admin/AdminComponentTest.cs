using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace TutorPlatform.Tests.Components.Admin;

/// <summary>
/// Like <see cref="MudComponentTest"/>, but each test registers its own runtime fakes first: bUnit takes no
/// registrations once the renderer exists, so the interactive renderer is set only when a test renders.
/// </summary>
public abstract class AdminComponentTest : BunitContext
{
    protected AdminComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
    }

    protected IRenderedComponent<TComponent> RenderInteractive<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters);
    }
}

using Microsoft.JSInterop;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>The few things only the browser knows or can do: its time zone and the clipboard. One per circuit.</summary>
public sealed class BrowserInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    /// <summary>The browser's IANA time zone id, or null when it cannot tell (or is not connected yet).</summary>
    public async Task<string?> GetTimeZoneAsync()
    {
        try
        {
            var module = await ModuleAsync();
            return await module.InvokeAsync<string?>("timeZone");
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>True when the text reached the clipboard.</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            var module = await ModuleAsync();
            return await module.InvokeAsync<bool>("copyText", text);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true } module)
        {
            try
            {
                await module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // the circuit is gone, and with it the module
            }
        }
    }

    private Task<IJSObjectReference> ModuleAsync() =>
        _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/tutor.js").AsTask();
}

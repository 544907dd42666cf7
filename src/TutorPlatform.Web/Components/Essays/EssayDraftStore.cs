using Microsoft.JSInterop;

namespace TutorPlatform.Web.Components.Essays;

/// <summary>The browser's own copy of an essay draft (wwwroot/js/essay-draft.js), kept on every keystroke.</summary>
public sealed class EssayDraftStore(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    public sealed record BrowserDraft(string Text, long At)
    {
        public DateTimeOffset SavedAt => DateTimeOffset.FromUnixTimeMilliseconds(At);
    }

    public Task WatchAsync(string containerId, string key) => TryAsync(m => m.InvokeVoidAsync("watch", containerId, key).AsTask());

    public async Task<BrowserDraft?> ReadAsync(string key)
    {
        BrowserDraft? draft = null;
        await TryAsync(async m => draft = await m.InvokeAsync<BrowserDraft?>("read", key));
        return draft;
    }

    public Task ForgetIfSavedAsync(string key, string savedText) => TryAsync(m => m.InvokeVoidAsync("forgetIfSaved", key, savedText).AsTask());

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

    // The browser copy is a safety net: when the browser cannot be reached, the server copy is all there is.
    private async Task TryAsync(Func<IJSObjectReference, Task> call)
    {
        try
        {
            _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/essay-draft.js").AsTask();
            await call(await _module);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            _module = null;
        }
    }
}

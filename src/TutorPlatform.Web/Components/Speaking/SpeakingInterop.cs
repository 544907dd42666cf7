using Microsoft.JSInterop;

namespace TutorPlatform.Web.Components.Speaking;

/// <summary>The browser's speech synthesis, for "hear this word" and the role-play partner's voice. One per circuit.</summary>
public sealed class SpeakingInterop(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    /// <summary>Says the text aloud; false where the browser has no speech synthesis (or the circuit is gone).</summary>
    public async Task<bool> SpeakAsync(string text, double rate = 0.9)
    {
        try
        {
            var module = await (_module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/recorder.js").AsTask());
            return await module.InvokeAsync<bool>("speak", text, rate);
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
                await module.Result.InvokeVoidAsync("stopSpeaking");
                await module.Result.DisposeAsync();
            }
            catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
            {
                // the circuit is gone
            }
        }
    }
}

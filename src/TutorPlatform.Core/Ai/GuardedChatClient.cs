using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Core.Ai;

/// <summary>
/// The outer layer of every registered large-model client: at most <c>MaxConcurrency</c> calls in flight, a deadline
/// (and, for streams, an idle limit between pieces), the caller's cancellation passed through, each outcome recorded
/// in <see cref="ChatModelStatus"/>, and every provider failure turned into a <see cref="ChatModelException"/> that
/// says plainly what happened. Retries and the circuit breaker live below, on the HTTP pipeline of the openai provider.
/// </summary>
public sealed class GuardedChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxConcurrency;
    private readonly TimeSpan _callTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly ChatModelStatus _status;
    private readonly string _what;

    /// <param name="callTimeout">Longest wait for a whole non-streaming call, or for a stream's first piece (queueing included).</param>
    /// <param name="idleTimeout">Longest wait between two pieces of a stream.</param>
    public GuardedChatClient(IChatClient inner, ChatModelStatus status, int maxConcurrency, TimeSpan callTimeout, TimeSpan idleTimeout)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _maxConcurrency = maxConcurrency;
        _callTimeout = callTimeout;
        _idleTimeout = idleTimeout;
        _status = status;
        _what = status.Provider == ChatProviders.LlamaCpp ? $"the in-process model {status.Model}" : $"the model server at {status.Location}";
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_callTimeout);
        var slot = false;
        try
        {
            await _slots.WaitAsync(deadline.Token).ConfigureAwait(false);
            slot = true;
            var response = await base.GetResponseAsync(messages, options, deadline.Token).ConfigureAwait(false);
            _status.RecordSuccess();
            return response;
        }
        catch (Exception ex) when (Translate(ex, slot, _callTimeout, cancellationToken) is { } translated)
        {
            _status.RecordFailure(translated.Message);
            throw translated;
        }
        finally
        {
            if (slot)
            {
                _slots.Release();
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_callTimeout);
        var slot = false;
        try
        {
            try
            {
                await _slots.WaitAsync(deadline.Token).ConfigureAwait(false);
                slot = true;
            }
            catch (Exception ex) when (Translate(ex, slot, _callTimeout, cancellationToken) is { } translated)
            {
                _status.RecordFailure(translated.Message);
                throw translated;
            }

            var limit = _callTimeout;
            await using var updates = base.GetStreamingResponseAsync(messages, options, deadline.Token).GetAsyncEnumerator(deadline.Token);
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (Translate(ex, slot, limit, cancellationToken) is { } translated)
                {
                    _status.RecordFailure(translated.Message);
                    throw translated;
                }

                // From the first piece on, the limit is the wait for the next one.
                limit = _idleTimeout;
                deadline.CancelAfter(_idleTimeout);
                yield return updates.Current;
            }

            _status.RecordSuccess();
        }
        finally
        {
            if (slot)
            {
                _slots.Release();
            }
        }
    }

    // _slots is deliberately not disposed: a SemaphoreSlim whose wait handle is never used holds nothing unmanaged,
    // and a call still streaming while the host shuts down must be able to release its slot instead of throwing
    // ObjectDisposedException over the cancellation it should report.

    /// <summary>The exception to throw instead of <paramref name="ex"/>; null to let it pass (the caller's own cancellation, misuse).</summary>
    private ChatModelException? Translate(Exception ex, bool hadSlot, TimeSpan limit, CancellationToken callerToken)
    {
        if (ex is ChatModelException)
        {
            return null;
        }

        if (ex is OperationCanceledException && callerToken.IsCancellationRequested)
        {
            return null; // the user left: not a failure of the model
        }

        if (ex is OperationCanceledException || Find<TimeoutRejectedException>(ex) is not null)
        {
            var message = hadSlot
                ? $"No answer from {_what} within {limit.TotalSeconds:0.#} s."
                : $"All {_maxConcurrency} call slot(s) for {_what} stayed busy for {limit.TotalSeconds:0.#} s; try again later.";
            return new ChatModelException(ChatModelFailure.Timeout, message, ex);
        }

        if (Find<BrokenCircuitException>(ex) is { } broken)
        {
            return new ChatModelException(ChatModelFailure.Unavailable,
                $"{Capital(_what)} failed repeatedly, so calls are paused for a while (circuit open).", broken);
        }

        if (Find<ClientResultException>(ex) is { } result)
        {
            if (result.Status == 0)
            {
                return new ChatModelException(ChatModelFailure.Unavailable, $"Could not reach {_what}: {Innermost(ex).Message}", ex);
            }

            var retried = result.Status is 408 or 429 or >= 500 ? " (after retries)" : "";
            return new ChatModelException(ChatModelFailure.Unavailable,
                $"{Capital(_what)} answered HTTP {result.Status}{retried}: {Shorten(result.Message)}", ex)
            {
                StatusCode = result.Status,
            };
        }

        if (Find<HttpRequestException>(ex) is { } http)
        {
            return new ChatModelException(ChatModelFailure.Unavailable, $"Could not reach {_what}: {http.Message}", ex)
            {
                StatusCode = (int?)http.StatusCode,
            };
        }

        if (Find<JsonException>(ex) is not null || ex is FormatException or KeyNotFoundException)
        {
            return new ChatModelException(ChatModelFailure.MalformedResponse, $"{Capital(_what)} sent a reply that is not a valid chat completion: {Shorten(Innermost(ex).Message)}", ex);
        }

        if (Find<LlamaModelLoadException>(ex) is { } load)
        {
            return new ChatModelException(ChatModelFailure.Unavailable, $"The in-process model could not be loaded: {load.Message}", ex);
        }

        if (Find<LlamaNativeLibraryException>(ex) is { } native)
        {
            return new ChatModelException(ChatModelFailure.Unavailable, native.Message, ex);
        }

        if (Find<LlamaContextFullException>(ex) is { } full)
        {
            return new ChatModelException(ChatModelFailure.Unavailable, $"The conversation is too long for the model's context: {full.Message}", ex);
        }

        if (Find<LlamaCppException>(ex) is { } llama)
        {
            return new ChatModelException(ChatModelFailure.Unavailable, $"The in-process model failed: {llama.Message}", ex);
        }

        return null;
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}

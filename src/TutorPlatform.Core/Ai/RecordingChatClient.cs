using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace TutorPlatform.Core.Ai;

/// <summary>
/// Sits outside <see cref="GuardedChatClient"/> and queues one <see cref="AiCallRecord"/> per call or stream: the
/// feature and prompt from <see cref="AiCallTags"/>, latency, time to first piece, tokens and the outcome.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly AiCallRecorder _recorder;
    private readonly AiRecordingOptions _options;
    private readonly string _provider;
    private readonly string _model;
    private readonly TimeProvider _time;

    public RecordingChatClient(IChatClient inner, AiCallRecorder recorder, AiRecordingOptions options, string provider, string? model, TimeProvider? time = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(options);
        _recorder = recorder;
        _options = options;
        _provider = provider;
        _model = model ?? "";
        _time = time ?? TimeProvider.System;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var record = Start(list, options);
        var started = _time.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(list, WithoutTags(options), cancellationToken).ConfigureAwait(false);
            record.TokensIn = response.Usage?.InputTokenCount;
            record.TokensOut = response.Usage?.OutputTokenCount;
            if (_options.IncludeText)
            {
                record.ResponseText = response.Text;
            }

            Finish(record, started, null);
            return response;
        }
        catch (Exception ex)
        {
            Finish(record, started, ex);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var record = Start(list, options);
        var started = _time.GetTimestamp();
        var text = _options.IncludeText ? new StringBuilder() : null;
        Exception? failure = null;
        var completed = false;
        try
        {
            await using var updates = base.GetStreamingResponseAsync(list, WithoutTags(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }

                var update = updates.Current;
                record.TimeToFirstTokenMs ??= Milliseconds(started);
                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    record.TokensIn = Add(record.TokensIn, usage.Details.InputTokenCount);
                    record.TokensOut = Add(record.TokensOut, usage.Details.OutputTokenCount);
                }

                text?.Append(update.Text);
                yield return update;
            }

            completed = true;
        }
        finally
        {
            record.ResponseText = text?.ToString();
            // A consumer that stops reading early (and disposes the stream) has cancelled the call.
            Finish(record, started, failure ?? (completed ? null : new OperationCanceledException()));
        }
    }

    private AiCallRecord Start(IList<ChatMessage> messages, ChatOptions? options) => new()
    {
        At = _time.GetUtcNow(),
        Feature = Truncate(AiCallTags.Feature(options), AiCallRecord.FeatureMaxLength)!,
        Prompt = Truncate(AiCallTags.Prompt(options), AiCallRecord.PromptMaxLength),
        Provider = Truncate(_provider, AiCallRecord.ProviderMaxLength)!,
        Model = Truncate(options?.ModelId ?? _model, AiCallRecord.ModelMaxLength)!,
        PromptText = _options.IncludeText ? string.Join("\n\n", messages.Select(m => $"{m.Role}: {m.Text}")) : null,
    };

    private void Finish(AiCallRecord record, long started, Exception? ex)
    {
        record.LatencyMs = Milliseconds(started);
        record.Outcome = ex switch
        {
            null => AiCallOutcome.Success,
            ChatModelException { Failure: ChatModelFailure.Timeout } => AiCallOutcome.Timeout,
            ChatModelException { Failure: ChatModelFailure.Unavailable or ChatModelFailure.NotConfigured } => AiCallOutcome.Unavailable,
            ChatModelException { Failure: ChatModelFailure.MalformedResponse or ChatModelFailure.InvalidAnswer } => AiCallOutcome.MalformedResponse,
            // The guard turns its own deadlines into ChatModelException, so what is left is the caller leaving.
            OperationCanceledException => AiCallOutcome.Cancelled,
            TimeoutException => AiCallOutcome.Timeout,
            _ => AiCallOutcome.Error,
        };
        record.Error = ex is null || record.Outcome == AiCallOutcome.Cancelled ? null : Truncate(ex.Message, AiCallRecord.ErrorMaxLength);
        AiTelemetry.Record(record);
        _recorder.Enqueue(record);
    }

    /// <summary>The tags are for the recording only; providers that forward unknown properties must not see them.</summary>
    private static ChatOptions? WithoutTags(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties
            || (!properties.ContainsKey(AiCallTags.FeatureKey) && !properties.ContainsKey(AiCallTags.PromptKey)))
        {
            return options;
        }

        var clone = options.Clone();
        var rest = new AdditionalPropertiesDictionary(properties.Where(p => p.Key is not AiCallTags.FeatureKey and not AiCallTags.PromptKey));
        clone.AdditionalProperties = rest.Count == 0 ? null : rest;
        return clone;
    }

    private int Milliseconds(long started) => (int)Math.Min(int.MaxValue, _time.GetElapsedTime(started).TotalMilliseconds);

    private static long? Add(long? total, long? more) => more is null ? total : (total ?? 0) + more;

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}

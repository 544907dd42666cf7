using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace TutorPlatform.LlamaCpp;

/// <summary>
/// <see cref="IChatClient"/> over in-process llama.cpp. The model loads on first use (or <see cref="EnsureLoadedAsync"/>),
/// once per process per file; requests are served one at a time on one context, each from an empty memory.
/// Text only: tools and non-text content are refused.
/// </summary>
public sealed class LlamaCppChatClient : IChatClient
{
    /// <summary><see cref="ChatOptions.AdditionalProperties"/> key for min-p sampling (a float in [0, 1]).</summary>
    public const string MinPProperty = "min_p";

    private readonly LlamaCppChatClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChatClientMetadata _metadata;
    private LlamaModelCache.Lease? _lease;
    private LlamaContext? _context;
    private Exception? _loadError;
    private bool _disposed;

    public LlamaCppChatClient(LlamaCppChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelPath);
        _options = options;
        ModelId = options.ModelId ?? Path.GetFileNameWithoutExtension(options.ModelPath);
        _metadata = new ChatClientMetadata("llama.cpp", new Uri(Path.GetFullPath(options.ModelPath)), ModelId);
    }

    public string ModelId { get; }

    /// <summary>True once the model and its context are loaded.</summary>
    public bool IsLoaded => Volatile.Read(ref _context) is not null;

    /// <summary>The error of the last failed load, if any (a later successful load clears it).</summary>
    public Exception? LoadError => Volatile.Read(ref _loadError);

    /// <summary>The loaded model, or null before the first load.</summary>
    public LlamaModel? Model => _lease?.Model;

    /// <summary>The number of threads and the context size actually in use, once loaded.</summary>
    public (int Threads, int ContextSize)? ContextInfo => _context is { } c ? (c.Threads, c.ContextSize) : null;

    /// <summary>Loads the native libraries, the model and a context, unless already done.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(LoadUnderGate, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chat = ToLlamaMessages(messages);
        if (options?.Tools is { Count: > 0 })
        {
            throw new NotSupportedException("The in-process llama.cpp chat client does not call tools.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(LoadUnderGate, cancellationToken).ConfigureAwait(false);
            var context = _context!;
            var request = Prepare(context.Model, chat, options);
            var responseId = "llamacpp-" + Guid.NewGuid().ToString("N");
            var created = DateTimeOffset.UtcNow;
            var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var producer = Task.Run(() => Produce(context, request, channel.Writer, stop.Token), CancellationToken.None);
            try
            {
                await foreach (var text in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    // The generator may be ahead of the reader; a cancelled caller gets nothing more from the buffer.
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new ChatResponseUpdate(ChatRole.Assistant, text)
                    {
                        ResponseId = responseId,
                        MessageId = responseId,
                        ModelId = ModelId,
                        CreatedAt = created,
                    };
                }
            }
            finally
            {
                // Reached on completion, on an error, and when the caller stops enumerating: the native loop must end
                // before the context is handed to the next request.
                await stop.CancelAsync().ConfigureAwait(false);
                await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }

            var outcome = await producer.ConfigureAwait(false);
            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = ModelId,
                CreatedAt = created,
                FinishReason = outcome.FinishReason,
                Contents =
                [
                    new UsageContent(new UsageDetails
                    {
                        InputTokenCount = outcome.PromptTokens,
                        OutputTokenCount = outcome.OutputTokens,
                        TotalTokenCount = outcome.PromptTokens + outcome.OutputTokens,
                    }),
                ],
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(LlamaModel))
        {
            return Model;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // Wait for a running request to finish with the context before freeing it.
        _gate.Wait();
        try
        {
            _disposed = true;
            _context?.Dispose();
            _context = null;
            _lease?.Dispose();
            _lease = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void LoadUnderGate()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_context is not null)
        {
            return;
        }

        try
        {
            LlamaRuntime.Initialize(_options.NativeDirectory);
            _lease ??= LlamaModelCache.Acquire(_options.ModelPath);
            _context = _lease.Model.CreateContext(new LlamaContextOptions { ContextSize = _options.ContextSize, Threads = _options.Threads });
            Volatile.Write(ref _loadError, null);
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _loadError, ex);
            throw;
        }
    }

    private static List<LlamaChatMessage> ToLlamaMessages(IEnumerable<ChatMessage> messages)
    {
        var result = new List<LlamaChatMessage>();
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is not (TextContent or TextReasoningContent or UsageContent))
                {
                    throw new NotSupportedException($"The in-process llama.cpp chat client takes text only, not {content.GetType().Name}.");
                }
            }

            result.Add(new LlamaChatMessage(message.Role.Value, message.Text));
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("The chat has no messages.", nameof(messages));
        }

        return result;
    }

    private Request Prepare(LlamaModel model, List<LlamaChatMessage> chat, ChatOptions? options)
    {
        // Message text is data: special-token text inside it must not open or close turns.
        var safe = chat.Select(m => m with { Content = model.NeutralizeSpecialTokens(m.Content) }).ToList();
        var prompt = model.ApplyChatTemplate(safe, addAssistantPrompt: true, fallbackTemplate: _options.FallbackChatTemplate);

        // Templates that write the BOS text themselves must not get a second BOS from the tokenizer.
        var bosText = model.AddsBos ? Encoding.UTF8.GetString(model.TokenToPiece(model.BosToken, special: true)) : "";
        var addSpecial = bosText.Length == 0 || !prompt.Text.StartsWith(bosText, StringComparison.Ordinal);
        var tokens = model.Tokenize(prompt.Text, addSpecial, parseSpecial: true);

        var sampling = _options.DefaultSampling;
        if (options is not null)
        {
            sampling = sampling with
            {
                Temperature = options.Temperature ?? sampling.Temperature,
                TopP = options.TopP ?? sampling.TopP,
                TopK = options.TopK ?? sampling.TopK,
                Seed = options.Seed is { } seed ? unchecked((uint)seed) : sampling.Seed,
                MinP = options.AdditionalProperties?.TryGetValue(MinPProperty, out float minP) == true ? minP : sampling.MinP,
            };
        }

        // A JSON answer is enforced with llama.cpp's JSON grammar (any object: the schema itself is checked by the caller).
        if (options?.ResponseFormat is ChatResponseFormatJson)
        {
            sampling = sampling with { Grammar = LlamaGrammars.JsonObject };
        }

        var maxTokens = options?.MaxOutputTokens ?? _options.DefaultMaxOutputTokens;
        var stops = options?.StopSequences?.Where(s => s.Length > 0).ToArray() ?? [];
        return new Request(tokens, sampling, maxTokens, stops);
    }

    private static Outcome Produce(LlamaContext context, Request request, ChannelWriter<string> writer, CancellationToken cancellationToken)
    {
        try
        {
            using var sampler = LlamaSampler.Create(request.Sampling, context.Model);
            var generation = context.Generate(request.PromptTokens, sampler, request.MaxTokens, cancellationToken);
            var text = new StringBuilder();
            var emitted = 0;
            var holdBack = request.StopSequences.Length == 0 ? 0 : request.StopSequences.Max(s => s.Length) - 1;
            ChatFinishReason? finish = null;
            foreach (var token in generation)
            {
                text.Append(token.Text);
                if (request.StopSequences.Length > 0 && FindStop(text, Math.Max(0, emitted - holdBack), request.StopSequences) is { } stopAt)
                {
                    Emit(writer, text, ref emitted, stopAt);
                    finish = ChatFinishReason.Stop;
                    break;
                }

                Emit(writer, text, ref emitted, Math.Max(emitted, text.Length - holdBack));
            }

            if (finish is null)
            {
                Emit(writer, text, ref emitted, text.Length);
                finish = generation.StopReason == LlamaStopReason.EndOfGeneration ? ChatFinishReason.Stop : ChatFinishReason.Length;
            }

            writer.TryComplete();
            return new Outcome(request.PromptTokens.Length, generation.GeneratedTokenCount, finish.Value);
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    private static void Emit(ChannelWriter<string> writer, StringBuilder text, ref int emitted, int upTo)
    {
        if (upTo > emitted)
        {
            writer.TryWrite(text.ToString(emitted, upTo - emitted));
            emitted = upTo;
        }
    }

    private static int? FindStop(StringBuilder text, int from, string[] stops)
    {
        var tail = text.ToString(from, text.Length - from);
        int? best = null;
        foreach (var stop in stops)
        {
            var at = tail.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (best is null || from + at < best))
            {
                best = from + at;
            }
        }

        return best;
    }

    private sealed record Request(int[] PromptTokens, LlamaSamplingOptions Sampling, int MaxTokens, string[] StopSequences);

    private sealed record Outcome(int PromptTokens, int OutputTokens, ChatFinishReason FinishReason);
}

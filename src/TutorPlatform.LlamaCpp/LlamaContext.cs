using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using TutorPlatform.LlamaCpp.Native;

namespace TutorPlatform.LlamaCpp;

/// <summary>Inference context settings.</summary>
public sealed record LlamaContextOptions
{
    /// <summary>Context size in tokens (prompt plus answer); 0 takes the model's training context.</summary>
    public int ContextSize { get; init; } = 2048;

    /// <summary>Threads for generation and prompt processing; 0 uses one per processor.</summary>
    public int Threads { get; init; }

    /// <summary>Largest number of tokens handed to one native decode call.</summary>
    public int BatchSize { get; init; } = 512;
}

/// <summary>Why a generation ended.</summary>
public enum LlamaStopReason
{
    /// <summary>Not finished (still enumerating, or enumeration was abandoned).</summary>
    None,

    /// <summary>The model produced an end-of-generation token.</summary>
    EndOfGeneration,

    /// <summary>The requested maximum number of tokens was reached.</summary>
    MaxTokens,

    /// <summary>The context is full.</summary>
    ContextFull,
}

/// <summary>One generated token and the text it completes (empty while a multi-byte character is still incomplete).</summary>
public readonly record struct LlamaGeneratedToken(int Id, string Text);

/// <summary>llama.cpp's own timings for a context since its last reset.</summary>
public readonly record struct LlamaPerfData(double PromptEvalMs, int PromptTokens, double EvalMs, int EvalTokens);

/// <summary>
/// An inference context: its own KV memory, threads and batch. Not thread-safe: one caller at a time
/// (<see cref="LlamaCppChatClient"/> serialises its calls).
/// </summary>
public sealed unsafe class LlamaContext : IDisposable
{
    private readonly LlamaModel _model;
    private readonly SafeLlamaContextHandle _handle;
    private readonly int* _abortFlag;
    private readonly int[] _tokens;
    private readonly int[] _positions;
    private readonly int[] _seqIdCounts;
    private readonly IntPtr[] _seqIdPointers;
    private readonly int[] _seqZero;
    private readonly sbyte[] _outputs;
    private int _inUse;
    private bool _modelRefAdded;
    private bool _disposed;

    internal LlamaContext(LlamaModel model, LlamaContextOptions options)
    {
        if (options.ContextSize < 0 || options.Threads < 0 || options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ContextSize and Threads must be >= 0 and BatchSize >= 1.");
        }

        _model = model;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var contextSize = options.ContextSize > 0 ? options.ContextSize : model.TrainingContextSize;
        var batchSize = Math.Min(options.BatchSize, contextSize);

        var parameters = NativeMethods.llama_context_default_params();
        parameters.NCtx = (uint)contextSize;
        parameters.NBatch = (uint)batchSize;
        parameters.NUbatch = (uint)batchSize;
        parameters.NSeqMax = 1;
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;
        parameters.NoPerf = 0;
        _abortFlag = (int*)NativeMemory.AllocZeroed(sizeof(int));
        parameters.AbortCallback = (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, byte>)&ShouldAbort;
        parameters.AbortCallbackData = (IntPtr)_abortFlag;

        // The context points into the model: keep the model's handle alive until the context is freed.
        model.Handle.DangerousAddRef(ref _modelRefAdded);
        LlamaRuntime.TakeRecentProblems();
        var raw = NativeMethods.llama_init_from_model(model.Handle, parameters);
        if (raw == IntPtr.Zero)
        {
            ReleaseUnmanaged();
            var problems = LlamaRuntime.TakeRecentProblems();
            throw new LlamaCppException($"llama.cpp could not create a context of {contextSize} tokens for '{model.Path}'." +
                (problems.Length == 0 ? "" : " llama.cpp said: " + string.Join(" | ", problems.TakeLast(4))));
        }

        _handle = new SafeLlamaContextHandle(raw);
        ContextSize = (int)NativeMethods.llama_n_ctx(_handle);
        BatchSize = (int)NativeMethods.llama_n_batch(_handle);
        Threads = NativeMethods.llama_n_threads(_handle);

        // Batch arrays on the pinned object heap: their addresses never change, so the batch struct can point at them.
        _tokens = GC.AllocateUninitializedArray<int>(BatchSize, pinned: true);
        _positions = GC.AllocateUninitializedArray<int>(BatchSize, pinned: true);
        _seqIdCounts = GC.AllocateArray<int>(BatchSize, pinned: true);
        _seqIdPointers = GC.AllocateArray<IntPtr>(BatchSize, pinned: true);
        _seqZero = GC.AllocateArray<int>(1, pinned: true);
        _outputs = GC.AllocateArray<sbyte>(BatchSize, pinned: true);
        var seqZero = (IntPtr)Unsafe.AsPointer(ref _seqZero[0]);
        Array.Fill(_seqIdCounts, 1);
        Array.Fill(_seqIdPointers, seqZero);
    }

    public LlamaModel Model => _model;

    public int ContextSize { get; }

    public int BatchSize { get; }

    public int Threads { get; }

    /// <summary>Number of tokens in the context's memory (the next token's position).</summary>
    public int Position { get; private set; }

    internal SafeLlamaContextHandle Handle => _handle;

    /// <summary>Forgets everything decoded so far.</summary>
    public void ClearMemory()
    {
        using var use = Enter();
        NativeMethods.llama_memory_clear(NativeMethods.llama_get_memory(_handle), true);
        Position = 0;
    }

    /// <summary>
    /// Decodes tokens at the current position, in chunks of at most <see cref="BatchSize"/>; logits are kept for the
    /// last token only. Cancellation also interrupts a long native decode between its micro-batches.
    /// </summary>
    public void Decode(ReadOnlySpan<int> tokens, CancellationToken cancellationToken = default)
    {
        if (tokens.IsEmpty)
        {
            return;
        }

        if (Position + tokens.Length > ContextSize)
        {
            throw new LlamaContextFullException(
                $"{tokens.Length} more token(s) do not fit: the context holds {ContextSize} and {Position} are used.");
        }

        using var use = Enter();
        cancellationToken.ThrowIfCancellationRequested();
        *_abortFlag = 0;
        using var registration = cancellationToken.Register(static state => Volatile.Write(ref *(int*)(IntPtr)state!, 1), (IntPtr)_abortFlag);
        for (var offset = 0; offset < tokens.Length; offset += BatchSize)
        {
            var chunk = tokens.Slice(offset, Math.Min(BatchSize, tokens.Length - offset));
            var isLast = offset + chunk.Length == tokens.Length;
            for (var i = 0; i < chunk.Length; i++)
            {
                _tokens[i] = chunk[i];
                _positions[i] = Position + i;
                _outputs[i] = 0;
            }

            if (isLast)
            {
                _outputs[chunk.Length - 1] = 1;
            }

            var batch = new LlamaBatch
            {
                NTokens = chunk.Length,
                Token = (int*)Unsafe.AsPointer(ref _tokens[0]),
                Pos = (int*)Unsafe.AsPointer(ref _positions[0]),
                NSeqId = (int*)Unsafe.AsPointer(ref _seqIdCounts[0]),
                SeqId = (int**)Unsafe.AsPointer(ref _seqIdPointers[0]),
                Logits = (sbyte*)Unsafe.AsPointer(ref _outputs[0]),
            };
            var result = NativeMethods.llama_decode(_handle, batch);
            switch (result)
            {
                case 0:
                    Position += chunk.Length;
                    break;
                case 2:
                    // Aborted: processed micro-batches stay in memory, so the position is no longer known. Start over.
                    NativeMethods.llama_memory_clear(NativeMethods.llama_get_memory(_handle), true);
                    Position = 0;
                    throw new OperationCanceledException("Decoding was cancelled.", cancellationToken);
                case 1:
                    throw new LlamaContextFullException($"llama.cpp found no room in the KV cache for {chunk.Length} token(s) (context {ContextSize}).");
                default:
                    NativeMethods.llama_memory_clear(NativeMethods.llama_get_memory(_handle), true);
                    Position = 0;
                    throw new LlamaCppException($"llama_decode failed with code {result}" +
                        (LlamaRuntime.TakeRecentProblems() is { Length: > 0 } p ? ": " + string.Join(" | ", p.TakeLast(3)) : "."));
            }
        }
    }

    /// <summary>Samples (and accepts into the sampler's state) the next token from the last decoded logits.</summary>
    public int Sample(LlamaSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        using var use = Enter();
        return NativeMethods.llama_sampler_sample(sampler.Handle, _handle, -1);
    }

    /// <summary>
    /// Generates from a prompt, token by token, starting from an empty memory. Enumerate it (on one thread at a
    /// time); <see cref="LlamaGeneration.StopReason"/> tells why it ended.
    /// </summary>
    public LlamaGeneration Generate(IReadOnlyList<int> promptTokens, LlamaSampler sampler, int maxTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promptTokens);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        if (promptTokens.Count == 0)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(promptTokens));
        }

        if (promptTokens.Count >= ContextSize)
        {
            throw new LlamaContextFullException($"The prompt has {promptTokens.Count} tokens; the context holds {ContextSize}.");
        }

        return new LlamaGeneration(this, promptTokens, sampler, maxTokens, cancellationToken);
    }

    public LlamaPerfData Perf
    {
        get
        {
            var data = NativeMethods.llama_perf_context(_handle);
            return new LlamaPerfData(data.TPromptEvalMs, data.NPromptEval, data.TEvalMs, data.NEval);
        }
    }

    public void ResetPerf() => NativeMethods.llama_perf_context_reset(_handle);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _handle?.Dispose();
        ReleaseUnmanaged();
    }

    private void ReleaseUnmanaged()
    {
        if (_modelRefAdded)
        {
            _model.Handle.DangerousRelease();
            _modelRefAdded = false;
        }

        NativeMemory.Free(_abortFlag);
    }

    private UseScope Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
        {
            throw new InvalidOperationException("A LlamaContext is used by one caller at a time.");
        }

        return new UseScope(this);
    }

    private readonly struct UseScope(LlamaContext context) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref context._inUse, 0);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldAbort(IntPtr data) => Volatile.Read(ref *(int*)data) != 0 ? (byte)1 : (byte)0;

    internal void DecodeOne(int token, CancellationToken cancellationToken)
    {
        ReadOnlySpan<int> one = [token];
        Decode(one, cancellationToken);
    }
}

/// <summary>The prompt and the answer no longer fit in the context.</summary>
public sealed class LlamaContextFullException : LlamaCppException
{
    public LlamaContextFullException() { }

    public LlamaContextFullException(string message) : base(message) { }

    public LlamaContextFullException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A running generation: enumerate it for the tokens; afterwards <see cref="StopReason"/> says why it ended.</summary>
public sealed class LlamaGeneration : IEnumerable<LlamaGeneratedToken>
{
    private readonly LlamaContext _context;
    private readonly IReadOnlyList<int> _prompt;
    private readonly LlamaSampler _sampler;
    private readonly int _maxTokens;
    private readonly CancellationToken _cancellationToken;
    private int _started;

    internal LlamaGeneration(LlamaContext context, IReadOnlyList<int> prompt, LlamaSampler sampler, int maxTokens, CancellationToken cancellationToken)
    {
        _context = context;
        _prompt = prompt;
        _sampler = sampler;
        _maxTokens = maxTokens;
        _cancellationToken = cancellationToken;
    }

    public int PromptTokenCount => _prompt.Count;

    public int GeneratedTokenCount { get; private set; }

    public LlamaStopReason StopReason { get; private set; }

    public IEnumerator<LlamaGeneratedToken> GetEnumerator()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A generation can be enumerated once.");
        }

        return Run();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<LlamaGeneratedToken> Run()
    {
        var model = _context.Model;
        var decoder = Encoding.UTF8.GetDecoder();
        var piece = new byte[256];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(piece.Length)];

        _context.ClearMemory();
        _sampler.Reset();
        _context.Decode(_prompt is int[] array ? array : _prompt.ToArray(), _cancellationToken);
        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var token = _context.Sample(_sampler);
            if (model.IsEndOfGeneration(token))
            {
                StopReason = LlamaStopReason.EndOfGeneration;
                yield break;
            }

            var length = model.TokenToPiece(token, piece, special: false);
            if (length < 0)
            {
                piece = new byte[-length];
                chars = new char[Encoding.UTF8.GetMaxCharCount(piece.Length)];
                length = model.TokenToPiece(token, piece, special: false);
            }

            var charCount = decoder.GetChars(piece, 0, length, chars, 0, flush: false);
            GeneratedTokenCount++;
            yield return new LlamaGeneratedToken(token, new string(chars, 0, charCount));

            if (GeneratedTokenCount >= _maxTokens)
            {
                StopReason = LlamaStopReason.MaxTokens;
                yield break;
            }

            if (_context.Position + 1 > _context.ContextSize)
            {
                StopReason = LlamaStopReason.ContextFull;
                yield break;
            }

            _context.DecodeOne(token, _cancellationToken);
        }
    }
}

using System.Collections.Concurrent;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Native;

/// <summary>
/// A bounded pool of decoders: at most <c>capacity</c> exist, each used by one caller at a time, created on first
/// need (loading a model takes a while) and kept for reuse. A decoder that failed in the engine is discarded.
/// </summary>
internal sealed class DecoderPool : IDisposable
{
    private readonly Func<PocketSphinxDecoder> _factory;
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly SemaphoreSlim _slots;
    private bool _disposed;

    public DecoderPool(int capacity, Func<PocketSphinxDecoder> factory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _factory = factory;
        _slots = new SemaphoreSlim(capacity, capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Runs <paramref name="work"/> on a decoder of the pool, on a thread-pool thread.</summary>
    public async Task<T> RunAsync<T>(Func<PocketSphinxDecoder, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var decoder = _idle.TryTake(out var idle) ? idle : _factory();
                try
                {
                    var result = work(decoder);
                    _idle.Add(decoder);
                    return result;
                }
                catch (Exception ex) when (ex is AlignmentException or ArgumentException)
                {
                    // The input did not fit (no path through the grammar, a bad grammar): the decoder itself is fine.
                    _idle.Add(decoder);
                    throw;
                }
                catch
                {
                    decoder.Dispose();
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var decoder))
        {
            decoder.Dispose();
        }
    }
}

using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Ai;

/// <summary>
/// Writes <see cref="AiCallRecord"/>s in the background, in batches: a model call only puts its record in a bounded
/// queue. A full queue or a failing database costs records (logged), never a model call.
/// </summary>
public sealed partial class AiCallRecorder : BackgroundService
{
    private const int BatchSize = 200;
    private readonly Channel<AiCallRecord> _queue;
    private readonly IDbContextFactory<TutorDbContext> _dbFactory;
    private readonly ILogger<AiCallRecorder> _logger;
    private long _dropped;

    public AiCallRecorder(IDbContextFactory<TutorDbContext> dbFactory, IOptions<AiRecordingOptions> options, ILogger<AiCallRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dbFactory = dbFactory;
        _logger = logger;
        _queue = Channel.CreateBounded<AiCallRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Queues a record; never blocks.</summary>
    public void Enqueue(AiCallRecord record) => _queue.Writer.TryWrite(record);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AiCallRecord>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await DrainAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is already queued, without the cancelled token.
            await DrainAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(List<AiCallRecord> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                db.AiCallRecords.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogWriteFailed(ex, batch.Count);
            }

            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
            {
                LogDropped(dropped);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} AI call record(s); they are dropped.")]
    private partial void LogWriteFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI call record queue was full; {Count} record(s) were dropped.")]
    private partial void LogDropped(long count);
}

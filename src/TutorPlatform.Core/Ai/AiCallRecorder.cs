using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Ai;

/// <summary>
/// Writes <see cref="AiCallRecord"/>s in the background, in batches: a model call only puts its record in a bounded
/// queue. A full queue or a failing database costs records (logged), never a model call. Records older than
/// <see cref="AiRecordingOptions.RetentionDays"/> are deleted at start and every hour.
/// </summary>
public sealed partial class AiCallRecorder : BackgroundService
{
    private const int BatchSize = 200;
    private readonly Channel<AiCallRecord> _queue;
    private readonly IDbContextFactory<TutorDbContext> _dbFactory;
    private readonly ILogger<AiCallRecorder> _logger;
    private readonly TimeProvider _time;
    private readonly int _retentionDays;
    private long _dropped;

    public AiCallRecorder(IDbContextFactory<TutorDbContext> dbFactory, IOptions<AiRecordingOptions> options, ILogger<AiCallRecorder> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dbFactory = dbFactory;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _retentionDays = options.Value.RetentionDays;
        _queue = Channel.CreateBounded<AiCallRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Queues a record; never blocks.</summary>
    public void Enqueue(AiCallRecord record) => _queue.Writer.TryWrite(record);

    /// <summary>Deletes the records past the retention period; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        if (_retentionDays == 0)
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow().AddDays(-_retentionDays);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.AiCallRecords.Where(r => r.At < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WriteLoopAsync(stoppingToken), PurgeLoopAsync(stoppingToken));

    private async Task PurgeLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), _time);
        do
        {
            try
            {
                var deleted = await PurgeExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    LogPurged(deleted, _retentionDays);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(ex);
            }
        }
        while (await Tick(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} AI call record(s) older than {Days} days (Ai:Recording:RetentionDays).")]
    private partial void LogPurged(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired AI call records; trying again in an hour.")]
    private partial void LogPurgeFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI call record queue was full; {Count} record(s) were dropped.")]
    private partial void LogDropped(long count);
}

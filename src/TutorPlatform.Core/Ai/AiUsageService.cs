using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.Ai;

public enum AiUsageWindow
{
    Last24Hours,
    Last7Days,
}

/// <summary>One feature over a window. Errors are every outcome but Success and Cancelled (a user leaving is no fault).</summary>
public sealed record AiFeatureUsage(
    string Feature, int Calls, int Errors, double? P50Ms, double? P95Ms, double? P99Ms, long TokensIn, long TokensOut)
{
    public double ErrorRate => Calls == 0 ? 0 : (double)Errors / Calls;
}

/// <summary>All features in one hour (24 h window) or one day (7 days), UTC.</summary>
/// <summary>One hour or day of calls; <paramref name="P95Ms"/> is the 95th-percentile latency of the bucket's calls.</summary>
public sealed record AiUsagePoint(DateTimeOffset Start, int Calls, int Errors, long TokensIn, long TokensOut, double? P95Ms = null);

public sealed record AiUsageReport(AiUsageWindow Window, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AiFeatureUsage> Features, IReadOnlyList<AiUsagePoint> Series);

/// <summary>Latency percentiles, error rates and token use from <see cref="AiCallRecord"/>s, computed by PostgreSQL.</summary>
public sealed class AiUsageService(IDbContextFactory<TutorDbContext> dbFactory, TimeProvider time)
{
    private const string NotAnError = "('Success', 'Cancelled')";

    public async Task<AiUsageReport> GetReportAsync(AiUsageWindow window, CancellationToken cancellationToken = default)
    {
        var to = time.GetUtcNow();
        var (from, bucket) = window switch
        {
            AiUsageWindow.Last7Days => (to.AddDays(-7), "day"),
            _ => (to.AddHours(-24), "hour"),
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var features = await QueryAsync(connection, $"""
                SELECT feature, count(*)::int, count(*) FILTER (WHERE outcome NOT IN {NotAnError})::int,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms),
                       coalesce(sum(tokens_in), 0)::bigint, coalesce(sum(tokens_out), 0)::bigint
                FROM ai_call_records WHERE at >= @from AND at < @to
                GROUP BY feature ORDER BY count(*) DESC, feature
                """, from, to, r => new AiFeatureUsage(r.GetString(0), r.GetInt32(1), r.GetInt32(2),
                    NullableDouble(r, 3), NullableDouble(r, 4), NullableDouble(r, 5), r.GetInt64(6), r.GetInt64(7)), cancellationToken).ConfigureAwait(false);

            // The bucket is a constant chosen above, never user input.
            var series = await QueryAsync(connection, $"""
                SELECT date_trunc('{bucket}', at AT TIME ZONE 'UTC'), count(*)::int,
                       count(*) FILTER (WHERE outcome NOT IN {NotAnError})::int,
                       coalesce(sum(tokens_in), 0)::bigint, coalesce(sum(tokens_out), 0)::bigint,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
                FROM ai_call_records WHERE at >= @from AND at < @to
                GROUP BY 1 ORDER BY 1
                """, from, to, r => new AiUsagePoint(new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc)),
                    r.GetInt32(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4), NullableDouble(r, 5)), cancellationToken).ConfigureAwait(false);

            return new AiUsageReport(window, from, to, features, series);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, DateTimeOffset from, DateTimeOffset to,
        Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // fixed SQL; the only interpolations are constants of this class
        command.CommandText = sql;
#pragma warning restore CA2100
        AddParameter(command, "from", from);
        AddParameter(command, "to", to);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static void AddParameter(DbCommand command, string name, DateTimeOffset value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value.UtcDateTime;
        command.Parameters.Add(parameter);
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Data;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Ai;

/// <summary>
/// The app's own recorder and database, with a fake model wrapped in <see cref="RecordingChatClient"/> (the shared
/// app runs with provider none). Each test uses its own feature name, so the shared database does not matter.
/// </summary>
public sealed class AiCallRecordingTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_Succeeds_RecordsSuccessWithTokensAndNoText()
    {
        var feature = NewFeature();
        var client = Recording(new FakeChatClient(), includeText: false);

        await client.GetResponseAsync("What is a noun?", new ChatOptions().ForFeature(feature), Ct);

        var record = await SingleRecordAsync(feature);
        Assert.Equal(AiCallOutcome.Success, record.Outcome);
        Assert.Equal("fake", record.Provider);
        Assert.Equal("fake-model", record.Model);
        Assert.Equal(12, record.TokensIn);
        Assert.Equal(3, record.TokensOut);
        Assert.Null(record.Error);
        Assert.Null(record.PromptText);
        Assert.Null(record.ResponseText);
        Assert.Null(record.TimeToFirstTokenMs);
    }

    [Fact]
    public async Task GetResponse_ModelUnavailable_RecordsUnavailableAndRethrows()
    {
        var feature = NewFeature();
        var client = Recording(new FakeChatClient { Failure = new ChatModelException(ChatModelFailure.Unavailable, "The model server is down.") }, includeText: false);

        await Assert.ThrowsAsync<ChatModelException>(() => client.GetResponseAsync("What is a noun?", new ChatOptions().ForFeature(feature), Ct));

        var record = await SingleRecordAsync(feature);
        Assert.Equal(AiCallOutcome.Unavailable, record.Outcome);
        Assert.Equal("The model server is down.", record.Error);
        Assert.Null(record.PromptText);
    }

    [Fact]
    public async Task GetStreamingResponse_IncludeTextOn_StoresPromptAnswerPromptVersionAndFirstToken()
    {
        var feature = NewFeature();
        var library = app.Services.GetRequiredService<PromptLibrary>();
        var (name, versions) = library.Versions.First();
        var template = library.Get(name, versions[0]);
        var client = Recording(new FakeChatClient(), includeText: true);

        await foreach (var _ in client.GetStreamingResponseAsync("What is a noun?", new ChatOptions().ForFeature(feature, template), Ct))
        {
        }

        var record = await SingleRecordAsync(feature);
        Assert.Equal(AiCallOutcome.Success, record.Outcome);
        Assert.Equal("user: What is a noun?", record.PromptText);
        Assert.Equal("A naming word.", record.ResponseText);
        Assert.NotNull(record.TimeToFirstTokenMs);
        Assert.Equal(12, record.TokensIn);
        Assert.Equal(3, record.TokensOut);
        Assert.Equal(template.Id, record.Prompt);
    }

    [Fact]
    public async Task GetReport_KnownRows_ComputesErrorRatePercentilesAndTokens()
    {
        var feature = NewFeature();
        var now = DateTimeOffset.UtcNow;
        var outcomes = new[]
        {
            AiCallOutcome.Success, AiCallOutcome.Timeout, AiCallOutcome.Success, AiCallOutcome.Error, AiCallOutcome.Cancelled,
            AiCallOutcome.Success, AiCallOutcome.Success, AiCallOutcome.Success, AiCallOutcome.Success, AiCallOutcome.Success,
        };
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            db.AiCallRecords.AddRange(outcomes.Select((outcome, i) => new AiCallRecord
            {
                At = now.AddMinutes(-30 - i),
                Feature = feature,
                Provider = "fake",
                Model = "fake-model",
                LatencyMs = (i + 1) * 100, // 100 … 1000
                TokensIn = 10,
                TokensOut = 5,
                Outcome = outcome,
            }));
            // Outside the 24-hour window, inside the 7-day one.
            db.AiCallRecords.Add(new AiCallRecord { At = now.AddDays(-2), Feature = feature, Provider = "fake", Model = "fake-model", LatencyMs = 5000, Outcome = AiCallOutcome.Error });
            await db.SaveChangesAsync(Ct);
        }

        var usage = app.Services.GetRequiredService<AiUsageService>();
        var day = (await usage.GetReportAsync(AiUsageWindow.Last24Hours, Ct)).Features.Single(f => f.Feature == feature);
        var week = await usage.GetReportAsync(AiUsageWindow.Last7Days, Ct);

        Assert.Equal(10, day.Calls);
        Assert.Equal(2, day.Errors); // Timeout and Error; Cancelled is the user leaving
        Assert.Equal(0.2, day.ErrorRate, 6);
        Assert.Equal(550, day.P50Ms!.Value, 6);
        Assert.Equal(955, day.P95Ms!.Value, 6);
        Assert.Equal(991, day.P99Ms!.Value, 6);
        Assert.Equal(100, day.TokensIn);
        Assert.Equal(50, day.TokensOut);
        Assert.Equal(11, week.Features.Single(f => f.Feature == feature).Calls);
        Assert.True(week.Series.Sum(p => p.Calls) >= 11);
        Assert.All(week.Series, p => Assert.Equal(TimeSpan.Zero, p.Start.TimeOfDay));
        Assert.All(week.Series, p => Assert.NotNull(p.P95Ms));
    }

    [Fact]
    public async Task PurgeExpired_DeletesRecordsPastTheRetentionOnly()
    {
        var feature = NewFeature();
        var now = DateTimeOffset.UtcNow;
        await using (var db = await Db.CreateDbContextAsync(Ct))
        {
            db.AiCallRecords.Add(new AiCallRecord { At = now.AddDays(-91), Feature = feature, Provider = "fake", Model = "m", LatencyMs = 1, Outcome = AiCallOutcome.Success });
            db.AiCallRecords.Add(new AiCallRecord { At = now.AddDays(-89), Feature = feature, Provider = "fake", Model = "m", LatencyMs = 1, Outcome = AiCallOutcome.Success });
            await db.SaveChangesAsync(Ct);
        }

        // Every host starting on this database also purges, so another test's host may have taken the old record
        // already: what counts is which of this test's records are left.
        await app.Services.GetRequiredService<AiCallRecorder>().PurgeExpiredAsync(Ct); // default: 90 days

        await using var check = await Db.CreateDbContextAsync(Ct);
        var left = await check.AiCallRecords.AsNoTracking().Where(r => r.Feature == feature).ToListAsync(Ct);
        Assert.Equal(now.AddDays(-89).UtcDateTime, Assert.Single(left).At.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    private IDbContextFactory<TutorDbContext> Db => app.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>();

    private static string NewFeature() => $"test-{Guid.NewGuid():N}"[..20];

    private RecordingChatClient Recording(IChatClient inner, bool includeText) =>
        new(inner, app.Services.GetRequiredService<AiCallRecorder>(), new AiRecordingOptions { IncludeText = includeText }, "fake", "fake-model");

    /// <summary>Records are written in the background, so wait for the one this test caused (a minute at most: CI runs every test assembly at once on two cores).</summary>
    private async Task<AiCallRecord> SingleRecordAsync(string feature)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until)
        {
            await using var db = await Db.CreateDbContextAsync(Ct);
            var records = await db.AiCallRecords.AsNoTracking().Where(r => r.Feature == feature).ToListAsync(Ct);
            if (records.Count > 0)
            {
                return Assert.Single(records);
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"No AI call record for {feature} within a minute.");
    }

    private sealed class FakeChatClient : IChatClient
    {
        public Exception? Failure { get; init; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "A naming word."))
            {
                Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3 },
            });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (Failure is not null)
            {
                throw Failure;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "A naming ");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "word.");
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3 })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TutorPlatform.Core.Jobs;
using TutorPlatform.IntegrationTests.Fixtures;
using TutorPlatform.Web.Infrastructure.Jobs;

namespace TutorPlatform.IntegrationTests.Jobs;

/// <summary>Durable jobs on the real PostgreSQL: a job survives the death of the worker running it.</summary>
public sealed class JobsTests
{
    [Fact]
    public async Task Job_KilledMidRun_IsPickedUpAgainAfterRestartAndStoresItsResult()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(ct);
        var key = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        using var inspector = BuildWorkerHost(database.ConnectionString); // never started: only reads the job's state

        // First process: a worker takes the job, which blocks; the process then stops without waiting for it.
        string jobId;
        using (var first = BuildWorkerHost(database.ConnectionString))
        {
            await first.StartAsync(ct);
            jobId = first.Services.GetRequiredService<IJobQueue>().Enqueue<GatedJob>(j => j.RunAsync(key, database.ConnectionString, CancellationToken.None));
            // Generous bounds: CI runs every test project at once on two cores, and Hangfire first creates its schema.
            var attempt = await GatedJob.Started(key, 1).WaitAsync(TimeSpan.FromSeconds(90), ct);
            Assert.Equal(1, attempt);
            await first.StopAsync(CancellationToken.None); // ShutdownTimeout 1 s: the running job is abandoned
        }

        Assert.Null(await database.ResultAsync(key, ct));
        Assert.Equal(ProcessingState.StateName, JobState(inspector, jobId));

        // Second process on the same database: the job becomes visible again after the invisibility timeout and runs.
        using (var second = BuildWorkerHost(database.ConnectionString))
        {
            await second.StartAsync(ct);
            Assert.Equal(2, await GatedJob.Started(key, 2).WaitAsync(TimeSpan.FromSeconds(90), ct));
            while (JobState(inspector, jobId) != SucceededState.StateName)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(240), $"Job {jobId} is still {JobState(inspector, jobId)}.");
                await Task.Delay(100, ct);
            }

            await second.StopAsync(CancellationToken.None);
        }

        Assert.Equal(2, await database.ResultAsync(key, ct));

        // Let the abandoned first run end before the database goes; it finds its slot taken and writes nothing.
        GatedJob.ReleaseAbandoned(key);
        await GatedJob.Finished(key, 1).WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.Equal(2, await database.ResultAsync(key, ct));
    }

    /// <summary>A worker process as another machine would run it: the app's job setup over the test database.</summary>
    private static IHost BuildWorkerHost(string connectionString)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:WorkerCount"] = "1",
            ["Jobs:InvisibilityTimeout"] = "00:00:03",
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Jobs:ShutdownTimeout"] = "00:00:01",
        });
        builder.Logging.AddFilter(_ => false); // the abandoned run makes Hangfire log warnings on purpose
        builder.Services.AddTutorJobs(builder.Configuration, connectionString);
        return builder.Build();
    }

    private static string? JobState(IHost host, string jobId)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>The job's own stored result: one row per key, written once whichever attempt gets there.</summary>
    public sealed class JobResults(string connectionString)
    {
        public async Task<bool> StoreAsync(string key, int attempt, CancellationToken ct)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO job_result (key, attempt) VALUES (@key, @attempt) ON CONFLICT (key) DO NOTHING", connection);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("attempt", attempt);
            return await insert.ExecuteNonQueryAsync(ct) == 1;
        }
    }

    /// <summary>A test-only job whose first attempt blocks until released, like a worker frozen or killed mid-run.</summary>
    public sealed class GatedJob
    {
        private static readonly ConcurrentDictionary<string, int> Attempts = new();
        private static readonly ConcurrentDictionary<(string Key, int Attempt), TaskCompletionSource<int>> StartedRuns = new();
        private static readonly ConcurrentDictionary<(string Key, int Attempt), TaskCompletionSource<int>> FinishedRuns = new();
        private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

        public static Task<int> Started(string key, int attempt) => Signal(StartedRuns, key, attempt).Task;

        public static Task<int> Finished(string key, int attempt) => Signal(FinishedRuns, key, attempt).Task;

        public static void ReleaseAbandoned(string key) => Gate(key).TrySetResult();

        public async Task RunAsync(string key, string connectionString, CancellationToken cancellationToken)
        {
            var attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            Signal(StartedRuns, key, attempt).TrySetResult(attempt);
            try
            {
                if (attempt == 1)
                {
                    // Deaf to the shutdown token on purpose: the process stops without this job completing.
                    await Gate(key).Task;
                    return;
                }

                await new JobResults(connectionString).StoreAsync(key, attempt, cancellationToken);
            }
            finally
            {
                Signal(FinishedRuns, key, attempt).TrySetResult(attempt);
            }
        }

        private static TaskCompletionSource<int> Signal(
            ConcurrentDictionary<(string Key, int Attempt), TaskCompletionSource<int>> signals, string key, int attempt) =>
            signals.GetOrAdd((key, attempt), _ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));

        private static TaskCompletionSource Gate(string key) =>
            Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>An empty database of its own (Hangfire creates its schema) with the job's result table.</summary>
    private sealed class TestDatabase : IAsyncDisposable
    {
        private readonly string _name = $"tutor_jobs_{Guid.NewGuid():N}";

        private TestDatabase()
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = _name }.ConnectionString;
        }

        public string ConnectionString { get; }

        public static async Task<TestDatabase> CreateAsync(CancellationToken ct)
        {
            var database = new TestDatabase();
            await AdminAsync($"CREATE DATABASE \"{database._name}\"", ct);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE TABLE job_result (key text PRIMARY KEY, attempt int NOT NULL)", connection);
            await create.ExecuteNonQueryAsync(ct);
            return database;
        }

        public async Task<int?> ResultAsync(string key, CancellationToken ct)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(ct);
            await using var select = new NpgsqlCommand("SELECT attempt FROM job_result WHERE key = @key", connection);
            select.Parameters.AddWithValue("key", key);
            return await select.ExecuteScalarAsync(ct) as int?;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
        }

        private static async Task AdminAsync(string sql, CancellationToken ct)
        {
            await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            await admin.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>The job dashboard: admins only, through the real sign-in cookie.</summary>
public sealed class JobsDashboardTests(JobsEnabledTutorApiFactory app) : IClassFixture<JobsEnabledTutorApiFactory>
{
    private static readonly Uri Dashboard = new(JobsSetup.DashboardPath, UriKind.Relative);

    [Fact]
    public async Task Dashboard_Anonymous_IsUnauthorized()
    {
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync(Dashboard, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("TutorPlatform jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Dashboard_Student_IsForbidden()
    {
        var client = await app.SignedInClientAsync(app.School.StudentA);
        using var response = await client.GetAsync(Dashboard, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("TutorPlatform jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Dashboard_Admin_ShowsTheQueue()
    {
        var client = await app.SignedInClientAsync(app.School.Admin);
        using var response = await client.GetAsync(Dashboard, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("TutorPlatform jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>The app with its job server on (the shared <see cref="TutorApiFactory"/> runs without one).</summary>
public sealed class JobsEnabledTutorApiFactory : TutorApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "true");
        builder.UseSetting("Jobs:ShutdownTimeout", "00:00:01");
    }
}

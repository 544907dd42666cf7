using System.Linq.Expressions;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Jobs;

namespace TutorPlatform.Web.Infrastructure.Jobs;

/// <summary>
/// Durable background jobs on Hangfire with PostgreSQL storage in the app's own database (schema
/// <see cref="JobsOptions.SchemaName"/>, created and upgraded by Hangfire itself on first start).
/// </summary>
/// <remarks>
/// The web process runs a Hangfire server with <see cref="JobsOptions.WorkerCount"/> workers. More worker processes, on
/// this machine or others, share the same queue by pointing a Hangfire server at the same database and schema (with the
/// job classes they run); set <c>Jobs:WorkerCount</c> to 0 to make a web process enqueue only. A job taken by a worker
/// that dies is taken again by another after <see cref="JobsOptions.InvisibilityTimeout"/>, and a job that throws is
/// retried with backoff (<see cref="RetryDelaysInSeconds"/>) before it is marked failed.
/// </remarks>
public static class JobsSetup
{
    /// <summary>Where admins see the queue, the running, failed and retried jobs.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Waits before the retries of a job that threw: 30 s, 2 min, 10 min, then it fails for good.</summary>
    public static readonly int[] RetryDelaysInSeconds = [30, 120, 600];

    public static IServiceCollection AddTutorJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var enabled = configuration.GetSection(JobsOptions.Section).GetValue(nameof(JobsOptions.Enabled), defaultValue: true);
        if (!enabled)
        {
            services.AddSingleton<IJobQueue, DisabledJobQueue>();
            return services;
        }

        // Registered before AddHangfire, which then keeps it: the storage belongs to this container, not to Hangfire's
        // static JobStorage.Current, so several hosts in one process (the tests) each use their own database.
        services.AddSingleton<JobStorage>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = options.SchemaName,
                PrepareSchemaIfNecessary = true,
                InvisibilityTimeout = options.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
                QueuePollInterval = options.PollInterval,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        // Likewise the job activator: Hangfire's default is the static JobActivator.Current, which the last host to
        // configure Hangfire sets, so a server could build its jobs from another host's container.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            ReplaceDefaultRetry();
        });
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.Queues = options.EffectiveQueues;
            server.SchedulePollingInterval = options.PollInterval;
            server.ShutdownTimeout = options.ShutdownTimeout;
        });
        services.AddSingleton<IJobQueue, HangfireJobQueue>();
        return services;
    }

    // Hangfire's filters are global (one list for the process, read by every client and server in it): replace its
    // default retry (10 attempts) once, rather than add a second one or change the list under a running server.
    private static void ReplaceDefaultRetry()
    {
        lock (RetryLock)
        {
            if (GlobalJobFilters.Filters.Any(f => f.Instance is AutomaticRetryAttribute { Attempts: var attempts } && attempts == RetryDelaysInSeconds.Length))
            {
                return;
            }

            foreach (var retry in GlobalJobFilters.Filters.Where(f => f.Instance is AutomaticRetryAttribute).ToList())
            {
                GlobalJobFilters.Filters.Remove(retry.Instance);
            }

            GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute
            {
                Attempts = RetryDelaysInSeconds.Length,
                DelaysInSeconds = RetryDelaysInSeconds,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            });
        }
    }

    private static readonly Lock RetryLock = new();

    /// <summary>The Hangfire dashboard at <see cref="DashboardPath"/>, for signed-in admins only; nothing when jobs are off.</summary>
    public static IEndpointRouteBuilder MapTutorJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "TutorPlatform jobs",
            AppPath = "/admin/models",
            DisplayStorageConnectionString = false,
            Authorization = [new AdminDashboardAuthorizationFilter()],
        }, endpoints.ServiceProvider.GetRequiredService<JobStorage>());
        return endpoints;
    }

    private sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
    {
        public string Enqueue<TJob>(Expression<Func<TJob, Task>> job, string? queue = null) =>
            queue is null ? client.Enqueue(job) : client.Enqueue(queue, job);
    }

    private sealed class DisabledJobQueue : IJobQueue
    {
        public string Enqueue<TJob>(Expression<Func<TJob, Task>> job, string? queue = null) =>
            throw new InvalidOperationException("Background jobs are turned off in this process (Jobs:Enabled=false).");
    }
}

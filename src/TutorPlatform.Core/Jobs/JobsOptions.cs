using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace TutorPlatform.Core.Jobs;

/// <summary>
/// Durable background jobs (large-model feedback, batch scoring): section <c>Jobs</c>. The queue lives in the app's own
/// PostgreSQL database, in its own schema, so every process pointed at that database shares it.
/// </summary>
public sealed partial class JobsOptions : IValidatableObject
{
    public const string Section = "Jobs";

    /// <summary>
    /// Whether this process uses the job queue at all (storage, a worker server and the dashboard). The integration
    /// and browser tests that do not need jobs turn it off, so their many app instances start no job server.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Workers this process runs; 0 makes it enqueue only, leaving the work to worker processes elsewhere that point at
    /// the same database. Small by default: model jobs are heavy and share the machine with the web app.
    /// </summary>
    [Range(0, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// The queues this process's workers take jobs from, most important first; empty means <c>default</c> only. (Empty
    /// rather than a default list: the configuration binder appends to an array, it does not replace it.)
    /// </summary>
    public string[] Queues { get; set; } = [];

    /// <summary><see cref="Queues"/>, or the <c>default</c> queue when none is configured.</summary>
    public string[] EffectiveQueues => Queues is { Length: > 0 } queues ? queues : ["default"];

    /// <summary>The PostgreSQL schema of the job tables, created by the job engine itself on first start.</summary>
    [Required]
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>
    /// How long a job taken by a worker that then died stays invisible before another worker takes it again. The
    /// running worker keeps renewing it (a sliding timeout), so this is not a limit on how long a job may run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker looks for new jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long stopping this process waits for its running jobs. A job still running then is abandoned, not lost: it
    /// is taken again after <see cref="InvisibilityTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Identifier().IsMatch(SchemaName ?? string.Empty))
        {
            yield return new ValidationResult(
                $"Jobs:SchemaName `{SchemaName}` must be a plain lower-case PostgreSQL identifier (letters, digits, _).", [nameof(SchemaName)]);
        }

        // Hangfire's queue names: lower-case letters, digits, underscores and dashes.
        foreach (var queue in Queues ?? [])
        {
            if (!QueueName().IsMatch(queue ?? string.Empty))
            {
                yield return new ValidationResult(
                    $"Jobs:Queues entry `{queue}` must be lower-case letters, digits, _ or -.", [nameof(Queues)]);
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[a-z0-9_-]{1,100}$")]
    private static partial Regex QueueName();
}

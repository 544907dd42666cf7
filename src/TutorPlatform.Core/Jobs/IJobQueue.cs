using System.Linq.Expressions;

namespace TutorPlatform.Core.Jobs;

/// <summary>
/// Hands work to the durable job queue: the call is stored in PostgreSQL and runs on a worker (in this process or in
/// another one on the same database), survives restarts and is retried with backoff when it throws. Features depend on
/// this, never on the job engine's types.
/// </summary>
/// <remarks>
/// The job is the method call in <paramref name="job"/>: <typeparamref name="TJob"/> is created from the service
/// container when it runs, and the arguments are serialised to JSON, so pass ids and small values, not entities or
/// services. A job may run more than once (after a worker died mid-run), so it must store its result idempotently
/// before it notifies anyone.
/// </remarks>
public interface IJobQueue
{
    /// <summary>Stores the job and returns its id.</summary>
    string Enqueue<TJob>(Expression<Func<TJob, Task>> job, string? queue = null);
}

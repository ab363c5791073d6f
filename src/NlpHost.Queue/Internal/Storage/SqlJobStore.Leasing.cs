using System.Data;
using System.Data.Common;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    private const string OwnedRunning = "id = @id AND state = 'running' AND lease_owner = @owner";

    public async Task<Job?> LeaseAsync(string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, CancellationToken cancellationToken) =>
        await LeaseBatchAsync(owner, leaseDuration, tasks, 1, cancellationToken).ConfigureAwait(false) is [var job] ? job : null;

    public async Task<IReadOnlyList<Job>> LeaseBatchAsync(
        string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (tasks is { Count: 0 })
        {
            return [];
        }

        while (true)
        {
            var leased = await LeaseOnceAsync(owner, leaseDuration, tasks, limit, cancellationToken).ConfigureAwait(false);
            var runnable = new List<Job>(leased.Count);
            foreach (var job in leased)
            {
                if (await SettleUnrunnableAsync(job, owner, cancellationToken).ConfigureAwait(false))
                {
                    runnable.Add(job);
                }
            }

            // Every leased job was settled instead of run: look again, as a single lease did.
            if (runnable.Count > 0 || leased.Count == 0)
            {
                return runnable;
            }
        }
    }

    // The one-lease case of the heartbeat's batched renewal (SqlJobStore.Heartbeats.cs), so renewing has one SQL.
    public async Task<LeaseRenewal> RenewLeaseAsync(string id, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        (await RenewLeasesAsync([new JobHeartbeat(new JobLease(id, owner))], leaseDuration, cancellationToken).ConfigureAwait(false))[0];

    public Task<bool> CountAttemptAsync(string id, string owner, CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync(id, owner, "attempts = attempts + 1", static _ => { }, cancellationToken);

    public Task<bool> ReportProgressAsync(string id, string owner, TaskProgress progress, CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync(id, owner, "progress = @fraction, progress_message = @message", command =>
        {
            command.Add("fraction", Math.Clamp(progress.Fraction, 0, 1), DbType.Double);
            command.Add("message", progress.Message, DbType.String);
        }, cancellationToken);

    /// <summary>
    /// A redelivered job (its worker was lost) may have been cancelled meanwhile or have no attempts left: settle it
    /// here. <see langword="true"/> when the job is to be run.
    /// </summary>
    private async Task<bool> SettleUnrunnableAsync(Job job, string owner, CancellationToken cancellationToken)
    {
        if (job.CancellationRequested)
        {
            await MarkCancelledAsync(job.Id, owner, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (job.Attempts > job.MaxAttempts)
        {
            var error = $"the lease expired on all {job.MaxAttempts} attempts: the worker running the job was lost " +
                $"(crash, kill or hang); last error: {job.Error ?? "none"}";
            await FailTransientAsync(job.Id, owner, error, retryAfter: null, cancellationToken).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> jobs in one statement, returned in lease order (priority, then submission).
    /// Queued and expired candidates are found apart, each along its own partial index, and only then merged: one
    /// <c>OR</c> over both made SQLite read and sort every queued job on each lease (2.5 ms of CPU a job at 2,000 queued).
    /// </summary>
    private Task<List<Job>> LeaseOnceAsync(
        string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, int limit, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var taskFilter = tasks is null ? "" : $" AND task IN ({string.Join(", ", Enumerable.Range(0, tasks.Count).Select(i => $"@task{i}"))})";
            await using var command = Command(connection, transaction, $"""
                UPDATE jobs SET state = 'running', lease_owner = @owner, lease_expires_at = {Now} + @lease, attempts = attempts + 1,
                                started_at = COALESCE(started_at, {Now}), updated_at = {Now}
                WHERE id IN (SELECT id FROM (
                                 SELECT id, priority, seq FROM (
                                     SELECT id, priority, seq FROM jobs{IndexHint("ix_jobs_queued")} WHERE state = 'queued' AND visible_at <= {Now}{taskFilter}
                                     ORDER BY priority DESC, seq LIMIT @limit{LeaseLockClause}) AS queued
                                 UNION ALL
                                 SELECT id, priority, seq FROM (
                                     SELECT id, priority, seq FROM jobs{IndexHint("ix_jobs_running_lease")} WHERE state = 'running' AND lease_expires_at < {Now}{taskFilter}
                                     ORDER BY priority DESC, seq LIMIT @limit{LeaseLockClause}) AS expired
                             ) AS candidates
                             ORDER BY priority DESC, seq LIMIT @limit)
                RETURNING {JobRow.Columns}, seq
                """);
            command.Add("owner", owner, DbType.String);
            command.Add("lease", (long)leaseDuration.TotalMilliseconds, DbType.Int64);
            command.Add("limit", limit, DbType.Int32);
            AddNow(command);
            foreach (var (task, i) in (tasks ?? []).Select((t, i) => (t, i)))
            {
                command.Add($"task{i}", CanonicalTask(task), DbType.String);
            }

            // RETURNING gives no order: restore the lease order, so a batch runs its highest priority first.
            var rows = new List<(Job Job, long Seq)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((JobRow.Read(reader), reader.GetInt64(JobRow.ColumnCount)));
            }

            return rows.OrderByDescending(r => r.Job.Priority).ThenBy(r => r.Seq).Select(r => r.Job).ToList();
        }, cancellationToken);

    private Task<bool> UpdateOwnedAsync(string id, string owner, string set, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, $"UPDATE jobs SET {set}, updated_at = {Now} WHERE {OwnedRunning}");
            AddNow(command);
            AddOwner(command, id, owner);
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    private static void AddOwner(DbCommand command, string id, string owner)
    {
        command.Add("id", id, DbType.String);
        command.Add("owner", owner, DbType.String);
    }
}

using System.Data;
using System.Data.Common;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    private const string OwnedRunning = "id = @id AND state = 'running' AND lease_owner = @owner";

    public async Task<Job?> LeaseAsync(string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        if (tasks is { Count: 0 })
        {
            return null;
        }

        while (true)
        {
            var job = await LeaseOnceAsync(owner, leaseDuration, tasks, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                return null;
            }

            // A redelivered job (its worker was lost) may have been cancelled meanwhile or have no attempts left.
            if (job.CancellationRequested)
            {
                await MarkCancelledAsync(job.Id, owner, cancellationToken).ConfigureAwait(false);
            }
            else if (job.Attempts > job.MaxAttempts)
            {
                var error = $"the lease expired on all {job.MaxAttempts} attempts: the worker running the job was lost " +
                    $"(crash, kill or hang); last error: {job.Error ?? "none"}";
                await FailTransientAsync(job.Id, owner, error, retryAt: null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                return job;
            }
        }
    }

    public Task<LeaseRenewal> RenewLeaseAsync(string id, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"UPDATE jobs SET lease_expires_at = @expires, updated_at = @now WHERE {OwnedRunning} RETURNING cancel_requested");
            var now = NowMs;
            command.Add("expires", now + (long)leaseDuration.TotalMilliseconds, DbType.Int64);
            command.Add("now", now, DbType.Int64);
            AddOwner(command, id, owner);
            var cancel = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return cancel is null or DBNull ? new LeaseRenewal(false, false) : new LeaseRenewal(true, Convert.ToInt64(cancel, null) != 0);
        }, cancellationToken);

    public Task<bool> CountAttemptAsync(string id, string owner, CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync(id, owner, "attempts = attempts + 1", static _ => { }, cancellationToken);

    public Task<bool> ReportProgressAsync(string id, string owner, TaskProgress progress, CancellationToken cancellationToken = default) =>
        UpdateOwnedAsync(id, owner, "progress = @fraction, progress_message = @message", command =>
        {
            command.Add("fraction", Math.Clamp(progress.Fraction, 0, 1), DbType.Double);
            command.Add("message", progress.Message, DbType.String);
        }, cancellationToken);

    private Task<Job?> LeaseOnceAsync(string owner, TimeSpan leaseDuration, IReadOnlyCollection<string>? tasks, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var taskFilter = tasks is null ? "" : $" AND task IN ({string.Join(", ", Enumerable.Range(0, tasks.Count).Select(i => $"@task{i}"))})";
            await using var command = Command(connection, transaction, $"""
                UPDATE jobs SET state = 'running', lease_owner = @owner, lease_expires_at = @expires, attempts = attempts + 1,
                                started_at = COALESCE(started_at, @now), updated_at = @now
                WHERE id = (SELECT id FROM jobs
                            WHERE ((state = 'queued' AND visible_at <= @now) OR (state = 'running' AND lease_expires_at < @now)){taskFilter}
                            ORDER BY priority DESC, seq
                            LIMIT 1{LeaseLockClause})
                RETURNING {JobRow.Columns}
                """);
            var now = NowMs;
            command.Add("owner", owner, DbType.String);
            command.Add("expires", now + (long)leaseDuration.TotalMilliseconds, DbType.Int64);
            command.Add("now", now, DbType.Int64);
            foreach (var (task, i) in (tasks ?? []).Select((t, i) => (t, i)))
            {
                command.Add($"task{i}", CanonicalTask(task), DbType.String);
            }

            return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private Task<bool> UpdateOwnedAsync(string id, string owner, string set, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, $"UPDATE jobs SET {set}, updated_at = @now WHERE {OwnedRunning}");
            command.Add("now", NowMs, DbType.Int64);
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

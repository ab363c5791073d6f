using System.Data;
using System.Data.Common;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    public async Task<IReadOnlyList<LeaseRenewal>> RenewLeasesAsync(
        IReadOnlyList<JobHeartbeat> heartbeats, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        if (heartbeats.Count == 0)
        {
            return [];
        }

        var held = await WriteAsync((connection, transaction) =>
            RenewOwnedAsync(connection, transaction, heartbeats, (long)leaseDuration.TotalMilliseconds, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [.. heartbeats.Select(h => held.TryGetValue(h.Lease, out var cancel) ? new LeaseRenewal(true, cancel) : new LeaseRenewal(false, false))];
    }

    public async Task<IReadOnlyList<JobWriteResult>> ReleaseBatchAsync(IReadOnlyList<JobLease> leases, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count == 0)
        {
            return [];
        }

        return await WriteAsync<IReadOnlyList<JobWriteResult>>(async (connection, transaction) =>
        {
            var released = await ReleaseOwnedAsync(connection, transaction, leases, (long)delay.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
            var results = new JobWriteResult[leases.Count];
            for (var i = 0; i < leases.Count; i++)
            {
                results[i] = released.TryGetValue(leases[i], out var state)
                    ? new JobWriteResult(JobWriteStatus.Applied, state)
                    : NotApplied(await ReadStateAsync(connection, transaction, leases[i].Id, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Extends each lease its owner still holds, storing the progress given; returns, per renewed lease (by id and owner:
    /// one job may be named twice, by a lost delivery and the current one), whether its cancellation was requested. One reused statement per job inside the caller's transaction (an embedded database has
    /// no round trips to save); PostgreSQL overrides it with one statement for all.
    /// </summary>
    protected virtual async Task<Dictionary<JobLease, bool>> RenewOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobHeartbeat> heartbeats, long leaseMs, CancellationToken cancellationToken)
    {
        var held = new Dictionary<JobLease, bool>();
        await using var command = Command(connection, transaction, $"""
            UPDATE jobs SET lease_expires_at = {Now} + @lease, updated_at = {Now},
                            progress = COALESCE(@fraction, progress),
                            progress_message = CASE WHEN @fraction IS NULL THEN progress_message ELSE @message END
            WHERE {OwnedRunning} RETURNING cancel_requested
            """);
        AddNow(command);
        AddOwner(command, "", "");
        command.Add("lease", leaseMs, DbType.Int64);
        command.Add("fraction", null, DbType.Double);
        command.Add("message", null, DbType.String);
        foreach (var (lease, progress) in heartbeats)
        {
            command.Parameters["id"].Value = lease.Id;
            command.Parameters["owner"].Value = lease.Owner;
            command.Parameters["fraction"].Value = progress is { } p ? Math.Clamp(p.Fraction, 0, 1) : DBNull.Value;
            command.Parameters["message"].Value = (object?)progress?.Message ?? DBNull.Value;
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } cancel and not DBNull)
            {
                held[lease] = Convert.ToInt64(cancel, null) != 0;
            }
        }

        return held;
    }

    /// <summary>Releases each lease its owner still holds (<see cref="ReleaseSet"/>); returns the state each released job is in now.</summary>
    protected virtual async Task<Dictionary<JobLease, JobState>> ReleaseOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobLease> leases, long delayMs, CancellationToken cancellationToken)
    {
        var released = new Dictionary<JobLease, JobState>();
        await using var command = Command(connection, transaction, $"UPDATE jobs SET {ReleaseSet}, updated_at = {Now} WHERE {OwnedRunning} RETURNING state");
        AddNow(command);
        AddOwner(command, "", "");
        command.Add("delay", delayMs, DbType.Int64);
        foreach (var lease in leases)
        {
            command.Parameters["id"].Value = lease.Id;
            command.Parameters["owner"].Value = lease.Owner;
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string state)
            {
                released[lease] = JobRow.ParseState(state);
            }
        }

        return released;
    }
}

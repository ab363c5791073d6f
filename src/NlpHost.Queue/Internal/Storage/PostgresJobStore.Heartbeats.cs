using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>PostgreSQL's batched heartbeat and release: one statement for all of a worker's leases.</summary>
internal sealed partial class PostgresJobStore
{
    /// <summary>
    /// The running jobs of <paramref name="source"/> (rows with <c>id</c> and <c>owner</c>) that their owner still holds,
    /// locked in id order. A worker's heartbeat and its completion batch may name the same jobs at once (a job finishing
    /// while a beat is in flight); taking row locks in one order makes them wait for each other instead of deadlocking.
    /// </summary>
    private static string OwnedInIdOrder(string columns, string source) => $"""
        SELECT jobs.id, {columns} FROM jobs JOIN {source} ON jobs.id = v.id AND jobs.lease_owner = v.owner
        WHERE jobs.state = 'running' ORDER BY jobs.id FOR UPDATE OF jobs
        """;

    protected override async Task<Dictionary<JobLease, bool>> RenewOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobHeartbeat> heartbeats, long leaseMs, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)Command(connection, transaction, $"""
            UPDATE jobs SET lease_expires_at = {Now} + @lease, updated_at = {Now},
                            progress = COALESCE(held.fraction, jobs.progress),
                            progress_message = CASE WHEN held.fraction IS NULL THEN jobs.progress_message ELSE held.message END
            FROM ({OwnedInIdOrder("v.fraction, v.message", "unnest(@ids, @owners, @fractions, @messages) AS v(id, owner, fraction, message)")}) AS held
            WHERE jobs.id = held.id
            RETURNING jobs.id, jobs.lease_owner, jobs.cancel_requested
            """);
        command.Parameters.AddWithValue("lease", leaseMs);
        AddTexts(command, "ids", heartbeats.Select(h => h.Lease.Id));
        AddTexts(command, "owners", heartbeats.Select(h => h.Lease.Owner));
        command.Parameters.Add(new NpgsqlParameter<double?[]>("fractions", NpgsqlDbType.Array | NpgsqlDbType.Double)
        {
            TypedValue = [.. heartbeats.Select(h => h.Progress is { } p ? Math.Clamp(p.Fraction, 0, 1) : (double?)null)],
        });
        AddTexts(command, "messages", heartbeats.Select(h => h.Progress?.Message));
        var held = new Dictionary<JobLease, bool>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            held[new JobLease(reader.GetString(0), reader.GetString(1))] = Convert.ToInt64(reader.GetValue(2), null) != 0;
        }

        return held;
    }

    protected override async Task<Dictionary<JobLease, JobState>> ReleaseOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobLease> leases, long delayMs, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)Command(connection, transaction, $"""
            UPDATE jobs SET {ReleaseSet}, updated_at = {Now}
            FROM ({OwnedInIdOrder("v.owner", "unnest(@ids, @owners) AS v(id, owner)")}) AS held
            WHERE jobs.id = held.id
            RETURNING jobs.id, held.owner, jobs.state
            """);
        command.Parameters.AddWithValue("delay", delayMs);
        AddTexts(command, "ids", leases.Select(l => l.Id));
        AddTexts(command, "owners", leases.Select(l => l.Owner));
        var released = new Dictionary<JobLease, JobState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            released[new JobLease(reader.GetString(0), reader.GetString(1))] = JobRow.ParseState(reader.GetString(2));
        }

        return released;
    }
}

using System.Data;
using System.Data.Common;
using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>Operator queries and actions; plain SQL that both backends run unchanged.</summary>
internal abstract partial class SqlJobStore : IJobAdministration
{
    public async Task<JobPage> BrowseAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000);
        var where = (query.State, query.Task) switch
        {
            (null, null) => "",
            (not null, null) => "WHERE state = @state",
            (null, not null) => "WHERE task = @task",
            _ => "WHERE state = @state AND task = @task",
        };
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var page = Command(connection, null, $"SELECT {JobRow.Columns} FROM jobs {where} ORDER BY seq DESC LIMIT @limit OFFSET @offset");
        await using var count = Command(connection, null, $"SELECT COUNT(*) FROM jobs {where}");
        foreach (var command in new[] { page, count })
        {
            if (query.State is { } state)
            {
                command.Add("state", JobRow.StateName(state), DbType.String);
            }

            if (query.Task is { } task)
            {
                command.Add("task", task, DbType.String);
            }
        }

        page.Add("limit", query.Limit, DbType.Int32);
        page.Add("offset", query.Offset, DbType.Int32);
        var jobs = await ReadJobsAsync(page, cancellationToken).ConfigureAwait(false);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), null);
        return new JobPage(jobs, total);
    }

    public async Task<IReadOnlyList<TaskBacklog>> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT task, state, COUNT(*), MIN(created_at) FROM jobs WHERE state IN ('queued', 'running') GROUP BY task, state");
        var byTask = new SortedDictionary<string, TaskBacklog>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var task = reader.GetString(0);
            var backlog = byTask.GetValueOrDefault(task) ?? new TaskBacklog(task, 0, 0, null);
            byTask[task] = reader.GetString(1) == "queued"
                ? backlog with { Queued = reader.GetInt64(2), OldestQueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)) }
                : backlog with { Running = reader.GetInt64(2) };
        }

        return [.. byTask.Values];
    }

    public async Task<IReadOnlyList<ThroughputBucket>> ThroughputAsync(DateTimeOffset since, TimeSpan bucket, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucket, TimeSpan.FromSeconds(1));
        var sinceMs = JobRow.ToMs(since);
        var bucketMs = (long)bucket.TotalMilliseconds;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Integer division on both backends: bigint / bigint truncates.
        await using var command = Command(connection, null, """
            SELECT (finished_at - @since) / @bucket AS b,
                   SUM(CASE WHEN state = 'succeeded' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN state = 'succeeded' THEN 0 ELSE 1 END)
            FROM jobs
            WHERE state IN ('succeeded', 'failed', 'dead') AND finished_at >= @since
            GROUP BY b ORDER BY b
            """);
        command.Add("since", sinceMs, DbType.Int64);
        command.Add("bucket", bucketMs, DbType.Int64);
        var buckets = new List<ThroughputBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var start = DateTimeOffset.FromUnixTimeMilliseconds(sinceMs + (Convert.ToInt64(reader.GetValue(0), null) * bucketMs));
            buckets.Add(new ThroughputBucket(start, Convert.ToInt64(reader.GetValue(1), null), Convert.ToInt64(reader.GetValue(2), null)));
        }

        return buckets;
    }

    public Task<RetryOutcome> RetryAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, $"""
                UPDATE jobs SET state = 'queued', attempts = 0, lease_owner = NULL, lease_expires_at = NULL, visible_at = {Now},
                                cancel_requested = 0, progress = NULL, progress_message = NULL, result = NULL,
                                finished_at = NULL, updated_at = {Now}
                WHERE id = @id AND state IN ('failed', 'dead')
                RETURNING state
                """);
            command.Add("id", id, DbType.String);
            AddNow(command);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string)
            {
                await NotifyEnqueuedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                Arrivals.Pulse();
                return RetryOutcome.Retried;
            }

            return await ReadStateAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) is null
                ? RetryOutcome.NotFound
                : RetryOutcome.NotRetryable;
        }, cancellationToken);

    public Task<DeleteOutcome> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, "DELETE FROM jobs WHERE id = @id AND state <> 'running' RETURNING id");
            command.Add("id", id, DbType.String);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string)
            {
                return DeleteOutcome.Deleted;
            }

            return await ReadStateAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) is null
                ? DeleteOutcome.NotFound
                : DeleteOutcome.Running;
        }, cancellationToken);
}

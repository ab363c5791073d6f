using System.Data;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    public async Task<IReadOnlyList<Job>> ListAllAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {JobRow.Columns} FROM jobs ORDER BY seq DESC LIMIT @limit OFFSET @offset");
        command.Add("limit", limit, DbType.Int32);
        command.Add("offset", offset, DbType.Int32);
        return await ReadJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountQueuedByTaskAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT task, COUNT(*) FROM jobs WHERE state = 'queued' GROUP BY task");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public Task ReportWorkerAsync(string workerId, IReadOnlyCollection<string>? tasks, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        return WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """
                INSERT INTO workers (worker_id, tasks, seen_at) VALUES (@id, @tasks, @now)
                ON CONFLICT (worker_id) DO UPDATE SET tasks = excluded.tasks, seen_at = excluded.seen_at
                """);
            command.Add("id", workerId, DbType.String);
            command.Add("tasks", tasks is null ? null : string.Join('\n', tasks.Order(StringComparer.Ordinal)), DbType.String);
            command.Add("now", NowMs, DbType.Int64);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<LiveWorker>> ListLiveWorkersAsync(TimeSpan seenWithin, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT worker_id, tasks, seen_at FROM workers WHERE seen_at >= @since ORDER BY worker_id");
        command.Add("since", NowMs - (long)seenWithin.TotalMilliseconds, DbType.Int64);
        var workers = new List<LiveWorker>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var tasks = reader.IsDBNull(1) ? null : reader.GetString(1).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            workers.Add(new LiveWorker(reader.GetString(0), tasks, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return workers;
    }
}

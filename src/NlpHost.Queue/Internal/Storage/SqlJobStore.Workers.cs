using System.Data;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    public Task ReportWorkerAsync(WorkerReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.WorkerId);
        return WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, $"""
                INSERT INTO workers (worker_id, tasks, seen_at, version, slots, started_at) VALUES (@id, @tasks, {Now}, @version, @slots, @started)
                ON CONFLICT (worker_id) DO UPDATE SET tasks = excluded.tasks, seen_at = excluded.seen_at, version = excluded.version,
                                                      slots = excluded.slots, started_at = excluded.started_at
                """);
            command.Add("id", report.WorkerId, DbType.String);
            command.Add("tasks", report.Tasks is null ? null : string.Join('\n', report.Tasks.Order(StringComparer.Ordinal)), DbType.String);
            command.Add("version", report.Version, DbType.String);
            command.Add("slots", report.Slots, DbType.Int32);
            command.Add("started", JobRow.ToMs(report.StartedAt), DbType.Int64);
            AddNow(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<LiveWorker>> ListLiveWorkersAsync(TimeSpan seenWithin, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT worker_id, tasks, seen_at, version, slots, started_at FROM workers WHERE seen_at >= {Now} - @within ORDER BY worker_id");
        command.Add("within", (long)seenWithin.TotalMilliseconds, DbType.Int64);
        AddNow(command);
        var workers = new List<LiveWorker>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var tasks = reader.IsDBNull(1) ? null : reader.GetString(1).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            workers.Add(new LiveWorker(reader.GetString(0), tasks, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            {
                Version = reader.IsDBNull(3) ? null : reader.GetString(3),
                Slots = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                StartedAt = reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            });
        }

        return workers;
    }
}

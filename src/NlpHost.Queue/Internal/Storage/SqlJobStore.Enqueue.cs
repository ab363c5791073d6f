using System.Data;
using System.Data.Common;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    private const string InsertSql = $"""
        INSERT INTO jobs (id, task, input, options, priority, idempotency_key, state, attempts, max_attempts,
                          visible_at, cancel_requested, created_at, updated_at)
        VALUES (@id, @task, @input, @options, @priority, @key, 'queued', 0, @max, @now, 0, @now, @now)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING {JobRow.Columns}
        """;

    /// <summary>
    /// Task names are stored, leased and compared in one form (trimmed, lower case), whoever submits the job: a
    /// name matched loosely at submission and exactly by the worker left jobs queued forever.
    /// </summary>
    internal static string CanonicalTask(string task) => task.Trim().ToLowerInvariant();

    private async Task<EnqueueResult> InsertAsync(
        DbConnection connection, DbTransaction transaction, JobRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using (var insert = Command(connection, transaction, InsertSql))
        {
            insert.Add("id", Guid.CreateVersion7(now).ToString("N"), DbType.String);
            insert.Add("task", CanonicalTask(request.Task), DbType.String);
            insert.Add("input", request.Input.GetRawText(), DbType.String);
            insert.Add("options", request.Options?.GetRawText(), DbType.String);
            insert.Add("priority", request.Priority, DbType.Int32);
            insert.Add("key", request.IdempotencyKey, DbType.String);
            insert.Add("max", request.MaxAttempts ?? defaultMaxAttempts, DbType.Int32);
            insert.Add("now", JobRow.ToMs(now), DbType.Int64);
            if (await ReadSingleAsync(insert, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return new EnqueueResult(created, Created: true);
            }
        }

        // The idempotency key is taken: hand back the job that holds it.
        await using var select = Command(connection, transaction, $"SELECT {JobRow.Columns} FROM jobs WHERE idempotency_key = @key");
        select.Add("key", request.IdempotencyKey, DbType.String);
        var existing = await ReadSingleAsync(select, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"job with idempotency key '{request.IdempotencyKey}' was neither inserted nor found");
        return new EnqueueResult(existing, Created: false);
    }
}

using System.Data;
using System.Data.Common;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    private string InsertSql => $"""
        INSERT INTO jobs (id, task, input, options, priority, idempotency_key, state, attempts, max_attempts,
                          visible_at, cancel_requested, created_at, updated_at)
        VALUES (@id, @task, @input, @options, @priority, @key, 'queued', 0, @max, {Now}, 0, {Now}, {Now})
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING {JobRow.Columns}
        """;

    /// <summary>
    /// Task names are stored, leased and compared in one form (trimmed, lower case), whoever submits the job: a
    /// name matched loosely at submission and exactly by the worker left jobs queued forever.
    /// </summary>
    internal static string CanonicalTask(string task) => task.Trim().ToLowerInvariant();

    protected string NewJobId() => Guid.CreateVersion7(Time.GetUtcNow()).ToString("N");

    protected int MaxAttemptsOf(JobRequest request) => request.MaxAttempts ?? defaultMaxAttempts;

    /// <summary>
    /// Inserts a batch inside the caller's transaction, in order: one statement reused per job (SQLite runs in process,
    /// so a round trip costs little); PostgreSQL overrides it with one statement for the whole batch.
    /// </summary>
    protected virtual async Task<IReadOnlyList<EnqueueResult>> InsertBatchAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        var results = new List<EnqueueResult>(requests.Count);
        await using var insert = Command(connection, transaction, InsertSql);
        foreach (var request in requests)
        {
            insert.Parameters.Clear();
            BindInsert(insert, request);
            results.Add(await ReadSingleAsync(insert, cancellationToken).ConfigureAwait(false) is { } created
                ? new EnqueueResult(created, Created: true)
                : await ExistingAsync(connection, transaction, request, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Tells other hosts' idle workers, inside the enqueue's transaction; SQLite has no channel to tell them by.</summary>
    protected virtual Task NotifyEnqueuedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private async Task<EnqueueResult> InsertAsync(
        DbConnection connection, DbTransaction transaction, JobRequest request, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction, InsertSql);
        BindInsert(insert, request);
        return await ReadSingleAsync(insert, cancellationToken).ConfigureAwait(false) is { } created
            ? new EnqueueResult(created, Created: true)
            : await ExistingAsync(connection, transaction, request, cancellationToken).ConfigureAwait(false);
    }

    private void BindInsert(DbCommand insert, JobRequest request)
    {
        insert.Add("id", NewJobId(), DbType.String);
        insert.Add("task", CanonicalTask(request.Task), DbType.String);
        insert.Add("input", request.Input.GetRawText(), DbType.String);
        insert.Add("options", request.Options?.GetRawText(), DbType.String);
        insert.Add("priority", request.Priority, DbType.Int32);
        insert.Add("key", request.IdempotencyKey, DbType.String);
        insert.Add("max", MaxAttemptsOf(request), DbType.Int32);
        AddNow(insert);
    }

    /// <summary>The idempotency key is taken: hand back the job that holds it.</summary>
    protected static async Task<EnqueueResult> ExistingAsync(
        DbConnection connection, DbTransaction transaction, JobRequest request, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, transaction, $"SELECT {JobRow.Columns} FROM jobs WHERE idempotency_key = @key");
        select.Add("key", request.IdempotencyKey, DbType.String);
        var existing = await ReadSingleAsync(select, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"job with idempotency key '{request.IdempotencyKey}' was neither inserted nor found");
        return new EnqueueResult(existing, Created: false);
    }
}

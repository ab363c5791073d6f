using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>PostgreSQL's batch statements (one round trip for a whole batch) and its wake-up channel.</summary>
internal sealed partial class PostgresJobStore
{
    /// <summary>The LISTEN/NOTIFY channel raised when jobs are enqueued (database-wide; a stray wake-up only costs one empty lease).</summary>
    private const string Channel = "nlphost_jobs";

    private static readonly TimeSpan ListenRetry = TimeSpan.FromSeconds(5);

    public override async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => Arrivals.Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // Jobs enqueued while no connection listened raised nothing: look once.
                Arrivals.Pulse();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The worker's poll still finds jobs meanwhile, only later; listening resumes once the server answers.
                await Task.Delay(ListenRetry, Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    protected override async Task NotifyEnqueuedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Delivered on commit, once per transaction however many jobs it holds.
        await using var notify = Command(connection, transaction, $"SELECT pg_notify('{Channel}', '')");
        await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<IReadOnlyList<EnqueueResult>> InsertBatchAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        var ids = requests.Select(_ => NewJobId()).ToArray();
        var created = new Dictionary<string, Job>(StringComparer.Ordinal);
        await using (var insert = (NpgsqlCommand)Command(connection, transaction, $"""
            INSERT INTO jobs (id, task, input, options, priority, idempotency_key, state, attempts, max_attempts,
                              visible_at, cancel_requested, created_at, updated_at)
            SELECT u.id, u.task, u.input, u.options, u.priority, u.key, 'queued', 0, u.max, {Now}, 0, {Now}, {Now}
            FROM unnest(@ids, @tasks, @inputs, @options, @priorities, @keys, @maxes) WITH ORDINALITY AS u(id, task, input, options, priority, key, max, n)
            ORDER BY u.n
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING {JobRow.Columns}
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
            AddTexts(insert, "tasks", requests.Select(r => CanonicalTask(r.Task)));
            AddTexts(insert, "inputs", requests.Select(r => r.Input.GetRawText()));
            AddTexts(insert, "options", requests.Select(r => r.Options?.GetRawText()));
            AddTexts(insert, "keys", requests.Select(r => r.IdempotencyKey));
            insert.Parameters.Add(new NpgsqlParameter<int[]>("priorities", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. requests.Select(r => r.Priority)] });
            insert.Parameters.Add(new NpgsqlParameter<int[]>("maxes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. requests.Select(MaxAttemptsOf)] });
            foreach (var job in await ReadJobsAsync(insert, cancellationToken).ConfigureAwait(false))
            {
                created[job.Id] = job;
            }
        }

        var results = new List<EnqueueResult>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            results.Add(created.TryGetValue(ids[i], out var job)
                ? new EnqueueResult(job, Created: true)
                : await ExistingAsync(connection, transaction, requests[i], cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    protected override async Task<HashSet<string>> CompleteOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobCompletion> completions, IReadOnlyList<string> storedResults,
        CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)Command(connection, transaction, $"""
            UPDATE jobs SET state = 'succeeded', result = held.result, progress = 1, error = NULL, lease_expires_at = NULL,
                            finished_at = {Now}, updated_at = {Now}
            FROM ({OwnedInIdOrder("v.result", "unnest(@ids, @owners, @results) AS v(id, owner, result)")}) AS held
            WHERE jobs.id = held.id
            RETURNING jobs.id
            """);
        AddTexts(command, "ids", completions.Select(c => c.Id));
        AddTexts(command, "owners", completions.Select(c => c.Owner));
        AddTexts(command, "results", storedResults);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static void AddTexts(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] });
}

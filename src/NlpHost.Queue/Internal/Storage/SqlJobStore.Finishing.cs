using System.Data;
using System.Data.Common;
using System.Text.Json;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    private const string Exhausted = "(@dead = 1 OR attempts >= max_attempts)";

    public Task<JobWriteResult> CompleteAsync(string id, string owner, JsonElement result, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner,
            "state = 'succeeded', result = @result, progress = 1, error = NULL, lease_expires_at = NULL, finished_at = @now",
            command => command.Add("result", result.GetRawText(), DbType.String), cancellationToken);

    public Task<JobWriteResult> FailTransientAsync(string id, string owner, string lastError, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, $"""
            state = CASE WHEN {Exhausted} THEN 'dead' ELSE 'queued' END,
            finished_at = CASE WHEN {Exhausted} THEN @now ELSE NULL END,
            visible_at = @visible, error = @error, lease_expires_at = NULL
            """, command =>
            {
                command.Add("dead", retryAt is null ? 1 : 0, DbType.Int32);
                command.Add("visible", JobRow.ToMs(retryAt ?? time.GetUtcNow()), DbType.Int64);
                command.Add("error", lastError, DbType.String);
            }, cancellationToken);

    public Task<JobWriteResult> FailPermanentAsync(string id, string owner, string reason, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, "state = 'failed', error = @error, lease_expires_at = NULL, finished_at = @now",
            command => command.Add("error", reason, DbType.String), cancellationToken);

    public Task<JobWriteResult> ReleaseAsync(string id, string owner, DateTimeOffset visibleAt, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, """
            state = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'queued' END,
            finished_at = CASE WHEN cancel_requested = 1 THEN @now ELSE NULL END,
            attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
            visible_at = @visible, lease_expires_at = NULL
            """, command => command.Add("visible", JobRow.ToMs(visibleAt), DbType.Int64), cancellationToken);

    public Task<JobWriteResult> MarkCancelledAsync(string id, string owner, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, "state = 'cancelled', lease_expires_at = NULL, finished_at = @now", static _ => { }, cancellationToken);

    public Task<CancelOutcome> CancelAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, """
                UPDATE jobs SET state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
                                cancel_requested = CASE WHEN state = 'running' THEN 1 ELSE cancel_requested END,
                                finished_at = CASE WHEN state = 'queued' THEN @now ELSE finished_at END,
                                updated_at = @now
                WHERE id = @id AND state IN ('queued', 'running')
                RETURNING state
                """);
            command.Add("id", id, DbType.String);
            command.Add("now", NowMs, DbType.Int64);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string state)
            {
                return state == "cancelled" ? CancelOutcome.Cancelled : CancelOutcome.CancellationRequested;
            }

            var current = await ReadStateAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            return current is null ? CancelOutcome.NotFound : CancelOutcome.AlreadyFinal;
        }, cancellationToken);

    /// <summary>Applies <paramref name="set"/> only while <paramref name="owner"/> owns the running job; otherwise says why not.</summary>
    private Task<JobWriteResult> FinishOwnedAsync(string id, string owner, string set, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"UPDATE jobs SET {set}, updated_at = @now WHERE {OwnedRunning} RETURNING state");
            command.Add("now", NowMs, DbType.Int64);
            AddOwner(command, id, owner);
            bind(command);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string state)
            {
                return new JobWriteResult(JobWriteStatus.Applied, JobRow.ParseState(state));
            }

            var current = await ReadStateAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            return new JobWriteResult(current switch
            {
                null => JobWriteStatus.NotFound,
                JobState.Running => JobWriteStatus.NotOwner,
                _ => JobWriteStatus.NotRunning,
            });
        }, cancellationToken);

    private static async Task<JobState?> ReadStateAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT state FROM jobs WHERE id = @id");
        command.Add("id", id, DbType.String);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string state ? JobRow.ParseState(state) : null;
    }
}

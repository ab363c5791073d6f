using System.Data;
using System.Data.Common;
using System.Text.Json;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    private const string Exhausted = "(@dead = 1 OR attempts >= max_attempts)";

    private string SucceededSet =>
        $"state = 'succeeded', result = @result, progress = 1, error = NULL, lease_expires_at = NULL, finished_at = {Now}";

    // Results are encoded (compressed when large) before the write transaction opens, so no lock waits on gzip.
    public Task<JobWriteResult> CompleteAsync(string id, string owner, JsonElement result, CancellationToken cancellationToken = default)
    {
        var stored = Stored(result);
        return FinishOwnedAsync(id, owner, SucceededSet, command => command.Add("result", stored, DbType.String), cancellationToken);
    }

    public async Task<IReadOnlyList<JobWriteResult>> CompleteBatchAsync(IReadOnlyList<JobCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return [];
        }

        var stored = completions.Select(c => Stored(c.Result)).ToArray();
        return await WriteAsync<IReadOnlyList<JobWriteResult>>(async (connection, transaction) =>
        {
            var applied = await CompleteOwnedAsync(connection, transaction, completions, stored, cancellationToken).ConfigureAwait(false);
            var results = new JobWriteResult[completions.Count];
            for (var i = 0; i < completions.Count; i++)
            {
                results[i] = applied.Contains(completions[i].Id)
                    ? new JobWriteResult(JobWriteStatus.Applied, JobState.Succeeded)
                    : NotApplied(await ReadStateAsync(connection, transaction, completions[i].Id, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<JobWriteResult> FailTransientAsync(string id, string owner, string lastError, TimeSpan? retryAfter, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, $"""
            state = CASE WHEN {Exhausted} THEN 'dead' ELSE 'queued' END,
            finished_at = CASE WHEN {Exhausted} THEN {Now} ELSE NULL END,
            visible_at = {Now} + @delay, error = @error, lease_expires_at = NULL
            """, command =>
            {
                command.Add("dead", retryAfter is null ? 1 : 0, DbType.Int32);
                command.Add("delay", (long)(retryAfter ?? TimeSpan.Zero).TotalMilliseconds, DbType.Int64);
                command.Add("error", lastError, DbType.String);
            }, cancellationToken);

    public Task<JobWriteResult> FailPermanentAsync(string id, string owner, string reason, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, $"state = 'failed', error = @error, lease_expires_at = NULL, finished_at = {Now}",
            command => command.Add("error", reason, DbType.String), cancellationToken);

    /// <summary>Gives a running job back without counting its attempt; a job whose cancellation was asked for is cancelled.</summary>
    protected string ReleaseSet => $"""
        state = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'queued' END,
        finished_at = CASE WHEN cancel_requested = 1 THEN {Now} ELSE NULL END,
        attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
        visible_at = {Now} + @delay, lease_expires_at = NULL
        """;

    public Task<JobWriteResult> ReleaseAsync(string id, string owner, TimeSpan delay, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, ReleaseSet, command => command.Add("delay", (long)delay.TotalMilliseconds, DbType.Int64), cancellationToken);

    public Task<JobWriteResult> MarkCancelledAsync(string id, string owner, CancellationToken cancellationToken = default) =>
        FinishOwnedAsync(id, owner, $"state = 'cancelled', lease_expires_at = NULL, finished_at = {Now}", static _ => { }, cancellationToken);

    public Task<CancelOutcome> CancelAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, $"""
                UPDATE jobs SET state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
                                cancel_requested = CASE WHEN state = 'running' THEN 1 ELSE cancel_requested END,
                                finished_at = CASE WHEN state = 'queued' THEN {Now} ELSE finished_at END,
                                updated_at = {Now}
                WHERE id = @id AND state IN ('queued', 'running')
                RETURNING state
                """);
            command.Add("id", id, DbType.String);
            AddNow(command);
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
                $"UPDATE jobs SET {set}, updated_at = {Now} WHERE {OwnedRunning} RETURNING state");
            AddNow(command);
            AddOwner(command, id, owner);
            bind(command);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string state)
            {
                return new JobWriteResult(JobWriteStatus.Applied, JobRow.ParseState(state));
            }

            return NotApplied(await ReadStateAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>
    /// Marks each completion's job succeeded where its owner still owns it running, with its result as stored
    /// (<paramref name="storedResults"/>, one per completion); returns the ids it applied to.
    /// One reused statement per job inside the caller's transaction (PostgreSQL overrides it with one statement in all).
    /// </summary>
    protected virtual async Task<HashSet<string>> CompleteOwnedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JobCompletion> completions, IReadOnlyList<string> storedResults,
        CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = Command(connection, transaction, $"UPDATE jobs SET {SucceededSet}, updated_at = {Now} WHERE {OwnedRunning}");
        AddNow(command);
        AddOwner(command, "", "");
        command.Add("result", "", DbType.String);
        for (var i = 0; i < completions.Count; i++)
        {
            command.Parameters["id"].Value = completions[i].Id;
            command.Parameters["owner"].Value = completions[i].Owner;
            command.Parameters["result"].Value = storedResults[i];
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                applied.Add(completions[i].Id);
            }
        }

        return applied;
    }

    protected static JobWriteResult NotApplied(JobState? current) => new(current switch
    {
        null => JobWriteStatus.NotFound,
        JobState.Running => JobWriteStatus.NotOwner,
        _ => JobWriteStatus.NotRunning,
    });

    protected static async Task<JobState?> ReadStateAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT state FROM jobs WHERE id = @id");
        command.Add("id", id, DbType.String);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string state ? JobRow.ParseState(state) : null;
    }
}

using System.Data;
using System.Data.Common;
using NlpHost.Queue.Administration;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

internal abstract partial class SqlJobStore
{
    public async Task<IReadOnlyList<StateSummary>> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT state, COUNT(*), MIN(created_at), MIN(finished_at) FROM jobs GROUP BY state");
        var byState = Enum.GetValues<JobState>().ToDictionary(state => state, state => new StateSummary(state, 0, null, null));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = JobRow.ParseState(reader.GetString(0));
            byState[state] = new StateSummary(state, reader.GetInt64(1), Time(reader, 2), Time(reader, 3));
        }

        return [.. byState.Values];

        static DateTimeOffset? Time(DbDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal), null));
    }

    public async Task<IReadOnlyDictionary<JobState, long>> PurgeFinishedAsync(
        IReadOnlyDictionary<JobState, TimeSpan> ages, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ages);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        foreach (var (state, age) in ages)
        {
            if (state is JobState.Queued or JobState.Running || age <= TimeSpan.Zero)
            {
                throw new ArgumentException($"retention: state '{JobRow.StateName(state)}' with age {age} cannot be purged; only finished states with a positive age", nameof(ages));
            }
        }

        var deleted = ages.Keys.ToDictionary(state => state, _ => 0L);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await TryLockRetentionAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return deleted;
        }

        try
        {
            foreach (var (state, age) in ages)
            {
                int batch;
                do
                {
                    batch = await DeleteBatchAsync(connection, state, age, batchSize, cancellationToken).ConfigureAwait(false);
                    deleted[state] += batch;
                }
                while (batch == batchSize);
            }
        }
        finally
        {
            await UnlockRetentionAsync(connection).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>Takes the lock that lets one host's retention pass run at a time; SQLite's write lock already serializes.</summary>
    protected virtual Task<bool> TryLockRetentionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult(true);

    protected virtual Task UnlockRetentionAsync(DbConnection connection) => Task.CompletedTask;

    // Its own short transaction per batch: workers' leases and completions wait behind at most one batch.
    private async Task<int> DeleteBatchAsync(DbConnection connection, JobState state, TimeSpan age, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, transaction, $"""
            DELETE FROM jobs WHERE seq IN (SELECT seq FROM jobs WHERE state = @state AND finished_at < {Now} - @age
                                           ORDER BY finished_at LIMIT @batch)
            """);
        command.Add("state", JobRow.StateName(state), DbType.String);
        command.Add("age", (long)age.TotalMilliseconds, DbType.Int64);
        command.Add("batch", batchSize, DbType.Int32);
        AddNow(command);
        var count = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}

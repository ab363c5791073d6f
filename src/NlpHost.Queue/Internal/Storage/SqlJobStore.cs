using System.Data;
using System.Data.Common;
using System.Text.Json;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>
/// The SQL both backends share. Every change by a worker is one conditional UPDATE guarded by
/// <c>state = 'running' AND lease_owner = @owner</c>, which is what makes results written once.
/// </summary>
internal abstract partial class SqlJobStore(TimeProvider time, int defaultMaxAttempts, int compressResultsAboveBytes) : IJobStore, IJobWakeups, IAsyncDisposable
{
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Appended to the lease's candidate query: <c>FOR UPDATE SKIP LOCKED</c> where the backend has it.</summary>
    protected virtual string LeaseLockClause => string.Empty;

    /// <summary>
    /// Names the index a lease's candidate query must use where the planner would not pick it (SQLite keeps no
    /// statistics unless analyzed, and then sorted every queued job on each lease); PostgreSQL plans it itself.
    /// </summary>
    protected virtual string IndexHint(string index) => string.Empty;

    /// <summary>
    /// The current time in SQL, as Unix milliseconds. SQLite: the host's clock, bound by <see cref="AddNow"/> (one box,
    /// one clock). PostgreSQL overrides it with the database's clock, so leases, visibility and heartbeats of hosts with
    /// skewed clocks are all measured on one clock.
    /// </summary>
    protected virtual string Now => "@now";

    /// <summary>Raised after this store commits new jobs, so a worker in the same process starts them without polling.</summary>
    public JobSignal Arrivals { get; } = new();

    protected TimeProvider Time => time;

    /// <summary>The <c>jobs.result</c> text for a result (compressed when large, <see cref="StoredResult"/>).</summary>
    protected string Stored(JsonElement result) => StoredResult.Encode(result, compressResultsAboveBytes);

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Applies <see cref="JobSchema"/> migrations under a lock that serializes hosts starting at once.</summary>
    protected abstract Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    public Task<EnqueueResult> EnqueueAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return EnqueuedAsync(WriteAsync(async (connection, transaction) =>
        {
            var result = await InsertAsync(connection, transaction, request, cancellationToken).ConfigureAwait(false);
            await NotifyEnqueuedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            return result;
        }, cancellationToken));
    }

    /// <summary>Listens for jobs other hosts enqueue, pulsing <see cref="Arrivals"/>, until cancelled; SQLite has no such channel.</summary>
    public virtual Task ListenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<EnqueueResult>> EnqueueBatchAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            Validate(request);
        }

        return EnqueuedAsync(WriteAsync(async (connection, transaction) =>
        {
            var results = await InsertBatchAsync(connection, transaction, requests, cancellationToken).ConfigureAwait(false);
            await NotifyEnqueuedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            return results;
        }, cancellationToken));
    }

    public async Task<Job?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {JobRow.Columns} FROM jobs WHERE id = @id");
        command.Add("id", id, DbType.String);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Job>> ListAsync(JobState state, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {JobRow.Columns} FROM jobs WHERE state = @state ORDER BY seq LIMIT @limit OFFSET @offset");
        command.Add("state", JobRow.StateName(state), DbType.String);
        command.Add("limit", limit, DbType.Int32);
        command.Add("offset", offset, DbType.Int32);
        return await ReadJobsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<JobState, long>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT state, COUNT(*) FROM jobs GROUP BY state");
        var counts = Enum.GetValues<JobState>().ToDictionary(state => state, _ => 0L);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[JobRow.ParseState(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        _initializeLock.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>Every job row <paramref name="command"/> selects (<see cref="JobRow.Columns"/>), in its order.</summary>
    protected static async Task<List<Job>> ReadJobsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(JobRow.Read(reader));
        }

        return jobs;
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private long NowMs => JobRow.ToMs(time.GetUtcNow());

    /// <summary>Binds <c>@now</c> for <see cref="Now"/>; a no-op where the database's clock is used.</summary>
    protected virtual void AddNow(DbCommand command) => command.Add("now", NowMs, DbType.Int64);

    // Pulsed after the commit: a worker woken before it would find nothing to lease.
    private async Task<T> EnqueuedAsync<T>(Task<T> write)
    {
        var result = await write.ConfigureAwait(false);
        Arrivals.Pulse();
        return result;
    }

    protected async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction (on SQLite <c>BEGIN IMMEDIATE</c>, so writers queue up front).</summary>
    protected async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    protected static async Task<Job?> ReadSingleAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRow.Read(reader) : null;
    }

    protected static void Validate(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Task))
        {
            throw new ArgumentException("job request needs a task name", nameof(request));
        }

        if (request.Input.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            throw new ArgumentException($"job request for task '{request.Task}' has no input; pass a JSON value", nameof(request));
        }

        if (request.MaxAttempts is < 1)
        {
            throw new ArgumentException($"job request for task '{request.Task}': MaxAttempts must be at least 1, got {request.MaxAttempts}", nameof(request));
        }
    }
}

using System.Data.Common;
using Npgsql;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>
/// The shared backend: any number of hosts lease from one table; <c>FOR UPDATE SKIP LOCKED</c> lets concurrent leases
/// pass over each other's rows instead of waiting, and a transaction-scoped advisory lock serializes migrations.
/// Times come from the database's clock (<c>now()</c>), never a host's, so a host with a skewed clock can neither
/// take over a job whose lease is live nor keep one whose lease ran out.
/// </summary>
internal sealed partial class PostgresJobStore : SqlJobStore
{
    /// <summary>Key of the advisory lock taken while migrating ("NLPHQUE" in ASCII).</summary>
    private const long MigrationLockKey = 0x4E4C5048515545;
    /// <summary>Key of the session advisory lock held during a retention pass ("NLPHRET").</summary>
    private const long RetentionLockKey = 0x4E4C5048524554;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresJobStore(string connectionString, TimeProvider time, int defaultMaxAttempts, int compressResultsAboveBytes)
        : base(time, defaultMaxAttempts, compressResultsAboveBytes)
    {
        ConnectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    protected override string LeaseLockClause => " FOR UPDATE SKIP LOCKED";

    // now() is the transaction's start on the server: one clock for every host.
    protected override string Now => "(EXTRACT(EPOCH FROM now()) * 1000)::bigint";

    protected override void AddNow(DbCommand command)
    {
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var migrations = JobSchema.Migrations("bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
        await SchemaMigrator.ApplyAsync(connection, transaction, migrations, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Session-level, not per transaction: the pass deletes in many short transactions. A host killed mid-pass drops
    // its connection, and with it the lock.
    protected override async Task<bool> TryLockRetentionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"SELECT pg_try_advisory_lock({RetentionLockKey})");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    protected override async Task UnlockRetentionAsync(DbConnection connection)
    {
        await using var command = Command(connection, null, $"SELECT pg_advisory_unlock({RetentionLockKey})");
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }
}

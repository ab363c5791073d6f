using System.Data.Common;
using Npgsql;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>
/// The shared backend: any number of hosts lease from one table; <c>FOR UPDATE SKIP LOCKED</c> lets concurrent leases
/// pass over each other's rows instead of waiting, and a transaction-scoped advisory lock serializes migrations.
/// </summary>
internal sealed class PostgresJobStore : SqlJobStore
{
    /// <summary>Key of the advisory lock taken while migrating ("NLPHQUE" in ASCII).</summary>
    private const long MigrationLockKey = 0x4E4C5048515545;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresJobStore(string connectionString, TimeProvider time, int defaultMaxAttempts)
        : base(time, defaultMaxAttempts) => _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string LeaseLockClause => " FOR UPDATE SKIP LOCKED";

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

    protected override async ValueTask DisposeCoreAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }
}

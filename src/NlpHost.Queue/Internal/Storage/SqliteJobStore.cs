using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>
/// The embedded default: one SQLite file in WAL mode. Writers take the database lock up front (<c>BEGIN IMMEDIATE</c>)
/// and wait on the busy timeout, so concurrent leases in one process (or several processes on one box) serialize.
/// </summary>
internal sealed class SqliteJobStore : SqlJobStore
{
    private const int BusyTimeoutSeconds = 30;
    private readonly string _connectionString;

    public SqliteJobStore(string dataDirectory, TimeProvider time, int defaultMaxAttempts, int compressResultsAboveBytes)
        : base(time, defaultMaxAttempts, compressResultsAboveBytes)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, QueueOptions.SqliteFileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public string DatabasePath { get; }

    protected override string IndexHint(string index) => $" INDEXED BY {index}";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, it persists; readers then never block the writer.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.ApplyAsync(connection, transaction, JobSchema.Migrations("integer PRIMARY KEY"), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

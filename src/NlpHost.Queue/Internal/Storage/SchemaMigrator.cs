using System.Data;
using System.Data.Common;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>Brings the schema to the latest version inside the caller's (locked) transaction; a no-op when current.</summary>
internal static class SchemaMigrator
{
    public static async Task ApplyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, JobSchema.CreateVersionTable, cancellationToken).ConfigureAwait(false);
        await using var read = Create(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), null);
        if (current > migrations.Count)
        {
            throw new InvalidOperationException(
                $"the queue database is at schema version {current} but this NlpHost knows only {migrations.Count}; upgrade NlpHost");
        }

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await ExecuteAsync(connection, transaction, migrations[version - 1], cancellationToken).ConfigureAwait(false);
            await using var record = Create(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES (@version, @at)");
            record.Add("version", version, DbType.Int32);
            record.Add("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), DbType.Int64);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Create(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

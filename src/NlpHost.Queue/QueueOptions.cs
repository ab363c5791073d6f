namespace NlpHost.Queue;

/// <summary>Where jobs are stored. Bound from the <c>Queue</c> section and validated on start.</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Queue";

    /// <summary>Name of the SQLite file created under <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "nlphost.db";

    /// <summary><c>Queue:Provider</c>: <c>sqlite</c> (default, one box, zero setup) or <c>postgres</c> (several hosts share one queue).</summary>
    public QueueProvider Provider { get; set; } = QueueProvider.Sqlite;

    /// <summary><c>Queue:ConnectionString</c>: the PostgreSQL connection string; required for <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Queue:DataDirectory</c>: folder of the SQLite file, created if missing. Default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>Queue:DefaultMaxAttempts</c>: attempts for jobs enqueued without their own limit. Default 5.</summary>
    public int DefaultMaxAttempts { get; set; } = 5;

    /// <summary>
    /// <c>Queue:CompressResultsAboveBytes</c>: results larger than this (UTF-8 JSON) are stored gzip-compressed and read
    /// back transparently; 0 = never. Default 65,536. A database holding compressed results needs this version or later to read them.
    /// </summary>
    public int CompressResultsAboveBytes { get; set; } = 65536;
}

/// <summary>The database that stores the queue.</summary>
public enum QueueProvider
{
    /// <summary>An embedded SQLite file (WAL mode) under <see cref="QueueOptions.DataDirectory"/>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database; workers on several hosts lease with <c>FOR UPDATE SKIP LOCKED</c>.</summary>
    Postgres,
}

using System.Data;
using System.Data.Common;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Internal.Storage;

/// <summary>Maps the <c>jobs</c> table to <see cref="Job"/>. Times are stored as Unix milliseconds (UTC) on both backends.</summary>
internal static class JobRow
{
    /// <summary>How many columns <see cref="Columns"/> names; a query may select more after them.</summary>
    public const int ColumnCount = 21;

    public const string Columns =
        "id, task, input, options, priority, idempotency_key, state, attempts, max_attempts, lease_owner, lease_expires_at, " +
        "visible_at, cancel_requested, progress, progress_message, result, error, created_at, started_at, finished_at, updated_at";

    public static Job Read(DbDataReader r) => new(
        Id: r.GetString(0),
        Task: r.GetString(1),
        Input: ParseJson(r.GetString(2)),
        Options: r.IsDBNull(3) ? null : ParseJson(r.GetString(3)),
        Priority: r.GetInt32(4),
        IdempotencyKey: r.IsDBNull(5) ? null : r.GetString(5),
        State: ParseState(r.GetString(6)),
        Attempts: r.GetInt32(7),
        MaxAttempts: r.GetInt32(8),
        LeaseOwner: r.IsDBNull(9) ? null : r.GetString(9),
        LeaseExpiresAt: ReadTime(r, 10),
        VisibleAt: FromMs(r.GetInt64(11)),
        CancellationRequested: r.GetInt32(12) != 0,
        Progress: r.IsDBNull(13) ? null : new TaskProgress(r.GetDouble(13), r.IsDBNull(14) ? null : r.GetString(14)),
        Result: r.IsDBNull(15) ? null : StoredResult.Decode(r.GetString(15)),
        Error: r.IsDBNull(16) ? null : r.GetString(16),
        CreatedAt: FromMs(r.GetInt64(17)),
        StartedAt: ReadTime(r, 18),
        FinishedAt: ReadTime(r, 19),
        UpdatedAt: FromMs(r.GetInt64(20)));

    public static string StateName(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Dead => "dead",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown job state"),
    };

    public static JobState ParseState(string name) => name switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        "dead" => JobState.Dead,
        "cancelled" => JobState.Cancelled,
        _ => throw new InvalidDataException($"jobs.state '{name}' is not a known state; was the database written by a newer NlpHost?"),
    };

    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static void Add(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? ReadTime(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : FromMs(r.GetInt64(ordinal));

    public static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

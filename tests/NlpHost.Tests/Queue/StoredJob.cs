using System.Text.Json;
using Npgsql;

namespace NlpHost.Tests.Queue;

/// <summary>A job row of a PostgreSQL queue as the fixture plugins leave it: its input marker, state, attempts, the
/// marker and run id its result carries (none before it succeeded) and its last lease owner.</summary>
internal sealed record StoredJob(string Marker, string State, int Attempts, string? ResultMarker, string? Run, string Owner)
{
    /// <summary>Every job of the deployment's queue, read straight from the database.</summary>
    public static async Task<List<StoredJob>> ReadAllAsync(QueueDeployment queue)
    {
        await using var connection = new NpgsqlConnection(queue.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT input, state, attempts, result, lease_owner FROM jobs", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<StoredJob>();
        while (await reader.ReadAsync())
        {
            var result = reader.IsDBNull(3) ? default : JsonDocument.Parse(reader.GetString(3)).RootElement;
            jobs.Add(new StoredJob(
                JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("marker").GetString()!,
                reader.GetString(1),
                reader.GetInt32(2),
                result.ValueKind == JsonValueKind.Object ? result.GetProperty("marker").GetString() : null,
                result.ValueKind == JsonValueKind.Object ? result.GetProperty("run").GetString() : null,
                reader.IsDBNull(4) ? "" : reader.GetString(4)));
        }

        return jobs;
    }
}

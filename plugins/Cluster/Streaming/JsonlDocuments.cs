using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Cluster.Streaming;

/// <summary>Reads <c>{"id","text"}</c> lines of a JSONL file one at a time, naming the line of a bad record.</summary>
internal static class JsonlDocuments
{
    public static async IAsyncEnumerable<ClusterDocument> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, lineNumber);
            }
        }
    }

    private static ClusterDocument Parse(string line, int lineNumber)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id") is { ValueKind: JsonValueKind.String } s ? s.GetString() : root.GetProperty("id").GetRawText();
            var text = root.GetProperty("text").GetString();
            if (string.IsNullOrEmpty(id) || text is null)
            {
                throw new TaskInputException($"input.path line {lineNumber}", "needs a non-empty \"id\" and a string \"text\"");
            }

            return new ClusterDocument(id, text);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TaskInputException($"input.path line {lineNumber}", "expected {\"id\",\"text\"}: " + e.Message, e);
        }
    }
}

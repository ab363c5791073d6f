using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Cluster.Evaluation;

/// <summary>Reads a JSONL data set of <c>{"id","label","text"}</c> lines, naming the line of any bad record.</summary>
internal static class LabelledDocuments
{
    public sealed record Item(string Id, string Label, string Text);

    public static async Task<List<Item>> ReadAsync(string path, int? limit, CancellationToken cancellationToken)
    {
        var items = new List<Item>();
        var lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (limit is { } max && items.Count >= max)
            {
                break;
            }

            items.Add(Parse(line, path, lineNumber));
        }

        return items;
    }

    private static Item Parse(string line, string path, int lineNumber)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new Item(Text(root, "id"), Text(root, "label"), root.GetProperty("text").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TaskInputException($"{Path.GetFileName(path)} line {lineNumber}", "expected {\"id\",\"label\",\"text\"}: " + e.Message, e);
        }
    }

    // Ids and labels may be numbers in some exports; compare them as text.
    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? s.GetString()! : root.GetProperty(name).GetRawText();
}

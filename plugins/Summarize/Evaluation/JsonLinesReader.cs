using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Sdk.Data;

namespace NlpHost.Tasks.Summarize.Evaluation;

/// <summary>JSON Lines summarization data: one object per line with a document and a summary field (names as for CSV columns).</summary>
internal static class JsonLinesReader
{
    public static List<SummaryDataset.Item> Read(TextReader reader, string name, int? limit)
    {
        var items = new List<SummaryDataset.Item>();
        foreach (var (number, record) in JsonLines.Read(reader, name, limit))
        {
            // Field names as in a CSV header: lower-cased, the first alias present wins.
            var fields = record.EnumerateObject().GroupBy(p => p.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Value);
            var header = fields.Keys.ToList();
            var document = Text(fields, header[SummaryDataset.Column(header, SummaryDataset.DocumentColumns, name, "document")], name, number);
            var summary = Text(fields, header[SummaryDataset.Column(header, SummaryDataset.SummaryColumns, name, "summary")], name, number);
            items.Add(new SummaryDataset.Item(items.Count, document, summary));
        }

        return items;
    }

    private static string Text(Dictionary<string, JsonElement> fields, string key, string name, int number) => fields[key] switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString()!,
        // Some corpora store a summary as a list of sentences (CNN/DM highlights): one line each.
        { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => string.Join('\n', list.EnumerateArray().Select(e => e.GetString())),
        _ => throw JsonLines.Bad(name, number, $"field '{key}' is not text"),
    };
}

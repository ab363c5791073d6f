using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Summarize.Evaluation;

/// <summary>
/// A summarization data set: CSV with a header, or JSON Lines (one object per line), each record a document and a
/// reference summary found by name (BBC News Summary's <c>document,summary</c>, CNN/DailyMail's <c>article,highlights</c>,
/// the shared JSONL files' <c>{"document","summary"}</c>); other fields are ignored. A document with several references
/// is several records, each scored on its own (the mean over references).
/// </summary>
internal static class SummaryDataset
{
    public static readonly string[] DocumentColumns = ["document", "article", "text", "story", "content", "source"];
    public static readonly string[] SummaryColumns = ["summary", "highlights", "reference", "abstract", "target"];

    public sealed record Item(int Index, string Document, string Summary);

    public static List<Item> Read(string path, int? limit)
    {
        using var reader = new StreamReader(path);
        try
        {
            return IsJsonLines(path, reader) ? JsonLinesReader.Read(reader, Path.GetFileName(path), limit) : Read(reader, Path.GetFileName(path), limit);
        }
        catch (FormatException e)
        {
            throw new TaskInputException("data", $"'{path}' is not valid CSV: {e.Message}", e);
        }
    }

    // By extension, else by the first character: a CSV header never starts with '{'.
    private static bool IsJsonLines(string path, StreamReader reader)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        while (reader.Peek() is var c and >= 0 && char.IsWhiteSpace((char)c))
        {
            reader.Read();
        }

        return reader.Peek() == '{';
    }

    public static List<Item> Read(TextReader reader, string name, int? limit)
    {
        using var rows = CsvReader.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new TaskInputException("data", $"'{name}' is empty; expected a CSV header with a document and a summary column, or JSON Lines");
        }

        var header = rows.Current.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var document = Column(header, DocumentColumns, name, "document");
        var summary = Column(header, SummaryColumns, name, "summary");
        var items = new List<Item>();
        var line = 1;
        while ((limit is null || items.Count < limit) && rows.MoveNext())
        {
            line++;
            var row = rows.Current;
            if (row is [""])
            {
                continue; // a blank line
            }

            if (row.Count <= Math.Max(document, summary))
            {
                throw new TaskInputException($"{name} record {line}", $"has {row.Count} fields, the header has {header.Count}");
            }

            items.Add(new Item(items.Count, row[document], row[summary]));
        }

        return items;
    }

    public static int Column(List<string> header, string[] names, string file, string what)
    {
        foreach (var name in names)
        {
            var index = header.IndexOf(name);
            if (index >= 0)
            {
                return index;
            }
        }

        throw new TaskInputException("data", $"'{file}' has no {what} column: expected one of {string.Join(", ", names)}; found {string.Join(", ", header.Select(h => $"'{h}'"))}");
    }
}

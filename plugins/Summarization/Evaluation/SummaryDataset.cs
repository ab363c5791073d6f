using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Summarization.Evaluation;

/// <summary>
/// A summarization data set as CSV with a header: a document column and a reference summary column, found by name
/// (e.g. BBC News Summary's <c>document,summary</c>, CNN/DailyMail's <c>article,highlights</c>); other columns are ignored.
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
            return Read(reader, Path.GetFileName(path), limit);
        }
        catch (FormatException e)
        {
            throw new TaskInputException("data", $"'{path}' is not valid CSV: {e.Message}", e);
        }
    }

    public static List<Item> Read(TextReader reader, string name, int? limit)
    {
        using var rows = CsvReader.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new TaskInputException("data", $"'{name}' is empty; expected a CSV header with a document and a summary column");
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

    private static int Column(List<string> header, string[] names, string file, string what)
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

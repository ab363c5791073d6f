using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarize.Evaluation;

namespace NlpHost.Tasks.Summarize.Tests;

public sealed class SummaryDatasetTests
{
    [Fact]
    public void Quoted_fields_keep_commas_line_breaks_and_doubled_quotes()
    {
        const string csv = ",document,summary,categories\r\n574,\"title line\n\nsaid \"\"yes\"\", then left.\",\"said \"\"yes\"\".\",sport\r\n9,plain,short,tech\n";

        var items = SummaryDataset.Read(new StringReader(csv), "x.csv", null);

        Assert.Equal(2, items.Count);
        Assert.Equal("title line\n\nsaid \"yes\", then left.", items[0].Document);
        Assert.Equal("said \"yes\".", items[0].Summary);
        Assert.Equal((1, "plain", "short"), (items[1].Index, items[1].Document, items[1].Summary));
    }

    [Fact]
    public void Column_aliases_are_accepted_and_limit_applies()
    {
        var items = SummaryDataset.Read(new StringReader("id,Highlights,Article\n1,s1,d1\n2,s2,d2\n"), "cnn.csv", limit: 1);

        Assert.Equal(("d1", "s1"), (items.Single().Document, items.Single().Summary));
    }

    [Fact]
    public void A_missing_column_is_named_with_what_was_found()
    {
        var error = Assert.Throws<TaskInputException>(() => SummaryDataset.Read(new StringReader("text,label\na,b\n"), "x.csv", null));

        Assert.Contains("no summary column", error.Message, StringComparison.Ordinal);
        Assert.Contains("'label'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_take_the_document_and_summary_fields_and_skip_blank_lines()
    {
        const string jsonl = "{\"id\":\"x\",\"document\":\"Doc one.\",\"summary\":\"One.\",\"source\":\"cnn\"}\n\n{\"article\":\"Doc two.\",\"highlights\":[\"Two.\",\"Second.\"]}\n";

        var items = JsonLinesReader.Read(new StringReader(jsonl), "x.jsonl", null);

        Assert.Equal([("Doc one.", "One."), ("Doc two.", "Two.\nSecond.")], items.Select(i => (i.Document, i.Summary)));
        Assert.Equal([0, 1], items.Select(i => i.Index));
    }

    [Fact]
    public void A_json_line_without_a_document_is_refused_naming_the_line()
    {
        var error = Assert.Throws<TaskInputException>(() => JsonLinesReader.Read(new StringReader("{\"document\":\"a\",\"summary\":\"b\"}\n{\"body\":\"a\",\"summary\":\"b\"}\n"), "x.jsonl", null));

        Assert.Contains("no document column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_a_format_error() =>
        Assert.Throws<FormatException>(() => CsvReader.Read(new StringReader("a,b\n\"open,x\n")).ToList());
}

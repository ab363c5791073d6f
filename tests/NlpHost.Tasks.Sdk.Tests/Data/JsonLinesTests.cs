using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Sdk.Data;

namespace NlpHost.Tasks.Sdk.Tests.Data;

public sealed class JsonLinesTests
{
    [Fact]
    public void Objects_come_with_their_line_numbers_blank_lines_skipped_up_to_the_limit()
    {
        var records = JsonLines.Read(new StringReader("{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}\n"), "x.jsonl", limit: 2).ToList();

        Assert.Equal([1, 3], records.Select(r => r.Line));
        Assert.Equal([1, 2], records.Select(r => r.Record.GetProperty("a").GetInt32()));
    }

    [Theory]
    [InlineData("{\"a\":1}\n{not json\n", "x.jsonl line 2", "is not valid JSON")]
    [InlineData("[1,2]\n", "x.jsonl line 1", "is not a JSON object")]
    [InlineData("", "data", "'x.jsonl' is empty")]
    public void A_bad_line_is_named_by_file_and_number(string text, string field, string message)
    {
        var error = Assert.Throws<TaskInputException>(() => JsonLines.Read(new StringReader(text), "x.jsonl").ToList());

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

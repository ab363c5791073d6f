using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Sdk.Data;

namespace NlpHost.Tasks.Sdk.Tests.Data;

public sealed class TabSeparatedTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sdk-{Guid.NewGuid():N}.tsv");

    [Fact]
    public void Lines_come_with_their_fields_and_numbers_empty_lines_skipped()
    {
        File.WriteAllText(_path, "a\tb\n\nc\td\te\n");

        var lines = TabSeparated.Read(_path, 2, null, "x<TAB>y").ToList();

        Assert.Equal([1, 3], lines.Select(l => l.Line));
        Assert.Equal(["c", "d", "e"], lines[1].Fields);
    }

    [Theory]
    [InlineData("a\tb\nonly one\n", "line 2", "got 1 field(s)")]
    [InlineData("a\tb\tc\n", "line 1", "got 3 field(s)")]
    [InlineData(" \tb\n", "line 1", "expected 'x<TAB>y'")]
    public void A_line_with_the_wrong_fields_is_named_by_file_and_number(string text, string line, string message)
    {
        File.WriteAllText(_path, text);

        var error = Assert.Throws<TaskInputException>(() => TabSeparated.Read(_path, 2, 2, "x<TAB>y").ToList());

        Assert.Equal($"{Path.GetFileName(_path)} {line}", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}

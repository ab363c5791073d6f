using NlpHost.Tasks.Translate.Text;

namespace NlpHost.Tasks.Translate.Tests;

public sealed class ReassemblyTests
{
    [Fact]
    public void Reassembly_keeps_paragraphs_line_breaks_and_indentation()
    {
        const string text = "  First one. Second one.\n\nNew paragraph here.\r\n\tIndented line\n";
        var spans = Reassembly.Split(text);

        var result = Reassembly.Join(text, spans, [.. spans.Select((_, i) => $"<{i}>")]);

        Assert.Equal(4, spans.Count);
        Assert.Equal("  <0> <1>\n\n<2>\r\n\t<3>\n", result);
    }
}

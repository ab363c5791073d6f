using NlpHost.Tasks.Translate.Text.Protection;

namespace NlpHost.Tasks.Translate.Tests.Protection;

public sealed class ProtectedSpansTests
{
    [Theory]
    [InlineData("The company will cut 2,000 jobs by March 2025.", "2,000|2025")]
    [InlineData("Sales rose 5% to $3.2 billion.", "5%|$3.2")]
    [InlineData("It rose 12.5 % at 10:30 on 12/05/2024.", "12.5 %|10:30|12/05/2024")]
    [InlineData("A B2B deal for mp3 players.", "")]
    public void Figures_are_found_with_their_separators_and_signs(string sentence, string expected)
    {
        var figures = ProtectedSpans.Find(sentence).Where(s => s.Kind == SpanKind.Number).Select(s => s.Text);

        Assert.Equal(expected, string.Join("|", figures));
    }

    [Fact]
    public void Addresses_and_code_are_one_span_each_and_figures_inside_them_are_not_separate()
    {
        var spans = ProtectedSpans.Find("See https://docs.python.org/3/library/os.html, mail a.b@x.org or run `ls -la 2`.");

        Assert.Equal(
            ["Url:https://docs.python.org/3/library/os.html", "Email:a.b@x.org", "Code:`ls -la 2`"],
            spans.Select(s => $"{s.Kind}:{s.Text}"));
    }
}

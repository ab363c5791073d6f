using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Sdk.Data;

/// <summary>
/// Tab-separated data for evaluators (no quoting: a field never holds a tab), empty lines skipped. A line with too
/// few or too many fields is reported the same way as <see cref="JsonLines"/> reports a bad line:
/// <c>&lt;file&gt; line &lt;n&gt;</c> as the field of a <see cref="TaskInputException"/>.
/// </summary>
public static class TabSeparated
{
    /// <summary>The fields of each non-empty line of <paramref name="path"/>, with its 1-based line number.</summary>
    /// <param name="path">The file.</param>
    /// <param name="minFields">Fewest fields a line must have, and the first of them not blank.</param>
    /// <param name="maxFields">Most fields a line may have; null for no limit (further columns ignored).</param>
    /// <param name="layout">What a line should look like, for the message: <c>source&lt;TAB&gt;target</c>.</param>
    /// <exception cref="TaskInputException">A line does not have the fields expected.</exception>
    public static IEnumerable<(int Line, string[] Fields)> Read(string path, int minFields, int? maxFields, string layout)
    {
        var name = Path.GetFileName(path);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < minFields || fields.Length > (maxFields ?? int.MaxValue) || string.IsNullOrWhiteSpace(fields[0]))
            {
                throw JsonLines.Bad(name, number, $"expected '{layout}', got {fields.Length} field(s)");
            }

            yield return (number, fields);
        }
    }
}

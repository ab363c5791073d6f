using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Spellcheck.Evaluation;

/// <summary>A misspelling and the word meant; an underscore in either (Birkbeck's notation) stands for a space.</summary>
internal sealed record Misspelling(string Wrong, string Right);

/// <summary>
/// Reads the two list formats of <c>../shared/data/spelling</c>, told apart by content: Norvig's
/// <c>right: wrong1 wrong2</c> lines, and the Birkbeck/Mitton files where <c>$right</c> starts a group of
/// misspellings, one a line (optionally followed by a count, as in holbrook-missp).
/// </summary>
internal static class MisspellingSet
{
    public static List<Misspelling> Read(string path) => Parse(File.ReadLines(path), path);

    public static List<Misspelling> Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var items = new List<Misspelling>();
        string? right = null;
        bool? birkbeck = null;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            birkbeck ??= line.StartsWith('$');
            if (birkbeck.Value)
            {
                if (line.StartsWith('$'))
                {
                    right = Words(line[1..]);
                }
                else
                {
                    var wrong = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
                    items.Add(new Misspelling(Words(wrong), right ?? throw Malformed(source, number, "a misspelling before any '$word' line")));
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Malformed(source, number, $"expected 'right: wrong1 wrong2' or '$right', got '{line}'");
            }

            right = Words(line[..colon]);
            items.AddRange(line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => new Misspelling(Words(w), right)));
        }

        return items;
    }

    private static string Words(string text) => text.Trim().Replace('_', ' ');

    private static TaskInputException Malformed(string source, int line, string what) => new("data", $"{source}:{line}: {what}");
}

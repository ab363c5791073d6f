using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Spelling.Evaluation;

/// <summary>A sentence as written and as meant.</summary>
internal sealed record SentencePair(string Wrong, string Right);

/// <summary>
/// Reads a sentence set: <c>written&lt;TAB&gt;meant</c> a line, as <c>training/spelling/DumpExamples.cs</c>
/// writes for its dev split (<c>dev.tsv</c>); identical sides are clean sentences that must come back unchanged.
/// </summary>
internal static class SentencePairs
{
    public static bool Looks(string path) => File.ReadLines(path).Take(5).Any(l => l.Contains('\t', StringComparison.Ordinal));

    public static List<SentencePair> Read(string path)
    {
        var pairs = new List<SentencePair>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 2)
            {
                throw new TaskInputException("data", $"{path}:{number}: expected 'written<TAB>meant', got {parts.Length} fields");
            }

            pairs.Add(new SentencePair(parts[0], parts[1]));
        }

        return pairs;
    }
}

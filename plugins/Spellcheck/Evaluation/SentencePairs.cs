using NlpHost.Tasks.Sdk.Data;

namespace NlpHost.Tasks.Spellcheck.Evaluation;

/// <summary>A sentence as written and as meant.</summary>
internal sealed record SentencePair(string Wrong, string Right);

/// <summary>
/// Reads a sentence set: <c>written&lt;TAB&gt;meant</c> a line, as <c>training/spellcheck/DumpExamples.cs</c>
/// writes for its dev split (<c>dev.tsv</c>); identical sides are clean sentences that must come back unchanged.
/// </summary>
internal static class SentencePairs
{
    public static bool Looks(string path) => File.ReadLines(path).Take(5).Any(l => l.Contains('\t', StringComparison.Ordinal));

    public static List<SentencePair> Read(string path) =>
        [.. TabSeparated.Read(path, 2, 2, "written<TAB>meant").Select(l => new SentencePair(l.Fields[0], l.Fields[1]))];
}

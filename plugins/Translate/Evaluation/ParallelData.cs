using NlpHost.Tasks.Sdk.Data;

namespace NlpHost.Tasks.Translate.Evaluation;

/// <summary>A source and every reference translation given for it.</summary>
internal sealed record ParallelItem(string Source, IReadOnlyList<string> References);

/// <summary>
/// A tab-separated file of <c>source\ttarget</c> lines (further columns ignored). Lines that repeat a source are
/// grouped: their targets become that source's references, in the order of the source's first appearance.
/// </summary>
internal static class ParallelData
{
    public static IReadOnlyList<ParallelItem> Read(string path, int? limit)
    {
        var order = new List<string>();
        var references = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (_, parts) in TabSeparated.Read(path, 2, null, "source<TAB>target"))
        {
            if (!references.TryGetValue(parts[0], out var list))
            {
                if (order.Count == limit)
                {
                    continue;
                }

                order.Add(parts[0]);
                references[parts[0]] = list = [];
            }

            list.Add(parts[1]);
        }

        return [.. order.Select(s => new ParallelItem(s, references[s]))];
    }

    /// <summary>Another system's outputs, <c>source\toutput</c> per line (e.g. Apertium's, from bench/apertium.sh).</summary>
    public static IReadOnlyDictionary<string, string> ReadOutputs(string path)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            outputs[tab < 0 ? line : line[..tab]] = tab < 0 ? "" : line[(tab + 1)..];
        }

        return outputs;
    }
}

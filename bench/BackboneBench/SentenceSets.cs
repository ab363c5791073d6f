using NlpHost.Abstractions.Backbone;

namespace BackboneBench;

/// <summary>One set of texts of a similar length, with the word pieces the model sees (special tokens included).</summary>
internal sealed record SentenceSet(string Name, string[] Texts, long Tokens)
{
    public double MeanTokens => (double)Tokens / Texts.Length;
}

/// <summary>
/// Short (≤ 16 pieces), medium (~64) and long (~256, the model's limit) texts from one sentence file: short ones as they
/// are, medium and long ones by joining sentences drawn evenly across the file until the target length is reached.
/// Medium and long sets hold a half and a quarter as many texts, so each set costs about as much per run as the next.
/// </summary>
internal static class SentenceSets
{
    public static IReadOnlyList<SentenceSet> Build(string path, int count, IBackbone backbone)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--sentences '{path}' not found", path);
        }

        var max = backbone.Info.MaxSequenceLength;
        int Pieces(string text) => Math.Min(max, backbone.Tokenize(text).Count + 2);
        var all = File.ReadLines(path).Select(l => l.Split('\t')[0].Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var step = Math.Max(1, all.Length / (count * 8));
        var pool = Enumerable.Range(0, all.Length / step).Select(i => all[i * step]).ToArray();

        var shortTexts = Evenly(pool.Where(s => Pieces(s) <= 16).ToArray(), count);
        return
        [
            Measure("short", shortTexts, Pieces),
            Measure("medium", Joined(pool, Math.Max(1, count / 2), 60, Pieces), Pieces),
            Measure("long", Joined(pool, Math.Max(1, count / 4), max, Pieces), Pieces),
        ];
    }

    private static SentenceSet Measure(string name, string[] texts, Func<string, int> pieces) => new(name, texts, texts.Sum(t => (long)pieces(t)));

    private static string[] Evenly(string[] texts, int count)
    {
        var step = Math.Max(1, texts.Length / count);
        return [.. Enumerable.Range(0, Math.Min(count, texts.Length)).Select(i => texts[i * step])];
    }

    // Walks the pool with a stride coprime to its size, so each text joins sentences from all over the file.
    private static string[] Joined(string[] pool, int count, int target, Func<string, int> pieces)
    {
        var texts = new string[count];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var text = "";
            while (pieces(text) < target)
            {
                text = text.Length == 0 ? pool[position] : $"{text} {pool[position]}";
                position = (position + 7919) % pool.Length;
            }

            texts[i] = text;
        }

        return texts;
    }
}

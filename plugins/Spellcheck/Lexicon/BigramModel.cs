using System.IO.Compression;
using System.Text;

namespace NlpHost.Tasks.Spellcheck.Lexicon;

/// <summary>
/// Counts of word pairs (from <c>bigrams.txt.gz</c>, "word1 word2 count") over the ids of a <see cref="WordLexicon"/>;
/// pairs with a word the lexicon lacks are dropped. Gives the context bonus of a candidate beside its neighbours.
/// </summary>
internal sealed class BigramModel
{
    private readonly Dictionary<long, long> _counts;
    private readonly WordLexicon _lexicon;

    private BigramModel(WordLexicon lexicon, Dictionary<long, long> counts)
    {
        _lexicon = lexicon;
        _counts = counts;
    }

    public int Count => _counts.Count;

    public static BigramModel Empty(WordLexicon lexicon) => new(lexicon, []);

    public static BigramModel Load(string path, WordLexicon lexicon)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var counts = new Dictionary<long, long>(1 << 18);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var span = line.AsSpan();
            var first = span.IndexOf(' ');
            var second = first < 0 ? -1 : span[(first + 1)..].IndexOf(' ') + first + 1;
            if (first <= 0 || second <= first || !long.TryParse(span[(second + 1)..], out var count))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'word1 word2 count', got '{line}'");
            }

            if (lexicon.TryGetId(span[..first], out var a) && lexicon.TryGetId(span[(first + 1)..second], out var b))
            {
                counts[Key(a, b)] = count;
            }
        }

        return new BigramModel(lexicon, counts);
    }

    public long PairCount(int first, int second) => _counts.GetValueOrDefault(Key(first, second));

    /// <summary>
    /// log P(second | first) − log P(second), clipped at 0: how much an attested pair raises the second word.
    /// An unseen pair gives 0, not a penalty: the pair list is far too small for absence to be evidence.
    /// </summary>
    public double Association(int first, int second)
    {
        var pair = PairCount(first, second);
        if (pair == 0)
        {
            return 0;
        }

        var conditional = Math.Log(pair) - Math.Log(_lexicon.Counts[first]);
        return Math.Max(0, conditional - _lexicon.LogProbability(second));
    }

    /// <summary>log P(second | first) with stupid backoff (0.4 × unigram) for unseen pairs.</summary>
    public double ConditionalLogProbability(int first, int second)
    {
        var pair = PairCount(first, second);
        return pair > 0
            ? Math.Min(0, Math.Log(pair) - Math.Log(_lexicon.Counts[first]))
            : Math.Log(0.4) + _lexicon.LogProbability(second);
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;
}

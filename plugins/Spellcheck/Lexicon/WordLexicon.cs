using System.IO.Compression;
using System.Text;

namespace NlpHost.Tasks.Spellcheck.Lexicon;

/// <summary>
/// Lower-case words with corpus counts; a word's id is its rank (0 = most frequent). Read from <c>words.txt.gz</c>
/// ("word count" lines) built by <c>training/spellcheck/build_lexicon.py</c>.
/// </summary>
internal sealed class WordLexicon
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;
    private readonly double _logTotal;

    private WordLexicon(string[] words, long[] counts)
    {
        Words = words;
        Counts = counts;
        _ids = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            _ids.TryAdd(words[i], i);
        }

        _spanIds = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _logTotal = Math.Log(counts.Sum(c => (double)c));
        MaxWordLength = words.Length == 0 ? 0 : words.Max(w => w.Length);
    }

    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<long> Counts { get; }

    public int Count => Words.Count;

    public int MaxWordLength { get; }

    /// <summary>Reads a lexicon file; rejects a malformed line with its number.</summary>
    public static WordLexicon Load(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>();
        var counts = new List<long>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), out var count) || count <= 0)
            {
                throw new InvalidDataException($"{path}:{number}: expected 'word count', got '{line}'");
            }

            words.Add(line[..space]);
            counts.Add(count);
        }

        return FromCounts(words, counts);
    }

    /// <summary>A lexicon from parallel lists (tests, tools).</summary>
    public static WordLexicon FromCounts(IReadOnlyList<string> words, IReadOnlyList<long> counts) =>
        new([.. words.Select(w => w.ToLowerInvariant())], [.. counts]);

    public bool TryGetId(ReadOnlySpan<char> lowerWord, out int id) => _spanIds.TryGetValue(lowerWord, out id);

    public bool Contains(ReadOnlySpan<char> lowerWord) => _spanIds.ContainsKey(lowerWord);

    /// <summary>Natural log of the word's relative frequency.</summary>
    public double LogProbability(int id) => Math.Log(Counts[id]) - _logTotal;

    /// <summary>Log probability of a word never seen: below the rarest listed word.</summary>
    public double UnknownLogProbability => Math.Log(0.5) - _logTotal;
}

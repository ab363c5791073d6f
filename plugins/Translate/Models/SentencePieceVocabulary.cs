using Microsoft.ML.Tokenizers;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>
/// A SentencePiece model, with the optional piece-to-id map of a Marian export (<c>vocab.json</c>, shared by both
/// sides, whose ids differ from the SentencePiece model's own).
/// </summary>
internal sealed class SentencePieceVocabulary : ITargetVocabulary
{
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly IReadOnlyDictionary<string, int>? _ids;
    private readonly Dictionary<int, string>? _pieces;
    private readonly HashSet<int> _skipped;

    private SentencePieceVocabulary(SentencePieceTokenizer tokenizer, IReadOnlyDictionary<string, int>? ids, IEnumerable<int> skipped)
    {
        _tokenizer = tokenizer;
        _ids = ids;
        _pieces = ids?.ToDictionary(p => p.Value, p => p.Key);
        _skipped = [.. skipped];
    }

    /// <summary>Loads <paramref name="path"/>; <paramref name="skipped"/> are ids never written out (start, end, padding).</summary>
    public static SentencePieceVocabulary Load(string path, IReadOnlyDictionary<string, int>? ids, IEnumerable<int> skipped)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"SentencePiece model '{path}' not found", path);
        }

        using var stream = File.OpenRead(path);
        try
        {
            return new SentencePieceVocabulary(SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false), ids, skipped);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a SentencePiece model this plugin can load: {e.Message}", e);
        }
    }

    /// <summary>Ids of a text (no special tokens); pieces missing from <c>vocab.json</c> become <paramref name="unknown"/>.</summary>
    public int[] Encode(string text, int unknown) => _ids is null
        ? [.. _tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false)]
        : [.. _tokenizer.EncodeToTokens(text, out _, addBeginningOfSentence: false, addEndOfSentence: false).Select(t => _ids.GetValueOrDefault(t.Value, unknown))];

    public string Decode(IReadOnlyList<int> ids)
    {
        var kept = ids.Where(i => !_skipped.Contains(i));
        if (_pieces is null)
        {
            return _tokenizer.Decode(kept, considerSpecialTokens: false);
        }

        // SentencePiece's own decoding of pieces: join them and turn the word-boundary mark into spaces.
        return string.Concat(kept.Select(i => _pieces.GetValueOrDefault(i, ""))).Replace('\u2581', ' ').Trim();
    }
}

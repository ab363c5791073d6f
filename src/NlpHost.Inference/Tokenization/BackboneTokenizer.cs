using Microsoft.ML.Tokenizers;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Tokenization;

/// <summary>WordPiece tokenization with spans into the original text, and the special-token framing the encoder expects.</summary>
internal sealed class BackboneTokenizer : ITextTokenizer
{
    private readonly BertTokenizer _tokenizer;
    private readonly bool _lowerCase;

    private BackboneTokenizer(BertTokenizer tokenizer, bool lowerCase)
    {
        _tokenizer = tokenizer;
        _lowerCase = lowerCase;
    }

    public int ClsId => _tokenizer.ClassificationTokenId;

    int ITextTokenizer.ClsTokenId => ClsId;

    int ITextTokenizer.SepTokenId => SepId;

    int ITextTokenizer.PadTokenId => PadId;

    public int SepId => _tokenizer.SeparatorTokenId;

    public int PadId => _tokenizer.PaddingTokenId;

    /// <summary>Loads a BERT <c>vocab.txt</c>; normalization is done here, so the tokenizer's own is off.</summary>
    public static BackboneTokenizer Create(string vocabPath, bool lowerCase)
    {
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"vocabulary '{vocabPath}' not found; set Backbone:VocabPath to the model's vocab.txt", vocabPath);
        }

        var options = new BertOptions { LowerCaseBeforeTokenization = false, RemoveNonSpacingMarks = false, IndividuallyTokenizeCjk = false };
        return new BackboneTokenizer(BertTokenizer.Create(vocabPath, options), lowerCase);
    }

    /// <summary>Word pieces of <paramref name="text"/> without special tokens.</summary>
    public TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text, _lowerCase);
        var ids = new List<int>(text.Length / 3);
        var spans = new List<TextSpan>(text.Length / 3);
        var words = normalized.Text.AsSpan();
        for (var start = 0; start < words.Length;)
        {
            var length = WordLength(words[start..]);
            if (length == 0)
            {
                start++;
                continue;
            }

            // Word by word, as BERT's basic tokenizer does: a word WordPiece cannot cover becomes one [UNK]
            // (the library's own pre-tokenizer silently drops symbols such as emoji instead).
            foreach (var token in _tokenizer.EncodeToTokens(words.Slice(start, length), out _, considerPreTokenization: false, considerNormalization: false))
            {
                var (offset, size) = token.Offset.GetOffsetAndLength(length);
                var first = start + offset;
                ids.Add(token.Id);
                spans.Add(new TextSpan(normalized.Starts[first], normalized.Ends[first + Math.Max(size, 1) - 1] - normalized.Starts[first]));
            }

            start += length;
        }

        return new TokenizedText([.. ids], [.. spans]);
    }

    /// <summary>Length of the word at the start of <paramref name="text"/>: one punctuation mark, or letters up to a space or punctuation; 0 at a space.</summary>
    private static int WordLength(ReadOnlySpan<char> text)
    {
        if (text[0] == ' ')
        {
            return 0;
        }

        if (IsPunctuation(text[0]))
        {
            return 1;
        }

        var length = 1;
        while (length < text.Length && text[length] != ' ' && !IsPunctuation(text[length]))
        {
            length++;
        }

        return length;
    }

    private static bool IsPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~')
        || char.GetUnicodeCategory(c) is >= System.Globalization.UnicodeCategory.ConnectorPunctuation and <= System.Globalization.UnicodeCategory.OtherPunctuation;

    /// <summary><c>[CLS] pieces [SEP]</c>, truncated to <paramref name="maxLength"/> ids in all.</summary>
    public int[] EncodeForModel(string text, int maxLength)
    {
        var pieces = Tokenize(text).Ids;
        var kept = Math.Min(pieces.Length, maxLength - 2);
        var ids = new int[kept + 2];
        ids[0] = ClsId;
        pieces.AsSpan(0, kept).CopyTo(ids.AsSpan(1));
        ids[^1] = SepId;
        return ids;
    }

    IReadOnlyList<TokenizedText> ITextTokenizer.TokenizeWindows(string text, int maxTokens, int stride) => Windows(text, maxTokens, stride);

    /// <summary>Overlapping windows of at most <paramref name="maxTokens"/> pieces, each starting <paramref name="stride"/> after the last.</summary>
    public IReadOnlyList<TokenizedText> Windows(string text, int maxTokens, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stride, maxTokens);
        var all = Tokenize(text);
        if (all.Count <= maxTokens)
        {
            return [all];
        }

        var windows = new List<TokenizedText>();
        for (var start = 0; ; start += stride)
        {
            var length = Math.Min(maxTokens, all.Count - start);
            windows.Add(new TokenizedText(all.Ids[start..(start + length)], all.Spans[start..(start + length)]));
            if (start + length >= all.Count)
            {
                return windows;
            }
        }
    }
}

using Microsoft.ML.Tokenizers;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Tokenization;

/// <summary>WordPiece tokenization with spans into the original text, and the special-token framing the encoder expects.</summary>
internal sealed class BackboneTokenizer
{
    private readonly BertTokenizer _tokenizer;
    private readonly bool _lowerCase;

    private BackboneTokenizer(BertTokenizer tokenizer, bool lowerCase)
    {
        _tokenizer = tokenizer;
        _lowerCase = lowerCase;
    }

    public int ClsId => _tokenizer.ClassificationTokenId;

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
        var tokens = _tokenizer.EncodeToTokens(normalized.Text, out _, considerPreTokenization: true, considerNormalization: false);
        var ids = new int[tokens.Count];
        var spans = new TextSpan[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var (offset, length) = tokens[i].Offset.GetOffsetAndLength(normalized.Text.Length);
            ids[i] = tokens[i].Id;
            var start = normalized.Starts[offset];
            spans[i] = new TextSpan(start, normalized.Ends[offset + Math.Max(length, 1) - 1] - start);
        }

        return new TokenizedText(ids, spans);
    }

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

using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>A source sentence as the encoder takes it.</summary>
/// <param name="Ids">Encoder ids, special tokens included.</param>
/// <param name="Tokens">Source tokens before truncation (special tokens excluded).</param>
/// <param name="Kept">Source tokens kept (fewer than <paramref name="Tokens"/> when the sentence was too long).</param>
internal sealed record SourceSentence(int[] Ids, int Tokens, int Kept)
{
    public bool Truncated => Kept < Tokens;
}

/// <summary>The source side of a pair: tokenization and the encoder.</summary>
internal interface ISourceEncoder
{
    /// <summary>Tokenizes one sentence, truncated to what the encoder takes.</summary>
    SourceSentence Prepare(string text);

    /// <summary>Last hidden states of each sentence, without padding.</summary>
    Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<SourceSentence> sentences, CancellationToken cancellationToken);
}

/// <summary>The target side of a pair: generated ids back to text.</summary>
internal interface ITargetVocabulary
{
    string Decode(IReadOnlyList<int> ids);
}

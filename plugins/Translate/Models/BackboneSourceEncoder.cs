using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>NlpHost's own heads: the shared backbone is the encoder (<c>[CLS] word pieces [SEP]</c>, batched by the backbone).</summary>
internal sealed class BackboneSourceEncoder(IBackbone backbone) : ISourceEncoder
{
    public SourceSentence Prepare(string text)
    {
        var pieces = backbone.Tokenize(text).Ids;
        var kept = Math.Min(pieces.Length, backbone.Info.MaxSequenceLength - 2);
        return new SourceSentence([backbone.Info.ClsTokenId, .. pieces.AsSpan(0, kept), backbone.Info.SepTokenId], pieces.Length, kept);
    }

    public Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<SourceSentence> sentences, CancellationToken cancellationToken) =>
        backbone.EncodeAsync([.. sentences.Select(s => new EncoderInput(s.Ids))], cancellationToken);
}

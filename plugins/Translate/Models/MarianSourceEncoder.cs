using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>A Marian/T5 export's own encoder (<c>encoder_model.onnx</c>: input_ids, attention_mask → last_hidden_state).</summary>
internal sealed class MarianSourceEncoder(IOnnxModel encoder, SentencePieceVocabulary source, ModelConfig config) : ISourceEncoder
{
    private const int BatchSize = 16;

    public SourceSentence Prepare(string text)
    {
        var pieces = source.Encode(text, config.Unknown);
        var kept = Math.Min(pieces.Length, config.MaxSourcePositions - 1);
        return new SourceSentence([.. pieces.AsSpan(0, kept), config.End], pieces.Length, kept);
    }

    public async Task<IReadOnlyList<HiddenStates>> EncodeAsync(IReadOnlyList<SourceSentence> sentences, CancellationToken cancellationToken)
    {
        var result = new HiddenStates[sentences.Count];
        var order = Enumerable.Range(0, sentences.Count).OrderBy(i => sentences[i].Ids.Length).ToList();
        for (var start = 0; start < order.Count; start += BatchSize)
        {
            var chunk = order.GetRange(start, Math.Min(BatchSize, order.Count - start));
            var length = chunk.Max(i => sentences[i].Ids.Length);
            var ids = new long[chunk.Count * length];
            var mask = new long[chunk.Count * length];
            for (var r = 0; r < chunk.Count; r++)
            {
                var sentence = sentences[chunk[r]].Ids;
                ids.AsSpan(r * length, length).Fill(config.Pad);
                for (var t = 0; t < sentence.Length; t++)
                {
                    ids[(r * length) + t] = sentence[t];
                    mask[(r * length) + t] = 1;
                }
            }

            var outputs = await encoder.RunAsync(new Dictionary<string, ModelTensor>
            {
                ["input_ids"] = new Int64Tensor(ids, [chunk.Count, length]),
                ["attention_mask"] = new Int64Tensor(mask, [chunk.Count, length]),
            }, cancellationToken).ConfigureAwait(false);
            var states = (FloatTensor)outputs["last_hidden_state"];
            var size = states.Shape[2];
            for (var r = 0; r < chunk.Count; r++)
            {
                var tokens = sentences[chunk[r]].Ids.Length;
                result[chunk[r]] = new HiddenStates(states.Data.AsSpan(r * length * size, tokens * size).ToArray(), tokens, size);
            }
        }

        return result;
    }
}

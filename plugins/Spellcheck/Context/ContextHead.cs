using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Spellcheck.Context;

/// <summary>
/// The trained context head (models/heads/spellcheck-context/head.onnx): one row per (questioned word, candidate)
/// — the word's hidden state in its sentence, the candidate's own embedding, then <see cref="ContextFeatures"/> —
/// to a logit; a softmax over a word's rows gives each candidate's probability.
/// </summary>
internal sealed class ContextHead(IOnnxModel model)
{
    public const string InputName = "rows";
    public const string OutputName = "logits";

    public async Task<float[]> LogitsAsync(float[] rows, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        var width = rows.Length / count;
        var outputs = await model.RunAsync(new Dictionary<string, ModelTensor> { [InputName] = new FloatTensor(rows, [count, width]) }, cancellationToken).ConfigureAwait(false);
        var logits = outputs.TryGetValue(OutputName, out var tensor) && tensor is FloatTensor floats ? floats.Data : [];
        return logits.Length == count ? logits
            : throw new TaskModelException($"context head '{model.Path}' gave {logits.Length} '{OutputName}' values for {count} rows; it is not a spellcheck context head (models/heads/spellcheck-context/manifest.json)");
    }
}

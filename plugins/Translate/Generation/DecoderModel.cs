using System.Globalization;
using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Translate.Generation;

/// <summary>One logits row per decoder row (the last new position) and the cache for the next step.</summary>
internal sealed record DecoderStep(float[] Logits, int Vocabulary, DecoderCache Cache);

/// <summary>
/// A Hugging Face style decoder driven by the inputs it declares: <c>input_ids</c>, <c>encoder_hidden_states</c>,
/// <c>encoder_attention_mask</c>, <c>past_key_values.{i}.decoder.*</c>, and where present (optimum's merged exports)
/// <c>past_key_values.{i}.encoder.*</c> and <c>use_cache_branch</c>. The same code runs NlpHost's heads and Marian/T5.
/// </summary>
internal sealed class DecoderModel
{
    private readonly IOnnxModel _model;

    public DecoderModel(IOnnxModel model, int? heads, int? headDim)
    {
        _model = model;
        var inputs = model.InputNames.ToHashSet(StringComparer.Ordinal);
        Layers = 0;
        while (inputs.Contains(PastName(Layers, "decoder", "key")))
        {
            Layers++;
        }

        if (Layers == 0 || !inputs.Contains("input_ids") || !inputs.Contains("encoder_hidden_states"))
        {
            throw new InvalidDataException($"'{model.Path}' is not a decoder with past key/values: it takes {string.Join(", ", model.InputNames)}");
        }

        CrossPasts = inputs.Contains(PastName(0, "encoder", "key"));
        CacheFlag = inputs.Contains("use_cache_branch");
        var declared = (model as IOnnxModelMetadata)?.InputShapes.GetValueOrDefault(PastName(0, "decoder", "key"));
        Heads = declared is [_, > 0 and var h, _, _] ? h : heads ?? throw Missing("heads");
        HeadDim = declared is [_, _, _, > 0 and var d] ? d : headDim ?? throw Missing("head dim");
        var unknown = model.InputNames.Where(n => !n.StartsWith("past_key_values.", StringComparison.Ordinal)
            && n is not ("input_ids" or "encoder_hidden_states" or "encoder_attention_mask" or "use_cache_branch")).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"'{model.Path}' takes inputs the generation loop does not know: {string.Join(", ", unknown)}");
        }
    }

    public int Layers { get; }

    public int Heads { get; }

    public int HeadDim { get; }

    /// <summary>Whether the model takes cross-attention pasts (else it recomputes them from the encoder states each step).</summary>
    public bool CrossPasts { get; }

    /// <summary>Whether the model is a merged decoder with a <c>use_cache_branch</c> flag.</summary>
    public bool CacheFlag { get; }

    public string Path => _model.Path;

    /// <summary>Runs <paramref name="newLength"/> new tokens per row after the rows' cached past.</summary>
    public async Task<DecoderStep> RunAsync(long[] ids, int newLength, EncoderRows encoder, DecoderCache cache, CancellationToken cancellationToken)
    {
        var rows = encoder.Rows;
        var firstStep = cache.PastLength == 0;
        var inputs = new Dictionary<string, ModelTensor>(StringComparer.Ordinal)
        {
            ["input_ids"] = new Int64Tensor(ids, [rows, newLength]),
            ["encoder_hidden_states"] = new FloatTensor(encoder.States, [rows, encoder.Length, encoder.Size]),
            ["encoder_attention_mask"] = new Int64Tensor(encoder.Mask, [rows, encoder.Length]),
        };
        for (var layer = 0; layer < Layers; layer++)
        {
            inputs[PastName(layer, "decoder", "key")] = cache.Self[2 * layer];
            inputs[PastName(layer, "decoder", "value")] = cache.Self[(2 * layer) + 1];
            if (CrossPasts)
            {
                // The first step computes cross-attention key/values from the encoder states; later steps reuse them.
                inputs[PastName(layer, "encoder", "key")] = cache.Cross?[2 * layer] ?? new FloatTensor([], [rows, Heads, 0, HeadDim]);
                inputs[PastName(layer, "encoder", "value")] = cache.Cross?[(2 * layer) + 1] ?? new FloatTensor([], [rows, Heads, 0, HeadDim]);
            }
        }

        if (CacheFlag)
        {
            inputs["use_cache_branch"] = new BoolTensor([!firstStep], [1]);
        }

        var outputs = await _model.RunAsync(inputs, cancellationToken).ConfigureAwait(false);
        var logits = (FloatTensor)outputs["logits"];
        var vocabulary = logits.Shape[2];
        var last = new float[rows * vocabulary];
        for (var r = 0; r < rows; r++)
        {
            Array.Copy(logits.Data, ((r * newLength) + newLength - 1) * vocabulary, last, r * vocabulary, vocabulary);
        }

        var self = new FloatTensor[2 * Layers];
        for (var layer = 0; layer < Layers; layer++)
        {
            self[2 * layer] = (FloatTensor)outputs[$"present.{layer}.decoder.key"];
            self[(2 * layer) + 1] = (FloatTensor)outputs[$"present.{layer}.decoder.value"];
        }

        var cross = !CrossPasts ? null
            : cache.Cross ?? [.. Enumerable.Range(0, 2 * Layers).Select(i => (FloatTensor)outputs[$"present.{i / 2}.encoder.{(i % 2 == 0 ? "key" : "value")}"])];
        return new DecoderStep(last, vocabulary, new DecoderCache(self, cross));
    }

    private static string PastName(int layer, string kind, string part) => string.Create(CultureInfo.InvariantCulture, $"past_key_values.{layer}.{kind}.{part}");

    private InvalidDataException Missing(string what) =>
        new($"'{_model.Path}' does not declare the {what} of its past key/values; give them in manifest.json (heads, headDim) or config.json");
}

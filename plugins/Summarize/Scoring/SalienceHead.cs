using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Summarize.Scoring;

/// <summary>
/// The trained salience head (models/heads/summarize-salience/head.onnx): a small MLP from a sentence's
/// <see cref="SentenceFeatures"/> row to a logit that it belongs in the summary.
/// </summary>
internal sealed class SalienceHead(IOnnxModel model)
{
    public const string InputName = "features";
    public const string OutputName = "logits";

    /// <summary>Logits, one per row.</summary>
    public async Task<float[]> LogitsAsync(float[][] rows, CancellationToken cancellationToken)
    {
        var width = rows[0].Length;
        var data = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(data, i * width);
        }

        var outputs = await model.RunAsync(new Dictionary<string, ModelTensor> { [InputName] = new FloatTensor(data, [rows.Length, width]) }, cancellationToken).ConfigureAwait(false);
        return ((FloatTensor)outputs[OutputName]).Data;
    }

    /// <summary>Probabilities that each sentence belongs in the summary.</summary>
    public async Task<double[]> ScoreAsync(float[][] rows, CancellationToken cancellationToken) =>
        [.. (await LogitsAsync(rows, cancellationToken).ConfigureAwait(false)).Select(l => 1 / (1 + Math.Exp(-l)))];
}

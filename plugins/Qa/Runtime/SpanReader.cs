using NlpHost.Abstractions.Backbone;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>Reads one passage: windows through the shared backbone, the span head on each, then the span decoder.</summary>
internal static class SpanReader
{
    public static async Task<IReadOnlyList<SpanDecoder.Candidate>> ReadAsync(
        IBackbone backbone, IOnnxModel head, string question, string passage, QaOptions options, CancellationToken cancellationToken)
    {
        var windows = QaWindow.Build(backbone, question, passage, options.Stride);
        if (windows.Count == 0)
        {
            return [];
        }

        var states = await backbone.EncodeAsync([.. windows.Select(w => w.Input)], cancellationToken).ConfigureAwait(false);
        var scored = new List<(QaWindow, float[], float[])>(windows.Count);
        for (var i = 0; i < windows.Count; i++)
        {
            var length = states[i].Length;
            var outputs = await head.RunAsync(new Dictionary<string, ModelTensor>
            {
                ["hidden_states"] = new FloatTensor(states[i].Data, [1, length, states[i].Size]),
                ["attention_mask"] = new Int64Tensor(Enumerable.Repeat(1L, length).ToArray(), [1, length]),
            }, cancellationToken).ConfigureAwait(false);
            scored.Add((windows[i], ((FloatTensor)outputs["start_logits"]).Data, ((FloatTensor)outputs["end_logits"]).Data));
        }

        return SpanDecoder.Decode(passage, scored, options.MaxAnswerLength, options.TopK);
    }

    /// <summary>Reads one passage with a whole exported QA model instead of backbone + head.</summary>
    public static async Task<IReadOnlyList<SpanDecoder.Candidate>> ReadAsync(
        ExportedQaModel model, string question, string passage, QaOptions options, CancellationToken cancellationToken)
    {
        var windows = QaWindow.Build(model.Tokenizer, model.MaxSequenceLength, question, passage, options.Stride);
        var scored = new List<(QaWindow, float[], float[])>(windows.Count);
        foreach (var window in windows)
        {
            var (start, end) = await model.RunAsync(window, cancellationToken).ConfigureAwait(false);
            scored.Add((window, start, end));
        }

        return SpanDecoder.Decode(passage, scored, options.MaxAnswerLength, options.TopK);
    }
}

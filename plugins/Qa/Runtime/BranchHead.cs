using System.Globalization;
using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// A branch head (contract 1.3): copies of the backbone's top layers fine-tuned for QA plus start/end logits, fed the
/// backbone's hidden states after the layer its <c>manifest.json</c> declares (<c>"backboneLayer"</c>). The
/// manifest also carries the no-answer calibration (<c>"calibration": {"scale", "bias"}</c>) and the default
/// <c>"noAnswerThreshold"</c> chosen on development data.
/// </summary>
internal sealed class BranchHead
{
    private BranchHead(IOnnxModel model, int layer, CalibratedScoring scoring, double noAnswerThreshold)
    {
        Model = model;
        Layer = layer;
        Scoring = scoring;
        NoAnswerThreshold = noAnswerThreshold;
    }

    public IOnnxModel Model { get; }

    public int Layer { get; }

    public CalibratedScoring Scoring { get; }

    public double NoAnswerThreshold { get; }

    public static BranchHead Open(IBackbone backbone, string headPath)
    {
        var manifestPath = Path.Combine(Path.GetDirectoryName(headPath)!, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new TaskModelException($"branch head '{headPath}': no manifest.json beside it (it declares backboneLayer and the calibration)");
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var root = manifest.RootElement;
        var layer = root.TryGetProperty("backboneLayer", out var l) && l.TryGetInt32(out var n) ? n
            : throw new TaskModelException($"'{manifestPath}': backboneLayer (the backbone layer the branch reads) is missing or not an integer");
        if (backbone is not ILayeredBackbone layered || layered.LayerCount == 0)
        {
            throw new TaskModelException($"branch head '{headPath}' reads backbone layer {layer}, but this backbone exposes no intermediate layers (contract 1.3)");
        }

        if (layer < 1 || layer > layered.LayerCount)
        {
            throw new TaskModelException($"'{manifestPath}': backboneLayer {layer} is not 1 to {layered.LayerCount}, the backbone's layers");
        }

        var calibration = root.TryGetProperty("calibration", out var c) ? c : default;
        var scale = Number(calibration, "scale", manifestPath) ?? 1;
        var bias = Number(calibration, "bias", manifestPath) ?? 0;
        var threshold = root.TryGetProperty("noAnswerThreshold", out var t) && t.TryGetDouble(out var value) && value is >= 0 and <= 1 ? value : 0;
        return new BranchHead(backbone.OpenModel(headPath), layer, new CalibratedScoring(scale, bias), threshold);
    }

    public async Task<IReadOnlyList<SpanDecoder.Candidate>> ReadAsync(
        IBackbone backbone, string question, string passage, QaOptions options, CancellationToken cancellationToken)
    {
        var windows = QaWindow.Build(backbone, question, passage, options.Stride);
        if (windows.Count == 0)
        {
            return [];
        }

        var states = await ((ILayeredBackbone)backbone).EncodeLayerAsync([.. windows.Select(w => w.Input)], Layer, cancellationToken).ConfigureAwait(false);
        var scored = new List<(QaWindow, float[], float[])>(windows.Count);
        for (var i = 0; i < windows.Count; i++)
        {
            var hidden = states[i].Layer;
            var outputs = await Model.RunAsync(new Dictionary<string, ModelTensor>
            {
                ["hidden_states"] = new FloatTensor(hidden.Data, [1, hidden.Length, hidden.Size]),
                ["attention_mask"] = new Int64Tensor(Enumerable.Repeat(1L, hidden.Length).ToArray(), [1, hidden.Length]),
            }, cancellationToken).ConfigureAwait(false);
            scored.Add((windows[i], ((FloatTensor)outputs["start_logits"]).Data, ((FloatTensor)outputs["end_logits"]).Data));
        }

        return SpanDecoder.Decode(passage, scored, options.MaxAnswerLength, options.TopK, Scoring);
    }

    private static double? Number(JsonElement section, string name, string manifestPath)
    {
        if (section.ValueKind != JsonValueKind.Object || !section.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new TaskModelException(string.Create(CultureInfo.InvariantCulture, $"'{manifestPath}': calibration.{name} must be a finite number"));
    }
}

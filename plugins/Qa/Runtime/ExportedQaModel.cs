using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// A whole extractive-QA model exported the Hugging Face way: BERT-style inputs (<c>input_ids</c>,
/// <c>attention_mask</c>, optionally <c>token_type_ids</c>) and outputs <c>start_logits</c>/<c>end_logits</c>,
/// with its own <c>vocab.txt</c>. Runs on the backbone's execution provider, without the backbone.
/// </summary>
internal sealed class ExportedQaModel
{
    private static readonly string[] Outputs = ["start_logits", "end_logits"];
    private static readonly string[] Inputs = ["input_ids", "attention_mask"];

    private ExportedQaModel(IOnnxModel model, ITextTokenizer tokenizer, int maxSequenceLength)
    {
        Model = model;
        Tokenizer = tokenizer;
        MaxSequenceLength = maxSequenceLength;
    }

    public IOnnxModel Model { get; }

    public ITextTokenizer Tokenizer { get; }

    public int MaxSequenceLength { get; }

    public static ExportedQaModel Open(IBackbone backbone, QaModelSettings settings)
    {
        var path = settings.Path!;
        var folder = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var onnx = Directory.Exists(path) ? System.IO.Path.Combine(path, "model.onnx") : path;
        var vocab = System.IO.Path.Combine(folder, "vocab.txt");
        if (!File.Exists(onnx) || !File.Exists(vocab))
        {
            throw new TaskModelException($"Plugins:qa:Model:Path: '{path}' must be an ONNX QA export: model.onnx and vocab.txt (looked for '{onnx}' and '{vocab}')");
        }

        if (backbone is not ITokenizerFactory tokenizers)
        {
            throw new NotSupportedException("this host's backbone cannot create tokenizers for other vocabularies (contract 1.1 needed)");
        }

        var model = backbone.OpenModel(System.IO.Path.GetFullPath(onnx));
        var missing = Outputs.Except(model.OutputNames).Concat(Inputs.Except(model.InputNames)).ToList();
        if (missing.Count > 0)
        {
            throw new TaskModelException($"Plugins:qa:Model:Path: '{onnx}' is not an extractive-QA export: it lacks {string.Join(", ", missing)} (inputs: {string.Join(", ", model.InputNames)}; outputs: {string.Join(", ", model.OutputNames)})");
        }

        var lowerCase = settings.LowerCase ?? ReadLowerCase(System.IO.Path.Combine(folder, "tokenizer_config.json"));
        return new ExportedQaModel(model, tokenizers.CreateTokenizer(System.IO.Path.GetFullPath(vocab), lowerCase), settings.MaxSequenceLength);
    }

    public async Task<(float[] Start, float[] End)> RunAsync(QaWindow window, CancellationToken cancellationToken)
    {
        var ids = window.Input.Ids;
        var shape = new[] { 1, ids.Length };
        var inputs = new Dictionary<string, ModelTensor>
        {
            ["input_ids"] = new Int64Tensor([.. ids.Select(i => (long)i)], shape),
            ["attention_mask"] = new Int64Tensor([.. Enumerable.Repeat(1L, ids.Length)], shape),
        };
        if (Model.InputNames.Contains("token_type_ids"))
        {
            inputs["token_type_ids"] = new Int64Tensor([.. window.Input.TypeIds!.Select(i => (long)i)], shape);
        }

        var outputs = await Model.RunAsync(inputs, cancellationToken).ConfigureAwait(false);
        return (((FloatTensor)outputs["start_logits"]).Data, ((FloatTensor)outputs["end_logits"]).Data);
    }

    private static bool ReadLowerCase(string tokenizerConfig)
    {
        if (!File.Exists(tokenizerConfig))
        {
            return true;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(tokenizerConfig));
        return !document.RootElement.TryGetProperty("do_lower_case", out var value) || value.ValueKind != JsonValueKind.False;
    }
}

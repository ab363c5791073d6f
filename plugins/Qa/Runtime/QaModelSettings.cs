using System.ComponentModel.DataAnnotations;

namespace NlpHost.Tasks.Qa.Runtime;

/// <summary>
/// <c>Plugins:qa:Model</c>: a standard Hugging Face extractive-QA ONNX export to run instead of backbone + span head.
/// </summary>
internal sealed class QaModelSettings
{
    /// <summary>The export's folder (holding <c>model.onnx</c> and <c>vocab.txt</c>) or its <c>.onnx</c> file; empty uses the span head.</summary>
    public string? Path { get; set; }

    /// <summary>Longest sequence the model takes, question and special tokens included (SQuAD models: 384).</summary>
    [Range(16, 4096)]
    public int MaxSequenceLength { get; set; } = 384;

    /// <summary>Lower-case input; unset reads <c>do_lower_case</c> from the export's <c>tokenizer_config.json</c> (default true).</summary>
    public bool? LowerCase { get; set; }
}

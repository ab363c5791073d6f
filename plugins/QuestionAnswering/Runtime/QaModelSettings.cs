using System.Globalization;
using Microsoft.Extensions.Configuration;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.QuestionAnswering.Runtime;

/// <summary>
/// <c>Plugins:qa:Model</c>: a standard Hugging Face extractive-QA ONNX export to run instead of backbone + span head.
/// </summary>
internal sealed class QaModelSettings
{
    public const string SectionName = "Model";

    /// <summary>The export's folder (holding <c>model.onnx</c> and <c>vocab.txt</c>) or its <c>.onnx</c> file; empty uses the span head.</summary>
    public string? Path { get; set; }

    /// <summary>Longest sequence the model takes, question and special tokens included (SQuAD models: 384).</summary>
    public int MaxSequenceLength { get; set; } = 384;

    /// <summary>Lower-case input; unset reads <c>do_lower_case</c> from the export's <c>tokenizer_config.json</c> (default true).</summary>
    public bool? LowerCase { get; set; }

    /// <summary>Reads the section by hand: plugins depend on configuration abstractions only, not the binder.</summary>
    public static QaModelSettings From(IConfiguration pluginSettings)
    {
        var section = pluginSettings.GetSection(SectionName);
        var settings = new QaModelSettings { Path = section[nameof(Path)] };
        if (section[nameof(MaxSequenceLength)] is { } length)
        {
            settings.MaxSequenceLength = int.TryParse(length, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 16 and <= 4096
                ? n : throw new TaskModelException($"Plugins:qa:Model:MaxSequenceLength: '{length}' is not a length between 16 and 4096");
        }

        if (section[nameof(LowerCase)] is { } lower)
        {
            settings.LowerCase = bool.TryParse(lower, out var b) ? b : throw new TaskModelException($"Plugins:qa:Model:LowerCase: '{lower}' is not true or false");
        }

        return settings;
    }
}

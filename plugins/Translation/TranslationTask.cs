using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Translation;

/// <summary>Translation with a decoder head over the shared encoder.</summary>
internal sealed class TranslationTask : TaskPlugin<TranslateInput, TranslateOptions, TranslateOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "translate", "0.1.0", "English to Spanish translation (decoder head pending: issue 9)",
        new HeadRequirement("decoder", "heads/translate-en-es/decoder_model_merged.onnx", Required: true, "the decoder head is trained by 'nlphost train translate' (issue 9, not built yet);"));

    protected override void Validate(TranslateInput input, TranslateOptions options)
    {
        if (input.Text is null)
        {
            throw new TaskInputException("input.text", "is required");
        }

        if (options.BeamSize is < 1 or > 16)
        {
            throw new TaskInputException("options.beamSize", "must be between 1 and 16");
        }
    }

    // Unreachable until the required head exists: the host refuses to run a task whose required head is missing.
    protected override Task<TranslateOutput> ExecuteAsync(TranslateInput input, TranslateOptions options, TaskContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("translate: not implemented yet (issue 9)");
}

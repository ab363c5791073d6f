using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Spelling;

/// <summary>Spelling correction: dictionary candidates chosen in context on the shared backbone.</summary>
internal sealed class SpellcheckTask : TaskPlugin<SpellcheckInput, SpellcheckOptions, SpellcheckOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "spellcheck", "0.1.0", "Spelling correction with offsets (pending: issue 8)",
        new HeadRequirement("context", "heads/spellcheck-context/head.onnx", Required: true, "the context head is trained by 'nlphost train spellcheck' (issue 8, not built yet);"));

    protected override void Validate(SpellcheckInput input, SpellcheckOptions options)
    {
        if (input.Text is null)
        {
            throw new TaskInputException("input.text", "is required");
        }

        if (options.MaxEditDistance is < 1 or > 2)
        {
            throw new TaskInputException("options.maxEditDistance", "must be 1 or 2");
        }
    }

    // Unreachable until the required head exists: the host refuses to run a task whose required head is missing.
    protected override Task<SpellcheckOutput> ExecuteAsync(SpellcheckInput input, SpellcheckOptions options, TaskContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("spellcheck: not implemented yet (issue 8)");
}

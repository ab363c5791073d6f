using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Summarization;

/// <summary>Extractive summaries scored on the shared backbone.</summary>
internal sealed class SummarizationTask : TaskPlugin<SummarizeInput, SummarizeOptions, SummarizeOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "summarize", "0.1.0", "Extractive summary with sentence offsets (scorer pending: issue 7)",
        new HeadRequirement("salience", "heads/summarize-salience/head.onnx", Required: true, "the salience head is trained by 'nlphost train summarize' (issue 7, not built yet);"));

    protected override void Validate(SummarizeInput input, SummarizeOptions options)
    {
        if (input.Text is null)
        {
            throw new TaskInputException("input.text", "is required");
        }

        var lengths = new object?[] { options.Sentences, options.Words, options.Ratio }.Count(x => x is not null);
        if (lengths > 1)
        {
            throw new TaskInputException("options", "give only one of sentences, words or ratio");
        }
    }

    // Unreachable until the required head exists: the host refuses to run a task whose required head is missing.
    protected override Task<SummarizeOutput> ExecuteAsync(SummarizeInput input, SummarizeOptions options, TaskContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("summarize: the scorer is not implemented yet (issue 7)");
}

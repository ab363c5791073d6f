using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.QuestionAnswering;

/// <summary>Extractive question answering with a span head over the shared backbone.</summary>
internal sealed class QuestionAnsweringTask : TaskPlugin<QaInput, QaOptions, QaOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "qa", "0.1.0", "Extractive question answering over a context or several documents (span head pending: issue 6)",
        new HeadRequirement("span", "heads/qa-span/head.onnx", Required: true, "the span head is trained by 'nlphost train qa' (issue 6, not built yet);"));

    protected override void Validate(QaInput input, QaOptions options)
    {
        if (string.IsNullOrWhiteSpace(input.Question))
        {
            throw new TaskInputException("input.question", "must be a non-empty string");
        }

        if (string.IsNullOrWhiteSpace(input.Context) && (input.Documents is null || input.Documents.Count == 0))
        {
            throw new TaskInputException("input.context", "give a context, or documents: [...]");
        }
    }

    // Unreachable until the required head exists: the host refuses to run a task whose required head is missing.
    protected override Task<QaOutput> ExecuteAsync(QaInput input, QaOptions options, TaskContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("qa: the span head runtime is not implemented yet (issue 6)");
}

using System.Numerics.Tensors;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Qa.Runtime;

namespace NlpHost.Tasks.Qa;

/// <summary>Extractive question answering: a span head trained over the frozen shared backbone.</summary>
internal sealed class QaTask : TaskPlugin<QaInput, QaOptions, QaOutput>, IAsyncDisposable
{
    private readonly PassageReaders _readers = new();

    public override TaskDescriptor Descriptor { get; } = Describe(
        "qa", "0.2.0", "Extractive question answering over a context or several documents",
        new HeadRequirement("branch", "heads/qa-branch/head.onnx", Required: false,
            "train it with 'python3 training/qa/train_branch.py' (see plugins/Qa/README.md); without it the span head is used"),
        new HeadRequirement("span", "heads/qa-span/head.onnx", Required: false,
            "train it with 'python3 training/qa/train_span_head.py' (see plugins/Qa/README.md), or set Plugins:qa:Model:Path to a whole QA export"))
    with
    {
        SettingsType = typeof(QaSettings),
    };

    protected override void Validate(QaInput input, QaOptions options)
    {
        if (string.IsNullOrWhiteSpace(input.Question))
        {
            throw new TaskInputException("input.question", "must be a non-empty string");
        }

        if (string.IsNullOrWhiteSpace(input.Context) && (input.Documents is null || input.Documents.All(string.IsNullOrWhiteSpace)))
        {
            throw new TaskInputException("input.context", "give a non-empty context, or documents: [...]");
        }

        if (input.Context is not null && input.Documents is not null)
        {
            throw new TaskInputException("input", "give either context or documents, not both");
        }

        if (options.TopK is < 1 or > 50 || options.MaxAnswerLength is < 1 or > 256 || options.Stride is < 16 or > 512 || options.MaxDocuments < 1)
        {
            throw new TaskInputException("options", "topK 1..50, maxAnswerLength 1..256, stride 16..512, maxDocuments at least 1");
        }

        if (options.NoAnswerThreshold is { } threshold && !(threshold is >= 0 and <= 1))
        {
            throw new TaskInputException("options.noAnswerThreshold", "must be between 0 and 1");
        }
    }

    protected override async Task<QaOutput> ExecuteAsync(QaInput input, QaOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var route = _readers.Create(context);
        var passages = input.Context is not null
            ? [(Text: input.Context, Document: (int?)null)]
            : await RankAsync(input.Question, input.Documents!, options.MaxDocuments, context, cancellationToken).ConfigureAwait(false);
        var answers = new List<QaAnswer>();
        foreach (var (text, document) in passages)
        {
            var spans = await route.Read(input.Question, text, options, cancellationToken).ConfigureAwait(false);
            answers.AddRange(spans.Select(s => new QaAnswer(text[s.Start..s.End], s.Start, s.End - s.Start, s.Score, document)));
        }

        var threshold = options.NoAnswerThreshold ?? route.DefaultNoAnswerThreshold;
        var kept = DistinctAnswers.Take(answers.Where(a => a.Score >= threshold).OrderByDescending(a => a.Score), a => a.Text, options.TopK);
        return new QaOutput(kept, kept.Count == 0);
    }

    // Many documents: read only those closest in meaning to the question.
    private static async Task<List<(string Text, int? Document)>> RankAsync(string question, IReadOnlyList<string> documents, int count, TaskContext context, CancellationToken cancellationToken)
    {
        var indexed = documents.Select((text, i) => (text, i)).Where(d => !string.IsNullOrWhiteSpace(d.text)).ToList();
        var vectors = await context.Backbone.EmbedAsync([question, .. indexed.Select(d => d.text)], cancellationToken).ConfigureAwait(false);
        return [.. indexed.Select((d, i) => (d.text, d.i, Similarity: TensorPrimitives.Dot(vectors[0], vectors[i + 1])))
            .OrderByDescending(d => d.Similarity).Take(count).Select(d => (d.text, (int?)d.i))];
    }

    public ValueTask DisposeAsync() => _readers.DisposeAsync();
}

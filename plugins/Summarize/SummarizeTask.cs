using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarize.Scoring;

namespace NlpHost.Tasks.Summarize;

/// <summary>Extractive summaries scored on the shared backbone.</summary>
internal sealed partial class SummarizeTask : TaskPlugin<SummarizeInput, SummarizeOptions, SummarizeOutput>
{
    public const string HeadName = "salience";

    public override TaskDescriptor Descriptor { get; } = Describe(
        "summarize", "0.3.0", "Extractive summary with sentence offsets: embeddings, LexRank/TextRank, position and a salience head trained on several sources, MMR; length by style or document length",
        new HeadRequirement(HeadName, "heads/summarize-salience/head.onnx", Required: false,
            "train it with training/summarize (see plugins/Summarize/README.md); without it the unsupervised scorer runs"))
    with
    {
        SettingsType = typeof(SummarizeSettings),
    };

    protected override void Validate(SummarizeInput input, SummarizeOptions options)
    {
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new TaskInputException("input.text", "is empty: give the document to summarize");
        }

        ValidateOptions(options);
    }

    /// <summary>At most one length, each in range; shared with the evaluator's <c>--options</c>.</summary>
    public static void ValidateOptions(SummarizeOptions options)
    {
        var lengths = new object?[] { options.Sentences, options.Words, options.Ratio, options.Style }.Count(x => x is not null);
        if (lengths > 1)
        {
            throw new TaskInputException("options", "give only one of sentences, words, ratio or style");
        }

        if (options.Style is { } style && !LengthBudget.Styles.Contains(style, StringComparer.Ordinal))
        {
            throw new TaskInputException("options.style", $"'{style}' is not one of {string.Join(", ", LengthBudget.Styles)}");
        }

        if (options.Sentences is < 1 or > 1000 || options.Words is < 1 or > 1_000_000 || options.Ratio is <= 0 or > 1 || options.Ratio is double.NaN)
        {
            throw new TaskInputException("options", "sentences 1..1000, words 1..1000000, ratio in (0, 1]");
        }
    }

    protected override Task<SummarizeOutput> ExecuteAsync(SummarizeInput input, SummarizeOptions options, TaskContext context, CancellationToken cancellationToken) =>
        Create(context).SummarizeAsync(input, options, cancellationToken);

    /// <summary>The pipeline for a context: its settings, and the salience head when installed and enabled.</summary>
    public static Summarizer Create(TaskContext context)
    {
        var settings = context.GetSettings<SummarizeSettings>();
        var head = settings.UseHead && context.Heads.TryGetValue(HeadName, out var path) ? new SalienceHead(context.Backbone.OpenModel(path)) : null;
        if (head is null)
        {
            Log.UnsupervisedScorer(context.Logger, settings.UseHead ? "the salience head is not installed" : "Plugins:summarize:UseHead is false");
        }

        return new Summarizer(context.Backbone, settings, head);
    }
}

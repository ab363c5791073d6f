using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Clustering;

/// <summary>Groups documents by meaning: backbone sentence embeddings, spherical k-means, c-TF-IDF labels.</summary>
internal sealed class ClusteringTask : TaskPlugin<ClusterInput, ClusterOptions, ClusterOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "cluster", "0.1.0", "Group documents by meaning and name each group with keywords");

    protected override void Validate(ClusterInput input, ClusterOptions options) => ClusterInputValidator.Validate(input, options);

    protected override async Task<ClusterOutput> ExecuteAsync(ClusterInput input, ClusterOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var outcome = await ClusteringPipeline.RunAsync([.. input.Documents.Select(d => d.Text)], options, context, cancellationToken).ConfigureAwait(false);
        var output = ClusterReport.Build(input.Documents, outcome.Vectors, outcome.Fit, options, outcome.Silhouette);
        context.Progress.Report(new TaskProgress(1, "done"));
        return output;
    }
}

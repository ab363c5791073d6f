using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Clustering;

/// <summary>Groups documents by meaning: backbone sentence embeddings, spherical k-means (k automatic by over-cluster and merge), agglomerative or HDBSCAN, keyphrase labels.</summary>
internal sealed class ClusteringTask : TaskPlugin<ClusterInput, ClusterOptions, ClusterOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "cluster", "0.2.0", "Group documents by meaning (k given or automatic, or by density with outliers) and name each group with keyphrases");

    protected override void Validate(ClusterInput input, ClusterOptions options) => ClusterInputValidator.Validate(input, options);

    protected override async Task<ClusterOutput> ExecuteAsync(ClusterInput input, ClusterOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        var outcome = await ClusteringPipeline.RunAsync([.. input.Documents.Select(d => d.Text)], options, context, cancellationToken).ConfigureAwait(false);
        var output = await ClusterReport.BuildAsync(input.Documents, outcome, options, context.Backbone, cancellationToken).ConfigureAwait(false);
        context.Progress.Report(new TaskProgress(1, "done"));
        return output;
    }
}

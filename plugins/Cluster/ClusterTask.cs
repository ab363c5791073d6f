using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Cluster.Streaming;

namespace NlpHost.Tasks.Cluster;

/// <summary>Groups documents by meaning: backbone sentence embeddings, spherical k-means (k automatic by over-cluster and merge), agglomerative or HDBSCAN, keyphrase labels.</summary>
internal sealed class ClusterTask : TaskPlugin<ClusterInput, ClusterOptions, ClusterOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe(
        "cluster", "0.2.0", "Group documents by meaning (k given or automatic, or by density with outliers) and name each group with keyphrases")
    with
    {
        SettingsType = typeof(ClusterSettings),
    };

    protected override void Validate(ClusterInput input, ClusterOptions options) => ClusterInputValidator.Validate(input, options);

    protected override async Task<ClusterOutput> ExecuteAsync(ClusterInput input, ClusterOptions options, TaskContext context, CancellationToken cancellationToken)
    {
        if (input.Path is { } path)
        {
            var streaming = new StreamingClusterer(context.Backbone.EmbedAsync, new StreamingLimits());
            var progress = new Progress<string>(message => context.Progress.Report(new TaskProgress(0.5, message)));
            var (result, _) = await streaming.RunAsync(JsonlDocuments.ReadAsync(path, cancellationToken), options, context.Backbone.EmbedAsync, progress, cancellationToken).ConfigureAwait(false);
            context.Progress.Report(new TaskProgress(1, "done"));
            return result;
        }

        var documents = input.Documents!;
        var outcome = await ClusteringPipeline.RunAsync([.. documents.Select(d => d.Text)], options, context, cancellationToken).ConfigureAwait(false);
        var output = await ClusterReport.BuildAsync(documents, outcome, options, context.Backbone, cancellationToken).ConfigureAwait(false);
        Log.Clustered(context.Logger, documents.Count, output.K, options.Algorithm.ToString(), output.Outliers.Count);
        context.Progress.Report(new TaskProgress(1, "done"));
        return output;
    }
}

using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Cluster;

/// <summary>Rejects input the task cannot cluster, naming the field.</summary>
internal static class ClusterInputValidator
{
    public static void Validate(ClusterInput input, ClusterOptions options)
    {
        if (input.Path is not null)
        {
            ValidateStreaming(input, options);
            return;
        }

        if (input.Documents is null || input.Documents.Count == 0)
        {
            throw new TaskInputException("input.documents", "give at least one document: {\"documents\":[{\"id\":\"1\",\"text\":\"...\"}]}");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Documents.Count; i++)
        {
            var document = input.Documents[i];
            if (document is null)
            {
                throw new TaskInputException($"input.documents[{i}]", "must be an object {\"id\",\"text\"}");
            }

            if (string.IsNullOrEmpty(document.Id))
            {
                throw new TaskInputException($"input.documents[{i}].id", "is required");
            }

            if (document.Text is null)
            {
                throw new TaskInputException($"input.documents[{i}].text", "is required");
            }

            if (!ids.Add(document.Id))
            {
                throw new TaskInputException($"input.documents[{i}].id", $"'{document.Id}' appears more than once");
            }
        }

        ValidateOptions(options);
    }

    private static void ValidateStreaming(ClusterInput input, ClusterOptions options)
    {
        if (input.Documents is { Count: > 0 })
        {
            throw new TaskInputException("input.path", "give documents or path, not both");
        }

        if (!File.Exists(input.Path))
        {
            throw new TaskInputException("input.path", $"'{input.Path}' is not a file the worker can read");
        }

        if (options.Algorithm != ClusterAlgorithm.KMeans)
        {
            throw new TaskInputException("options.algorithm", "a streaming input (input.path) is clustered by kmeans only");
        }

        ValidateOptions(options);
    }

    public static void ValidateOptions(ClusterOptions options)
    {
        if (options.K is < 1)
        {
            throw new TaskInputException("options.k", "must be at least 1 (or leave it out to choose automatically)");
        }

        if (options.MaxK < 2)
        {
            throw new TaskInputException("options.maxK", "must be at least 2");
        }

        // NaN passes every range comparison, and the options reader accepts "NaN" and "Infinity" strings.
        if (options.DistanceThreshold is { } threshold && (!double.IsFinite(threshold) || threshold is < 0 or > 2))
        {
            throw new TaskInputException("options.distanceThreshold", "must be a finite cosine distance between 0 and 2");
        }

        if (!double.IsFinite(options.EmbeddingWeight) || options.EmbeddingWeight is < 0 or > 1)
        {
            throw new TaskInputException("options.embeddingWeight", "must be a finite number between 0 and 1");
        }

        if (options.LsaDimensions is < 2 or > 1000)
        {
            throw new TaskInputException("options.lsaDimensions", "must be between 2 and 1000");
        }

        if (options.MinClusterSize is < 1)
        {
            throw new TaskInputException("options.minClusterSize", "must be at least 1 (density mode uses at least 2)");
        }

        if (options.MinSamples is < 1)
        {
            throw new TaskInputException("options.minSamples", "must be at least 1");
        }

        if (options.Keywords < 0)
        {
            throw new TaskInputException("options.keywords", "must be at least 0");
        }

        if (options.Representatives < 0)
        {
            throw new TaskInputException("options.representatives", "must be at least 0");
        }

        if (options.K is not null && options.DistanceThreshold is not null)
        {
            throw new TaskInputException("options.distanceThreshold", "give k or distanceThreshold, not both");
        }
    }
}

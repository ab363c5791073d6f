using Microsoft.Extensions.Logging;

namespace NlpHost.Tasks.Cluster;

/// <summary>Source-generated log messages of the cluster plugin.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "cluster: {Documents} documents in {K} clusters ({Algorithm}, {Outliers} outliers)")]
    public static partial void Clustered(ILogger logger, int documents, int k, string algorithm, int outliers);
}

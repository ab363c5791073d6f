using Microsoft.Extensions.Logging;

namespace NlpHost.Tasks.Summarize;

/// <summary>Source-generated log messages of the summarize plugin.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "summarize: unsupervised scorer ({Reason})")]
    public static partial void UnsupervisedScorer(ILogger logger, string reason);
}

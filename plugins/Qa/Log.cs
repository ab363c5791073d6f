using Microsoft.Extensions.Logging;

namespace NlpHost.Tasks.Qa;

/// <summary>Source-generated log messages of the qa plugin.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "qa: branch head {Path} opened (backbone layer {Layer}, no-answer threshold {Threshold})")]
    public static partial void BranchHeadOpened(ILogger logger, string path, int layer, double threshold);

    [LoggerMessage(2, LogLevel.Information, "qa: QA export {Path} opened (up to {MaxSequenceLength} pieces a window)")]
    public static partial void ExportOpened(ILogger logger, string path, int maxSequenceLength);
}

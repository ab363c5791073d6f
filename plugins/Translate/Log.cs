using Microsoft.Extensions.Logging;

namespace NlpHost.Tasks.Translate;

/// <summary>Source-generated log messages of the translation plugin.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Translation pair {Pair} loaded: {Kind} decoder {Path}, {Layers} layers, {Heads} heads of {HeadDim}")]
    public static partial void PairLoaded(ILogger logger, string pair, string kind, string path, int layers, int heads, int headDim);

    [LoggerMessage(2, LogLevel.Error, "Generation batch of {Count} sentences on {Path} failed")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string path);

    [LoggerMessage(3, LogLevel.Warning, "Sentence at {Start} truncated from {Tokens} to {Kept} source tokens (encoder maximum)")]
    public static partial void Truncated(ILogger logger, int start, int tokens, int kept);
}

using Microsoft.Extensions.Logging;

namespace NlpHost.Inference.Internal;

/// <summary>Source-generated log messages of the backbone.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "CUDA execution provider unavailable, running the backbone on the CPU: {Reason}")]
    public static partial void CudaUnavailable(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Information, "Backbone loaded from {ModelPath} on {Provider}: hidden size {HiddenSize}, max length {MaxLength}")]
    public static partial void Loaded(ILogger logger, string modelPath, string provider, int hiddenSize, int maxLength);

    [LoggerMessage(3, LogLevel.Information, "ONNX model {ModelPath} opened on {Provider}")]
    public static partial void ModelOpened(ILogger logger, string modelPath, string provider);

    [LoggerMessage(5, LogLevel.Information, "CUDA not available ({Reason}): using CPU")]
    public static partial void CudaNotInstalled(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Error, "Backbone batch of {Count} sequences failed")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count);
}

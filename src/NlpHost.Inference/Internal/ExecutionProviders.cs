using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace NlpHost.Inference.Internal;

/// <summary>Builds session options for the configured execution provider, deciding once between CUDA and the CPU.</summary>
internal sealed class ExecutionProviders
{
    private readonly BackboneOptions _options;

    private ExecutionProviders(BackboneOptions options, string name)
    {
        _options = options;
        Name = name;
    }

    /// <summary><c>cuda</c> or <c>cpu</c>: what sessions created here run on.</summary>
    public string Name { get; }

    /// <summary>Resolves <c>auto</c> by looking for CUDA's libraries, then trying the provider; one line when it falls back to the CPU.</summary>
    public static ExecutionProviders Resolve(BackboneOptions options, ILogger logger)
    {
        if (options.ExecutionProvider == "cpu")
        {
            return new ExecutionProviders(options, "cpu");
        }

        // Under auto, a machine without CUDA's libraries gets one calm line instead of ONNX Runtime's load error.
        if (options.ExecutionProvider == "auto" && CudaLibraries.FirstMissing() is { } missing)
        {
            Log.CudaNotInstalled(logger, missing);
            return new ExecutionProviders(options, "cpu");
        }

        if (ProbeCuda() is not { } error)
        {
            return new ExecutionProviders(options, "cuda");
        }

        if (options.ExecutionProvider == "cuda")
        {
            throw new InvalidOperationException(CudaMissingMessage(error));
        }

        Log.CudaUnavailable(logger, error);
        return new ExecutionProviders(options, "cpu");
    }

    /// <summary>Null when the CUDA provider loads, else why it did not.</summary>
    public static string? ProbeCuda()
    {
        using var options = new SessionOptions();
        try
        {
            options.AppendExecutionProvider_CUDA(0);
            return null;
        }
        catch (OnnxRuntimeException e)
        {
            return e.Message;
        }
    }

    public static string CudaMissingMessage(string error) =>
        $"Backbone:ExecutionProvider is 'cuda' but the CUDA execution provider cannot be loaded ({error}); " +
        "install CUDA 13 and cuDNN 9 for ONNX Runtime 1.31 (see the ONNX Runtime log above for the missing library), or set Backbone:ExecutionProvider to 'auto' or 'cpu'";

    /// <summary>Fresh options for one session; the caller owns them.</summary>
    public SessionOptions CreateSessionOptions()
    {
        var session = new SessionOptions
        {
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = _options.InterOpThreads,
            GraphOptimizationLevel = _options.GraphOptimizationLevel switch
            {
                "disable" => GraphOptimizationLevel.ORT_DISABLE_ALL,
                "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
        };
        // Spinning intra-op threads keep the cores busy after each run, starving the callers that queue the next batch.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (Name == "cuda")
        {
            session.AppendExecutionProvider_CUDA(0);
        }

        return session;
    }
}

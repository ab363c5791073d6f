using System.Data.Common;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>Decides whether a fault can pass (retry) or never will (fail at once).</summary>
internal static class FaultClassifier
{
    // Matched by name so the queue does not reference the ONNX runtime.
    private const string OnnxRuntimeException = "Microsoft.ML.OnnxRuntime.OnnxRuntimeException";

    // A timeout is permanent: the same input is the same amount of work, and retrying it would hold a slot again
    // for the whole limit (a huge word kept two slots for minutes and stalled every other job).
    public static bool IsPermanent(Exception exception) =>
        exception is TaskInputException or UnknownTaskException or JsonException or TimeoutRejectedException;

    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // An open circuit wraps the fault that opened it, but is no fault of this job: it is released, not retried.
            if (IsPermanent(current) || current is BrokenCircuitException)
            {
                return false;
            }

            if (current is TransientTaskException or DbException
                || current.GetType().FullName == OnnxRuntimeException)
            {
                return true;
            }
        }

        return false;
    }

    // Job errors are read by API clients: the message, without .NET type names.
    public static string Describe(Exception exception) => exception.Message;
}

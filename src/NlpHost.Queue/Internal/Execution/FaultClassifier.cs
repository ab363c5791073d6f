using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Plugins;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NlpHost.Queue.Internal.Execution;

/// <summary>
/// Decides whether a fault can pass (retry) or never will (fail at once). Transient: <see cref="TransientTaskException"/>,
/// database errors and the types the host declared in <see cref="JobFaultOptions"/>, anywhere in the inner-exception chain.
/// </summary>
internal sealed class FaultClassifier(IOptions<JobFaultOptions> options)
{
    private readonly Type[] _declared = [typeof(TransientTaskException), typeof(DbException), .. options.Value.TransientExceptions];

    // A timeout is permanent: the same input is the same amount of work, and retrying it would hold a slot again
    // for the whole limit (a huge word kept two slots for minutes and stalled every other job).
    public static bool IsPermanent(Exception exception) =>
        exception is TaskInputException or UnknownTaskException or JsonException or TimeoutRejectedException;

    // Job errors are read by API clients: the message, without .NET type names.
    public static string Describe(Exception exception) => exception.Message;

    public bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // An open circuit wraps the fault that opened it, but is no fault of this job: it is released, not retried.
            if (IsPermanent(current) || current is BrokenCircuitException)
            {
                return false;
            }

            var type = current.GetType();
            if (Array.Exists(_declared, declared => declared.IsAssignableFrom(type)))
            {
                return true;
            }
        }

        return false;
    }
}

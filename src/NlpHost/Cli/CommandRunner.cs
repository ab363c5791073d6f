using NlpHost.Composition;

namespace NlpHost.Cli;

/// <summary>Turns what a verb throws into a one-line message and an exit code a shell can act on (<see cref="Failures"/>).</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await body(interrupt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return Fail("interrupted", ExitCodes.Cancelled);
        }
        catch (Exception e) when (Failures.Classify(e) is { } failure)
        {
            return Fail(failure.CommandLineMessage, failure.ExitCode);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The last line of defence for a shell user: say what failed; the stack only when asked for (a bug report).
            if (Environment.GetEnvironmentVariable("NLPHOST_STACK_TRACES") == "1")
            {
                await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return Fail($"failed: {e.Message} (set NLPHOST_STACK_TRACES=1 to see where)", ExitCodes.Failed);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine("nlphost: " + message);
        return code;
    }
}

/// <summary>The command line was well-formed but asks for something impossible (e.g. a missing input file).</summary>
internal sealed class UsageException(string message) : Exception(message);

using Microsoft.Extensions.Options;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Execution;

namespace NlpHost.Composition;

/// <summary>What kind of failure an exception is, whoever reports it.</summary>
internal enum FailureKind
{
    /// <summary>A bug or a fault of the environment.</summary>
    Failed,

    /// <summary>The command line asks for something impossible.</summary>
    Usage,

    /// <summary>The input or options are invalid (the field is named).</summary>
    InvalidInput,

    /// <summary>No plugin serves the task.</summary>
    UnknownTask,

    /// <summary>The task cannot run as deployed (a head or model missing or broken).</summary>
    Unavailable,

    /// <summary>A setting is invalid (the key is named).</summary>
    Configuration,

    /// <summary>A fault that may pass.</summary>
    Transient,
}

/// <summary>A failure as every surface reports it: its kind, the field or key at fault, one line for a person.</summary>
/// <param name="Kind">What kind of failure it is.</param>
/// <param name="Field">The JSON path of the input field, the configuration key, or what failed (<c>task</c>).</param>
/// <param name="Message">The whole line, starting with the field where there is one (<c>input.text: must be a string</c>).</param>
internal sealed record Failure(FailureKind Kind, string Field, string Message)
{
    /// <summary>The message without the field it starts with, for reports that show the field apart (HTTP problems).</summary>
    public string Reason => Message.StartsWith(Field + ": ", StringComparison.Ordinal) ? Message[(Field.Length + 2)..] : Message;

    /// <summary>The line a shell user reads.</summary>
    public string CommandLineMessage => Kind switch
    {
        FailureKind.InvalidInput => "invalid input: " + Message,
        FailureKind.Configuration => "invalid configuration: " + Message,
        _ => Message,
    };

    /// <summary>Exit code of a CLI verb (README "Exit codes").</summary>
    public int ExitCode => Kind switch
    {
        FailureKind.Usage => Cli.ExitCodes.Usage,
        FailureKind.InvalidInput => Cli.ExitCodes.InvalidInput,
        FailureKind.UnknownTask or FailureKind.Unavailable => Cli.ExitCodes.Unavailable,
        FailureKind.Configuration => Cli.ExitCodes.Configuration,
        _ => Cli.ExitCodes.Failed,
    };

    /// <summary>Status of an HTTP problem; a misconfigured or unavailable task is the server's state, not the client's fault.</summary>
    public int HttpStatus => Kind switch
    {
        FailureKind.InvalidInput or FailureKind.Usage => StatusCodes.Status400BadRequest,
        FailureKind.UnknownTask => StatusCodes.Status404NotFound,
        FailureKind.Unavailable or FailureKind.Configuration or FailureKind.Transient => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Whether a job failing so fails for good (retrying the same job here cannot help).</summary>
    public bool Permanent => Kind is not (FailureKind.Transient or FailureKind.Failed);
}

/// <summary>
/// The one map from what the contract and the host throw to a <see cref="Failure"/>: the CLI turns it into an exit
/// code, the HTTP API into a problem, the job executor into a job outcome.
/// </summary>
internal static class Failures
{
    /// <summary>The failure an exception stands for, or <see langword="null"/> for an unexpected one (a bug).</summary>
    public static Failure? Classify(Exception exception) => exception switch
    {
        TaskInputException e => new(FailureKind.InvalidInput, e.Field, e.Message),
        TaskConfigurationException e => new(FailureKind.Configuration, e.Key, e.Message),
        OptionsValidationException e => new(FailureKind.Configuration, e.OptionsName, string.Join("; ", e.Failures)),
        // The host's own binder refusing a typed key (e.g. --Worker:Slots x) before any validator runs.
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => new(FailureKind.Configuration, "configuration", e.Message),
        TaskUnavailableException { UnknownTask: true } e => new(FailureKind.UnknownTask, "task", e.Message),
        TaskUnavailableException e => new(FailureKind.Unavailable, "task", e.Message),
        TransientTaskException e => new(FailureKind.Transient, "task", $"{e.Message}; a passing fault: retry later, or submit a job (retried automatically)"),
        Cli.UsageException e => new(FailureKind.Usage, "usage", e.Message),
        _ => null,
    };
}

using System.CommandLine;
using NlpHost.Composition;

namespace NlpHost.Cli;

/// <summary><c>nlphost worker</c>: drain the queue in the background until stopped (SIGTERM finishes in-flight jobs).</summary>
internal static class WorkerCommand
{
    public static Command Create(string[] overrides)
    {
        var command = new Command("worker", "Run the background worker on the configured queue until stopped.");
        command.SetAction((_, ct) => CommandRunner.RunAsync(async token =>
        {
            using var host = HostFactory.Build(overrides, builder => builder.Services.AddQueue(builder.Configuration, withWorker: true));
            await host.RunAsync(token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}

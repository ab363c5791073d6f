using System.CommandLine;

namespace NlpHost.Cli;

/// <summary>The <c>nlphost</c> command line: verbs, plus <c>--Section:Key value</c> configuration overrides anywhere.</summary>
internal static class NlpHostCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        string[] command, overrides;
        try
        {
            (command, overrides) = ConfigurationArguments.Split(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("nlphost: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var root = new RootCommand("NlpHost: NLP tasks from plugins on one shared Transformer backbone. " +
            "Any configuration key can be set with --Section:Key value or NLPHOST_Section__Key.")
        {
            TasksCommand.Create(overrides),
            RunCommand.Create(overrides),
            EvalCommand.Create(overrides),
            ServeCommand.Create(overrides),
            WorkerCommand.Create(overrides),
        };
        foreach (var verb in QueueCommands.Create(overrides))
        {
            root.Subcommands.Add(verb);
        }

        // '@file' is how --options names a file (README, --help); the parser must not expand it as a response file.
        var parse = root.Parse(command, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("nlphost: " + error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("See 'nlphost --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // The generic host handles SIGTERM/SIGINT itself (graceful shutdown); the parser must not cut it short.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }
}

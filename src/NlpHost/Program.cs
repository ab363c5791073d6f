using NlpHost.Cli;

return await NlpHostCommandLine.InvokeAsync(args).ConfigureAwait(false);

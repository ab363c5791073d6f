using Microsoft.Extensions.Options;

namespace NlpHost.Queue.Internal.Options;

internal sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            errors.Add($"Queue:Provider '{options.Provider}' is not supported; use 'sqlite' or 'postgres'");
        }

        if (options.Provider == QueueProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Queue:ConnectionString is required when Queue:Provider is 'postgres' (e.g. 'Host=db;Database=nlphost;Username=nlphost;Password=...')");
        }

        if (options.Provider == QueueProvider.Sqlite && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Queue:DataDirectory must name a folder for the SQLite file (default 'data')");
        }

        if (options.DefaultMaxAttempts < 1)
        {
            errors.Add($"Queue:DefaultMaxAttempts must be at least 1, got {options.DefaultMaxAttempts}");
        }

        if (options.CompressResultsAboveBytes < 0)
        {
            errors.Add($"Queue:CompressResultsAboveBytes must be 0 (never compress) or a size in bytes, got {options.CompressResultsAboveBytes}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

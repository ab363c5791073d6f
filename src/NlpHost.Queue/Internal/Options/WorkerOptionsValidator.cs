using Microsoft.Extensions.Options;

namespace NlpHost.Queue.Internal.Options;

internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var errors = new List<string>();
        Require(errors, options.Concurrency is >= 1 and <= 1024, "Concurrency", "between 1 and 1024", options.Concurrency);
        Require(errors, options.LeaseSeconds >= 1, "LeaseSeconds", "at least 1", options.LeaseSeconds);
        Require(errors, options.HeartbeatSeconds > 0 && options.HeartbeatSeconds < options.LeaseSeconds,
            "HeartbeatSeconds", "positive and less than Worker:LeaseSeconds", options.HeartbeatSeconds);
        Require(errors, options.PollMilliseconds >= 10, "PollMilliseconds", "at least 10", options.PollMilliseconds);
        Require(errors, options.LeaseBatchSize is >= 1 and <= 1000, "LeaseBatchSize", "between 1 and 1000", options.LeaseBatchSize);
        Require(errors, options.PrefetchCount is >= 0 and <= 10_000, "PrefetchCount", "between 0 and 10000", options.PrefetchCount);
        Require(errors, options.PrefetchWaitSeconds is > 0 and <= 3600, "PrefetchWaitSeconds", "above 0 and at most 3600", options.PrefetchWaitSeconds);
        Require(errors, options.CompletionBatchSize is >= 1 and <= 10_000, "CompletionBatchSize", "between 1 and 10000", options.CompletionBatchSize);
        Require(errors, options.MaxAttempts >= 1, "MaxAttempts", "at least 1", options.MaxAttempts);
        Require(errors, options.BackoffBaseSeconds >= 0, "BackoffBaseSeconds", "0 or more", options.BackoffBaseSeconds);
        // Polly refuses delays above a day; say so at start rather than when the first job runs.
        Require(errors, options.BackoffMaxSeconds >= options.BackoffBaseSeconds && options.BackoffMaxSeconds <= 86_400,
            "BackoffMaxSeconds", "at least Worker:BackoffBaseSeconds and at most 86400", options.BackoffMaxSeconds);
        Require(errors, options.JobTimeoutSeconds is >= 0.01 and <= 86_400, "JobTimeoutSeconds", "between 0.01 and 86400", options.JobTimeoutSeconds);
        Require(errors, options.ShutdownGraceSeconds >= 0, "ShutdownGraceSeconds", "0 or more", options.ShutdownGraceSeconds);
        Require(errors, options.BreakerFailureRatio is > 0 and <= 1, "BreakerFailureRatio", "above 0 and at most 1", options.BreakerFailureRatio);
        Require(errors, options.BreakerMinimumThroughput >= 2, "BreakerMinimumThroughput", "at least 2", options.BreakerMinimumThroughput);
        Require(errors, options.BreakerBreakSeconds >= 0.5, "BreakerBreakSeconds", "at least 0.5", options.BreakerBreakSeconds);
        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            errors.Add("Worker:WorkerId must not be empty; leave it unset to use the machine name and process id");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Require(List<string> errors, bool valid, string key, string expected, object actual)
    {
        if (!valid)
        {
            errors.Add($"Worker:{key} must be {expected}, got {actual}");
        }
    }
}

using Microsoft.Extensions.Options;

namespace NlpHost.Queue.Internal.Options;

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (key, days) in new[]
        {
            ("SucceededDays", options.SucceededDays), ("FailedDays", options.FailedDays),
            ("DeadDays", options.DeadDays), ("CancelledDays", options.CancelledDays),
        })
        {
            if (!(days is >= 0 and <= 36_500))
            {
                builder.AddError($"Queue:Retention:{key} must be between 0 (keep forever) and 36500 days, got {days}");
            }
        }

        if (!(options.IntervalMinutes is >= 0.01 and <= 10_080))
        {
            builder.AddError($"Queue:Retention:IntervalMinutes must be between 0.01 and 10080 (a week), got {options.IntervalMinutes}");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            builder.AddError($"Queue:Retention:BatchSize must be between 1 and 100000, got {options.BatchSize}");
        }

        return builder.Build();
    }
}

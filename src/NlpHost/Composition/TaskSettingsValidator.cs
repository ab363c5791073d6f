using System.Globalization;
using Microsoft.Extensions.Options;
using NlpHost.PluginLoading;
using NlpHost.PluginLoading.Limits;

namespace NlpHost.Composition;

/// <summary>
/// Start-up check of the per-task settings the host itself reads: <c>Plugins:&lt;task&gt;:TimeoutSeconds</c> and every
/// <c>Limits:</c> value, so a typo (or <c>NaN</c>) stops the start naming the key instead of failing jobs later.
/// </summary>
internal sealed class TaskSettingsValidator(IConfiguration configuration) : IValidateOptions<PluginOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginOptions options)
    {
        var errors = new List<string>();
        // Every number the host or a plugin reads: NaN compares false with every bound, so range checks let it through
        // (a NaN threshold silently gave one cluster).
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && IsNonFinite(value))
            {
                errors.Add($"{key} must be a finite number, got '{value}'");
            }
        }

        foreach (var task in configuration.GetSection(PluginOptions.SectionName).GetChildren())
        {
            if (task["TimeoutSeconds"] is { } text && !TryReadSeconds(text, out _))
            {
                errors.Add($"{PluginOptions.SectionName}:{task.Key}:TimeoutSeconds must be a number of seconds between 0.01 and 86400, got '{text}'");
            }
        }

        foreach (var task in configuration.GetSection(InputLimits.SectionName).GetChildren())
        {
            try
            {
                _ = InputLimits.For(configuration, task.Key);
            }
            catch (InvalidLimitException e)
            {
                errors.Add(e.Message);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Whether a setting or option spells a non-finite number (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, <c>∞</c>).</summary>
    public static bool IsNonFinite(string text) =>
        text.Trim().TrimStart('+', '-') is var t && (t.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || t.Equals("Inf", StringComparison.OrdinalIgnoreCase) || t == "∞");

    /// <summary>A finite number of seconds in 0.01..86400 (NaN and infinities refused).</summary>
    public static bool TryReadSeconds(string text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
        && double.IsFinite(seconds) && seconds is >= 0.01 and <= 86_400;
}

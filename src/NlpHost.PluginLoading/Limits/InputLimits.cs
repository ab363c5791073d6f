using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace NlpHost.PluginLoading.Limits;

/// <summary>
/// The most work one request may ask of a task, checked on the JSON before the task sees it, so that no input can hold a
/// worker slot or a request for minutes. <c>Limits:&lt;task&gt;:&lt;Key&gt;</c> overrides <c>Limits:Default:&lt;Key&gt;</c>,
/// which overrides the defaults here.
/// </summary>
/// <param name="MaxWordChars">Longest run of non-space characters in any string (a "word", token or URL).</param>
/// <param name="MaxTextChars">Longest single string (one document, question or context).</param>
/// <param name="MaxItems">Longest array (documents of a cluster or QA request).</param>
/// <param name="MaxTotalChars">All strings of the request together.</param>
/// <param name="MaxDepth">Deepest nesting of objects and arrays.</param>
public sealed record InputLimits(int MaxWordChars, int MaxTextChars, int MaxItems, long MaxTotalChars, int MaxDepth)
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Limits";

    /// <summary>Applies to every task that sets no limit of its own.</summary>
    public static InputLimits Defaults { get; } = new(MaxWordChars: 1_000, MaxTextChars: 200_000, MaxItems: 2_000, MaxTotalChars: 1_000_000, MaxDepth: 32);

    /// <summary>The limits of <paramref name="task"/> and, per limit, the key that set it (for messages).</summary>
    /// <exception cref="InvalidLimitException">A configured value is not a positive whole number.</exception>
    public static (InputLimits Limits, Func<string, string> KeyOf) For(IConfiguration configuration, string task)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var own = configuration.GetSection($"{SectionName}:{task}");
        var shared = configuration.GetSection($"{SectionName}:Default");
        string KeyOf(string name) => own[name] is not null ? $"{SectionName}:{task}:{name}" : $"{SectionName}:Default:{name}";
        long Read(string name, long fallback)
        {
            var text = own[name] ?? shared[name];
            if (text is null)
            {
                return fallback;
            }

            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= int.MaxValue
                ? value
                : throw new InvalidLimitException($"{KeyOf(name)} must be a whole number between 1 and {int.MaxValue}, got '{text}'");
        }

        var limits = new InputLimits(
            (int)Read(nameof(MaxWordChars), Defaults.MaxWordChars),
            (int)Read(nameof(MaxTextChars), Defaults.MaxTextChars),
            (int)Read(nameof(MaxItems), Defaults.MaxItems),
            Read(nameof(MaxTotalChars), Defaults.MaxTotalChars),
            (int)Read(nameof(MaxDepth), Defaults.MaxDepth));
        return (limits, KeyOf);
    }
}

/// <summary>A <c>Limits:</c> setting is not usable.</summary>
public sealed class InvalidLimitException(string message) : Exception(message);

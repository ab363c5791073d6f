using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace NlpHost.Tasks.Spelling;

/// <summary>Reads the numbers of <c>Plugins:spellcheck</c>; a value that is not a number or breaks its rule is refused naming its key.</summary>
internal static class SpellcheckSettings
{
    public static double Number(IConfiguration settings, string key, double fallback, Func<double, bool> valid, string rule) =>
        settings[key] is not { } value ? fallback
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && valid(parsed) ? parsed
        : throw Invalid(key, value, rule);

    public static int Integer(IConfiguration settings, string key, int fallback, Func<int, bool> valid, string rule) =>
        settings[key] is not { } value ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && valid(parsed) ? parsed
        : throw Invalid(key, value, rule);

    private static InvalidOperationException Invalid(string key, string value, string rule) =>
        new($"Plugins:spellcheck:{key}: '{value}' is not {rule}");
}

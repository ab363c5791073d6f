using System.Text.Json;
using System.Text.RegularExpressions;

namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// Rewrites System.Text.Json's binding errors for people: the serializer names .NET types
/// (<c>System.Nullable`1[System.Int32]</c>, <c>NlpHost.Tasks.Spellcheck.SpellcheckInput</c>), which mean nothing to a client.
/// </summary>
internal static partial class BindingMessages
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message.Split(" Path:", 2)[0].Trim();
        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            return "must be " + Expected(converted.Groups["type"].Value);
        }

        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            return $"'{unknown.Groups["name"].Value}' is not a known field";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return $"is missing required field(s) {missing.Groups["names"].Value.TrimEnd('.')}";
        }

        return TypeName().Replace(message, "a value").TrimEnd('.');
    }

    private static string Expected(string type)
    {
        var inner = NullableOf().Match(type) is { Success: true } n ? n.Groups["inner"].Value : type;
        return inner switch
        {
            "System.Int32" => "a whole number between -2147483648 and 2147483647",
            "System.Int64" => "a whole number",
            "System.Int16" or "System.Byte" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.SByte" => "a whole number in range",
            "System.Double" or "System.Single" or "System.Decimal" => "a finite number",
            "System.Boolean" => "true or false",
            "System.String" or "System.Char" => "a string",
            _ when inner.Contains("List`", StringComparison.Ordinal) || inner.EndsWith("[]", StringComparison.Ordinal)
                || inner.Contains("Enumerable`", StringComparison.Ordinal) => "an array",
            _ when inner.Contains("Dictionary`", StringComparison.Ordinal) => "a JSON object",
            _ => "a JSON object of the documented shape",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?$")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"missing required properties including: (?<names>.*)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"'?\b(System|NlpHost|Microsoft)\.[\w.`\[\],]+'?")]
    private static partial Regex TypeName();
}

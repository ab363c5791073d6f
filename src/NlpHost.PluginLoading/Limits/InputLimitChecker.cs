using System.Globalization;
using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.PluginLoading.Limits;

/// <summary>Walks a request's JSON once and refuses the first value beyond a limit, naming its path, the limit and its key.</summary>
internal static class InputLimitChecker
{
    /// <exception cref="TaskInputException">A value is beyond a limit.</exception>
    public static void Check(TaskRequest request, InputLimits limits, Func<string, string> keyOf)
    {
        long total = 0;
        Walk(request.Input, "input", 1, limits, keyOf, ref total);
        if (request.Options is { } options)
        {
            Walk(options, "options", 1, limits, keyOf, ref total);
            RefuseNonFinite(options, "options");
        }
    }

    // Options are numbers and names; "NaN" read as a number compares false with every bound and slips through range
    // checks (a NaN distanceThreshold gave one cluster, a NaN noAnswerThreshold always "no answer").
    private static void RefuseNonFinite(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    RefuseNonFinite(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RefuseNonFinite(item, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.String when element.GetString()!.Trim().TrimStart('+', '-') is var t
                && (t.Equals("NaN", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Inf", StringComparison.OrdinalIgnoreCase) || t == "∞"):
                throw new TaskInputException(path, $"must be a finite number, got \"{element.GetString()}\"");
        }
    }

    private static void Walk(JsonElement element, string path, int depth, InputLimits limits, Func<string, string> keyOf, ref long total)
    {
        if (depth > limits.MaxDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            throw Refuse(path, $"is nested deeper than {limits.MaxDepth} levels", nameof(InputLimits.MaxDepth), limits.MaxDepth, keyOf);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{path}.{property.Name}", depth + 1, limits, keyOf, ref total);
                }

                break;
            case JsonValueKind.Array:
                var count = element.GetArrayLength();
                if (count > limits.MaxItems)
                {
                    throw Refuse(path, $"has {count:N0} items", nameof(InputLimits.MaxItems), limits.MaxItems, keyOf);
                }

                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", depth + 1, limits, keyOf, ref total);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (text.Length > limits.MaxTextChars)
                {
                    throw Refuse(path, $"is {text.Length:N0} characters long", nameof(InputLimits.MaxTextChars), limits.MaxTextChars, keyOf);
                }

                total += text.Length;
                if (total > limits.MaxTotalChars)
                {
                    throw Refuse(path, $"brings the request to {total:N0} characters", nameof(InputLimits.MaxTotalChars), limits.MaxTotalChars, keyOf);
                }

                var word = LongestWord(text);
                if (word > limits.MaxWordChars)
                {
                    throw Refuse(path, $"has a word (characters without a space) {word:N0} characters long", nameof(InputLimits.MaxWordChars), limits.MaxWordChars, keyOf);
                }

                break;
        }
    }

    private static int LongestWord(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = char.IsWhiteSpace(c) ? 0 : run + 1;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static TaskInputException Refuse(string path, string what, string limit, long value, Func<string, string> keyOf) =>
        new(path, string.Create(CultureInfo.InvariantCulture, $"{what}; the limit is {value:N0} ({keyOf(limit)}): split the input into several requests or raise the limit"));
}

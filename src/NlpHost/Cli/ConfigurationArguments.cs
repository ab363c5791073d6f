namespace NlpHost.Cli;

/// <summary>
/// Separates configuration overrides (<c>--Section:Key value</c> or <c>--Section:Key=value</c>)
/// from the verbs and options of the command line, so any config key can be set from the shell.
/// </summary>
internal static class ConfigurationArguments
{
    public static (string[] Command, string[] Overrides) Split(IReadOnlyList<string> args)
    {
        var command = new List<string>();
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsOverride(arg))
            {
                command.Add(arg);
                continue;
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                overrides.Add(arg);
            }
            else if (i + 1 < args.Count)
            {
                overrides.Add(arg);
                overrides.Add(args[++i]);
            }
            else
            {
                throw new ArgumentException($"configuration override '{arg}' has no value; write '{arg} <value>'");
            }
        }

        return ([.. command], [.. overrides]);
    }

    private static bool IsOverride(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 4)
        {
            return false;
        }

        var name = arg.AsSpan(2);
        var equals = name.IndexOf('=');
        if (equals >= 0)
        {
            name = name[..equals];
        }

        return name.Contains(':');
    }
}

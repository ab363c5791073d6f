using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.PluginLoading.Settings;

/// <summary>
/// Binds a plugin's section (<c>Plugins:&lt;task&gt;</c>) into the settings type the plugin declares and validates it:
/// data annotations on every property, nested settings objects and dictionaries of them, then
/// <see cref="IValidatableObject"/>. Every problem is reported with its full key, so plugins state each default once
/// (the property's initializer) and write no reader of their own.
/// </summary>
public static partial class TaskSettingsBinder
{
    /// <summary>Binds and validates <paramref name="section"/> into a new <paramref name="type"/>.</summary>
    /// <param name="type">The settings type: a parameterless constructor, settable (or init) properties.</param>
    /// <param name="section">The plugin's section; its path prefixes every key named in an error.</param>
    /// <exception cref="TaskConfigurationException">A value is not of its property's type or breaks its rule.</exception>
    public static object Bind(Type type, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(section);
        var prefix = (section as IConfigurationSection)?.Path ?? "";
        var settings = Activator.CreateInstance(type, nonPublic: true)
            ?? throw new InvalidOperationException($"settings type '{type.Name}' has no parameterless constructor");
        try
        {
            section.Bind(settings);
        }
        catch (InvalidOperationException e) when (FailedConversion().Match(e.Message) is { Success: true } failed)
        {
            var key = Qualify(prefix, failed.Groups["path"].Value);
            throw new TaskConfigurationException(key, $"'{section[Relative(prefix, key)]}' is not {Expected(failed.Groups["type"].Value)}", e);
        }

        var errors = new List<(string Key, string Message)>();
        Validate(settings, prefix, section, errors);
        if (errors.Count > 0)
        {
            var (key, message) = errors[0];
            var more = errors.Count > 1 ? "; " + string.Join("; ", errors.Skip(1).Select(e => $"{e.Key}: {e.Message}")) : "";
            throw new TaskConfigurationException(key, message + more);
        }

        return settings;
    }

    private static void Validate(object settings, string prefix, IConfiguration section, List<(string Key, string Message)> errors)
    {
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = Qualify(prefix, property.Name);
            var value = property.GetValue(settings);
            var context = new ValidationContext(settings) { MemberName = property.Name, DisplayName = key };
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>(inherit: true))
            {
                if (rule.GetValidationResult(value, context) is { ErrorMessage: { } message })
                {
                    errors.Add((key, Describe(message, key, section[property.Name])));
                }
            }

            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is not null && IsSettingsObject(entry.Value.GetType(), settings.GetType()))
                    {
                        var child = section.GetSection(property.Name).GetSection(entry.Key.ToString()!);
                        Validate(entry.Value, Qualify(key, entry.Key.ToString()!), child, errors);
                    }
                }
            }
            else if (value is not null && IsSettingsObject(property.PropertyType, settings.GetType()))
            {
                Validate(value, key, section.GetSection(property.Name), errors);
            }
        }

        if (settings is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(settings)))
            {
                var member = result.MemberNames.FirstOrDefault();
                errors.Add((member is null ? prefix : Qualify(prefix, member), result.ErrorMessage ?? "is invalid"));
            }
        }
    }

    // Nested settings live in the plugin's own assembly; strings, numbers and collections do not.
    private static bool IsSettingsObject(Type type, Type owner) => type.IsClass && type.Assembly == owner.Assembly;

    // "The field Plugins:qa:X must be between 16 and 4096." -> "must be between 16 and 4096, got '9'".
    private static string Describe(string message, string key, string? raw)
    {
        var reason = message.Replace($"The field {key} ", "", StringComparison.Ordinal).Replace($"The {key} field ", "", StringComparison.Ordinal)
            .Replace(key + " ", "", StringComparison.Ordinal).TrimEnd('.');
        return raw is null ? reason : $"{reason}, got '{raw}'";
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        _ when type.StartsWith("System.Nullable`1[[System.Int", StringComparison.Ordinal) => "a whole number",
        _ when type.StartsWith("System.Nullable`1[[System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.StartsWith("System.Nullable`1", StringComparison.Ordinal) => "a number",
        _ => "a value of the documented kind",
    };

    private static string Qualify(string prefix, string key) => prefix.Length == 0 || key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase) ? key : $"{prefix}:{key}";

    private static string Relative(string prefix, string key) => prefix.Length > 0 && key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase) ? key[(prefix.Length + 1)..] : key;

    [GeneratedRegex(@"Failed to convert configuration value(?: '[^']*')? at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex FailedConversion();
}

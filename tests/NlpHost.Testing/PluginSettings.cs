using Microsoft.Extensions.Configuration;
using NlpHost.PluginLoading.Settings;

namespace NlpHost.Testing;

/// <summary>Plugin settings bound as the host binds them (<see cref="TaskSettingsBinder"/>), for unit tests.</summary>
public static class PluginSettings
{
    /// <summary>The section <c>Plugins:&lt;task&gt;</c> holding <paramref name="values"/> (keys relative to it).</summary>
    public static IConfigurationSection Section(string task, IEnumerable<KeyValuePair<string, string?>>? values = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection((values ?? []).Select(v => new KeyValuePair<string, string?>($"Plugins:{task}:{v.Key}", v.Value)))
            .Build()
            .GetSection($"Plugins:{task}");

    /// <summary>Binds and validates <typeparamref name="T"/> from <paramref name="values"/>; throws what the host throws.</summary>
    public static T Bind<T>(string task, params (string Key, string Value)[] values) where T : class =>
        (T)TaskSettingsBinder.Bind(typeof(T), Section(task, values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))));
}

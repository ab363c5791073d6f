using NlpHost.Abstractions.Plugins;

namespace NlpHost.PluginLoading.Discovery;

/// <summary>A plugin folder and what loading it gave.</summary>
/// <param name="Name">Folder (and assembly) name.</param>
/// <param name="AssemblyPath">The main assembly.</param>
/// <param name="State">Loaded, disabled or failed.</param>
/// <param name="Error">Why it failed, for humans; <see langword="null"/> otherwise.</param>
/// <param name="Tasks">The tasks it provides when loaded.</param>
public sealed record PluginRecord(string Name, string AssemblyPath, PluginState State, string? Error, IReadOnlyList<TaskDescriptor> Tasks);

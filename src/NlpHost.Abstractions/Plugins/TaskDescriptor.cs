namespace NlpHost.Abstractions.Plugins;

/// <summary>Describes a task to the host, the CLI (<c>nlphost tasks</c>) and the HTTP API.</summary>
/// <param name="Name">The task name used in jobs and on the command line, e.g. <c>summarize</c>.</param>
/// <param name="Version">The plugin's own version.</param>
/// <param name="Description">One line for humans.</param>
/// <param name="InputType">The record the input JSON binds to.</param>
/// <param name="OptionsType">The record the per-job <c>options</c> JSON binds to.</param>
/// <param name="OutputType">The record the result serializes from.</param>
/// <param name="Heads">The model heads the task uses.</param>
public sealed record TaskDescriptor(
    string Name,
    string Version,
    string Description,
    Type InputType,
    Type OptionsType,
    Type OutputType,
    IReadOnlyList<HeadRequirement> Heads)
{
    /// <summary>
    /// The type the host binds <c>Plugins:&lt;task&gt;</c> into and validates (data annotations, nested objects,
    /// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>) before the task runs (contract 1.4);
    /// the task reads it with <see cref="TaskContext.GetSettings{TSettings}"/>. A public parameterless constructor;
    /// each default is the property's initializer. <see langword="null"/>: the task has no settings of its own.
    /// </summary>
    public Type? SettingsType { get; init; }
}

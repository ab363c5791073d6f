namespace NlpHost.Abstractions.Plugins;

/// <summary>A model head a task needs, resolved by the host before the task runs.</summary>
/// <param name="Name">Short name; the path can be overridden with <c>Plugins:&lt;task&gt;:Heads:&lt;Name&gt;</c>.</param>
/// <param name="DefaultPath">Path relative to the models folder, e.g. <c>heads/qa-span/head.onnx</c>.</param>
/// <param name="Required">When <see langword="false"/> the task runs without it (with lower quality).</param>
/// <param name="HowToGet">What to do when it is missing, e.g. the training command.</param>
public sealed record HeadRequirement(string Name, string DefaultPath, bool Required, string HowToGet);

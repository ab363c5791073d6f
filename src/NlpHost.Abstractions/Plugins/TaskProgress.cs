namespace NlpHost.Abstractions.Plugins;

/// <summary>Progress of a running job.</summary>
/// <param name="Fraction">Between 0 and 1.</param>
/// <param name="Message">What the task is doing, for humans.</param>
public readonly record struct TaskProgress(double Fraction, string? Message = null);

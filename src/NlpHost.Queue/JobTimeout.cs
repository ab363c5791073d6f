namespace NlpHost.Queue;

/// <summary>How long one attempt of a job may run, and the configuration key that set it (named in the job's error).</summary>
/// <param name="Limit">The time limit.</param>
/// <param name="Setting">The key, e.g. <c>Plugins:spellcheck:TimeoutSeconds</c>.</param>
public sealed record JobTimeout(TimeSpan Limit, string Setting);

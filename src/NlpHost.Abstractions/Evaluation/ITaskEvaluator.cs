using NlpHost.Abstractions.Plugins;

namespace NlpHost.Abstractions.Evaluation;

/// <summary>
/// Scores a task on a data set in the data set's own format; behind <c>nlphost eval &lt;task&gt;</c>.
/// </summary>
public interface ITaskEvaluator
{
    /// <summary>The task evaluated, as in <see cref="TaskDescriptor.Name"/>.</summary>
    string TaskName { get; }

    /// <summary>Reads the data, runs the task (and any baselines) and scores the predictions.</summary>
    Task<EvaluationReport> EvaluateAsync(EvaluationRequest request, TaskContext context, CancellationToken cancellationToken);
}

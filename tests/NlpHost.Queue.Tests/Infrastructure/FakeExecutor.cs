using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Queue.Tests.Infrastructure;

/// <summary>A test double for the host's task dispatch: runs a delegate per job.</summary>
internal sealed class FakeExecutor(Func<string, JsonElement, IProgress<TaskProgress>, CancellationToken, Task<JsonElement>> run) : IJobExecutor
{
    private int _calls;

    /// <summary>Jobs that signal <paramref name="started"/> and then run until their token fires (never finish on their own).</summary>
    public static FakeExecutor UntilCancelled(TaskCompletionSource started) => new(async (_, _, _, ct) =>
    {
        started.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        return JsonSerializer.SerializeToElement("never");
    });

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>What the worker may lease; <see langword="null"/> = any task.</summary>
    public IReadOnlyCollection<string>? Served { get; init; }

    IReadOnlyCollection<string>? IJobExecutor.ServedTasks => Served;

    public Task<JsonElement> ExecuteAsync(string task, JsonElement input, JsonElement? options, IProgress<TaskProgress> progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return run(task, input, progress, cancellationToken);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace NlpHost.Queue.Tests.Infrastructure;

/// <summary>
/// Jobs that record their input's text; the first (<c>j0</c>) then reports <see cref="Started"/> and waits for
/// <see cref="Open"/> or its cancellation (<see cref="Cancelled"/>). The rest finish at once; <c>warm</c> (not
/// recorded) holds its slot for <see cref="WarmUpTakes"/> of <see cref="Clock"/>.
/// </summary>
internal sealed class GatedExecutor
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _ran = new();

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when <c>j0</c>'s own token fires: its execution was stopped, not only abandoned.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Ran => [.. _ran];

    public FakeTimeProvider? Clock { get; init; }

    public TimeSpan WarmUpTakes { get; init; }

    public void Open() => _open.TrySetResult();

    public FakeExecutor Executor() => new(async (_, input, _, ct) =>
    {
        var text = input.GetProperty("text").GetString()!;
        if (text == "warm")
        {
            Clock?.Advance(WarmUpTakes);
            return JsonSerializer.SerializeToElement(text);
        }

        _ran.Enqueue(text);
        if (text == "j0")
        {
            Started.TrySetResult();
            try
            {
                await _open.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }

        return JsonSerializer.SerializeToElement(text);
    });
}

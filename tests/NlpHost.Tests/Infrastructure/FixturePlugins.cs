using System.Diagnostics;

namespace NlpHost.Tests.Infrastructure;

/// <summary>
/// Builds the plugins under tests/Fixtures (not part of the solution) once, the way a user builds a
/// plugin of their own, and lays out plugin folders from them.
/// </summary>
public sealed class FixturePlugins : IDisposable
{
    private readonly string _fixtures = Path.Combine(BuildLayout.RepoRoot, "tests", "Fixtures");
    private readonly List<string> _folders = [];

    public FixturePlugins()
    {
        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(_fixtures, "Fixtures.sln"), "-c", BuildLayout.Configuration, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("building tests/Fixtures failed:\n" + output);
        }
    }

    /// <summary>A new, empty plugins folder that is deleted with the fixture.</summary>
    public string NewPluginsFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nlphost-plugins-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    /// <summary>Copies a fixture's build output into <c>plugins/&lt;project&gt;/</c>, as an operator would.</summary>
    public string Install(string pluginsFolder, string project)
    {
        var output = Path.Combine(_fixtures, project, "bin", BuildLayout.Configuration, "net10.0");
        var target = Path.Combine(pluginsFolder, project);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(output))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return target;
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Dashboard;

/// <summary>
/// One <c>nlphost serve</c> with an API key and one worker slot, serving the probe tasks, the real summarize and cluster
/// plugins and a plugin that fails to load; and one headless Chromium on it. Started by the first test that needs it
/// (with the queue tests' build of tests/Fixtures, so it is not built twice) and shared by the class.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string Key = "dashboard-test-key-42";

    private readonly SemaphoreSlim _start = new(1, 1);
    private QueueDeployment? _queue;

    internal HostServer Server { get; private set; } = null!;

    internal Browser Browser { get; private set; } = null!;

    internal QueueDeployment Queue => _queue!;

    /// <summary>Screenshots of every page go here, beside the test assembly.</summary>
    public string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots")).FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task StartAsync(FixturePlugins fixtures)
    {
        await _start.WaitAsync();
        try
        {
            if (_queue is null)
            {
                await StartCoreAsync(fixtures);
            }
        }
        finally
        {
            _start.Release();
        }
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (_queue is not null)
        {
            await _queue.DisposeAsync();
        }

        _start.Dispose();
    }

    private async Task StartCoreAsync(FixturePlugins fixtures)
    {
        var queue = QueueDeployment.Sqlite(fixtures);
        _queue = queue;
        fixtures.Install(queue.PluginsFolder, "ThrowingPlugin");
        foreach (var plugin in new[] { "NlpHost.Tasks.Summarize", "NlpHost.Tasks.Cluster" })
        {
            CopyDirectory(Path.Combine(BuildLayout.HostDirectory, "plugins", plugin), Path.Combine(queue.PluginsFolder, plugin));
        }

        Server = await queue.StartServerAsync(["--Api:Keys", Key, "--Worker:Concurrency", "1", "--Worker:HeartbeatSeconds", "0.5"], Key);
        Browser = Browser.Start(Server.Client.BaseAddress!);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

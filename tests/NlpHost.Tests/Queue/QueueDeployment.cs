using System.Globalization;
using Npgsql;
using NlpHost.Tests.Infrastructure;

namespace NlpHost.Tests.Queue;

/// <summary>
/// One isolated queue for one test: a fresh SQLite folder or a fresh PostgreSQL schema, a plugins folder with
/// <c>QueueProbePlugin</c>, and a folder where the probe tasks record each execution. Starts real hosts on it.
/// </summary>
internal sealed class QueueDeployment : IAsyncDisposable
{
    public const string PostgresVariable = "NLPHOST_TEST_POSTGRES";

    private readonly List<IDisposable> _hosts = [];
    private readonly string _root;
    private readonly string[] _queueArgs;

    private QueueDeployment(FixturePlugins fixtures, string root, string[] queueArgs, string? postgres, string? schema)
    {
        _root = root;
        _queueArgs = queueArgs;
        PostgresConnectionString = postgres;
        Schema = schema;
        PluginsFolder = fixtures.NewPluginsFolder();
        fixtures.Install(PluginsFolder, "QueueProbePlugin");
        LogDirectory = Directory.CreateDirectory(Path.Combine(root, "executions")).FullName;
    }

    public string PluginsFolder { get; }

    public string LogDirectory { get; }

    /// <summary>The connection string (search path = this test's schema) for PostgreSQL deployments.</summary>
    public string? PostgresConnectionString { get; }

    public string? Schema { get; }

    public static QueueDeployment Sqlite(FixturePlugins fixtures)
    {
        var root = NewRoot();
        return new QueueDeployment(fixtures, root, ["--Queue:Provider", "sqlite", "--Queue:DataDirectory", Path.Combine(root, "data")], null, null);
    }

    public static async Task<QueueDeployment> PostgresAsync(FixturePlugins fixtures)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
        var schema = $"hosttest_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        return new QueueDeployment(fixtures, NewRoot(), ["--Queue:Provider", "postgres", "--Queue:ConnectionString", connectionString], connectionString, schema);
    }

    /// <summary>Configuration for a host on this queue: fast worker timings first, so <paramref name="extra"/> overrides them.</summary>
    public string[] HostArgs(params string[] extra) =>
    [
        .. _queueArgs,
        "--Plugins:Path", PluginsFolder,
        "--Plugins:sleep:LogDirectory", LogDirectory,
        "--Plugins:transient:LogDirectory", LogDirectory,
        "--Backbone:ExecutionProvider", "cpu",
        "--Worker:Concurrency", "2",
        "--Worker:PollMilliseconds", "50",
        "--Worker:LeaseSeconds", "10",
        "--Worker:HeartbeatSeconds", "1",
        "--Worker:BackoffBaseSeconds", "0.2",
        "--Worker:BackoffMaxSeconds", "5",
        "--Worker:ShutdownGraceSeconds", "2",
        "--Worker:BreakerMinimumThroughput", "100000",
        .. extra,
    ];

    public HostProcess StartWorker(params string[] extra) => Track(HostProcess.Start(["worker", .. HostArgs(extra)]));

    /// <summary>A worker with extra environment variables (e.g. a skewed clock).</summary>
    public HostProcess StartWorker(IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        Track(HostProcess.Start(["worker", .. HostArgs(extra)], environment));

    public async Task<HostServer> StartServerAsync(string[] extra, string? apiKey = null) =>
        Track(await HostServer.StartAsync(HostArgs(extra), apiKey));

    /// <summary>What the probe tasks recorded, oldest first.</summary>
    public IReadOnlyList<Execution> Executions() =>
    [
        .. Directory.EnumerateFiles(LogDirectory)
            .Select(path => (Name: Path.GetFileName(path).Split('.'), Path: path))
            // A record being written right now has no time yet; it sorts first.
            .Select(f => new Execution(f.Name[0], f.Name[1], f.Name[2], DateTimeOffset.FromUnixTimeMilliseconds(
                long.TryParse(File.ReadAllText(f.Path), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0)))
            .OrderBy(e => e.At),
    ];

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        if (Schema is not null)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {Schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private static string NewRoot() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nlphost-queue-hosts", Guid.NewGuid().ToString("N"))).FullName;

    private T Track<T>(T host)
        where T : IDisposable
    {
        _hosts.Add(host);
        return host;
    }

    /// <summary>One record of a probe task: <paramref name="Event"/> is start, end or attempt; <paramref name="Run"/> names the execution.</summary>
    public sealed record Execution(string Marker, string Event, string Run, DateTimeOffset At);
}

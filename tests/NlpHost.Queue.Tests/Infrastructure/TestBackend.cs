using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace NlpHost.Queue.Tests.Infrastructure;

/// <summary>
/// A real, isolated queue database for one test: a temp folder for SQLite, a fresh schema (via search_path) for
/// PostgreSQL. <see cref="CreateStore"/> gives further stores on the same database, as other hosts would have.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresVariable = "NLPHOST_TEST_POSTGRES";

    private readonly List<ServiceProvider> _providers = [];
    private readonly string? _directory;
    private readonly string? _schema;

    private TestBackend(string name, Dictionary<string, string?> settings, string? directory, string? schema, FakeTimeProvider? clock)
    {
        Name = name;
        Settings = settings;
        _directory = directory;
        _schema = schema;
        Clock = clock;
        Store = CreateStore(clock);
    }

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable);

    public string Name { get; }

    /// <summary>The <c>Queue</c> section for this database, to merge into a host's configuration.</summary>
    public Dictionary<string, string?> Settings { get; }

    public IJobStore Store { get; }

    /// <summary><see cref="Store"/>'s clock when it was created with a fake one; null on PostgreSQL (see <see cref="PassAsync"/>).</summary>
    public FakeTimeProvider? Clock { get; }

    /// <summary>
    /// A fresh database. With <paramref name="fakeClock"/>, <see cref="Store"/> runs on a fake clock where it can:
    /// SQLite reads the host's clock, so a lease expires when <see cref="PassAsync"/> moves it; PostgreSQL computes
    /// now() in SQL (leases on the database clock, so skewed hosts agree), which no test can move.
    /// </summary>
    public static async Task<TestBackend> CreateAsync(string name, bool fakeClock = false)
    {
        if (name == Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "nlphost-queue-tests", Guid.NewGuid().ToString("N"));
            var clock = fakeClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null;
            return new TestBackend(name, new() { ["Queue:Provider"] = "sqlite", ["Queue:DataDirectory"] = directory }, directory, null, clock);
        }

        var schema = $"t_{Guid.NewGuid():N}";
        await ExecutePostgresAsync($"CREATE SCHEMA {schema}");
        // A small pool per store: test classes run in parallel on one server (100 connections by default).
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = schema, MaxPoolSize = 8 }.ToString();
        return new TestBackend(name, new() { ["Queue:Provider"] = "postgres", ["Queue:ConnectionString"] = connectionString }, null, schema, null);
    }

    /// <summary>
    /// Lets <paramref name="span"/> pass for <see cref="Store"/>'s leases and backoffs: the fake clock moves at once on
    /// SQLite; on PostgreSQL, whose own now() decides, the test has to wait it out (plus a little for the round trips).
    /// </summary>
    public Task PassAsync(TimeSpan span)
    {
        if (Clock is { } clock)
        {
            clock.Advance(span);
            return Task.CompletedTask;
        }

        return Task.Delay(span + TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Another store on this database, as another host would have; <paramref name="time"/> is that host's clock.</summary>
    public IJobStore CreateStore(TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var provider = services.AddJobQueue(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IJobStore>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (_schema is not null)
        {
            await ExecutePostgresAsync($"DROP SCHEMA {_schema} CASCADE");
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The text stored in <c>jobs.result</c> for a job, read with SQL past the store (what an operator's query sees).</summary>
    public async Task<string?> ReadStoredResultAsync(string id)
    {
        if (_directory is not null)
        {
            await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(_directory, QueueOptions.SqliteFileName)}");
            await sqlite.OpenAsync();
            await using var select = sqlite.CreateCommand();
            select.CommandText = "SELECT result FROM jobs WHERE id = $id";
            select.Parameters.AddWithValue("$id", id);
            return await select.ExecuteScalarAsync() as string;
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = _schema }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT result FROM jobs WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task ExecutePostgresAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Reflection;
using Xunit.Sdk;

namespace NlpHost.Queue.Tests.Infrastructure;

/// <summary>Runs a theory against the embedded SQLite backend.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteBackendAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestBackend.Sqlite]];
}

/// <summary>Runs a theory against PostgreSQL; skipped, saying why, when <c>NLPHOST_TEST_POSTGRES</c> is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresBackendAttribute : DataAttribute
{
    public PostgresBackendAttribute()
    {
        if (string.IsNullOrWhiteSpace(TestBackend.PostgresConnectionString))
        {
            Skip = $"PostgreSQL tests need {TestBackend.PostgresVariable}; run '.ci/postgres.sh' and export its last line as {TestBackend.PostgresVariable}";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[TestBackend.Postgres]];
}

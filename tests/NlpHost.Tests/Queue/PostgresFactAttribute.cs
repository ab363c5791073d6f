namespace NlpHost.Tests.Queue;

/// <summary>A test that needs PostgreSQL; skipped, saying how to get one, when <c>NLPHOST_TEST_POSTGRES</c> is unset.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(QueueDeployment.PostgresVariable)))
        {
            Skip = $"needs PostgreSQL: run '.ci/postgres.sh' and export its last line as {QueueDeployment.PostgresVariable}";
        }
    }
}

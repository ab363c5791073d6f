using System.Text.Json;
using NlpHost.Queue.Jobs;

namespace NlpHost.Queue.Tests.Infrastructure;

internal static class TestJobs
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static JobRequest Request(string task = "echo", int priority = 0, string? key = null, int? maxAttempts = null, string input = """{"text":"hi"}""") =>
        new(task, Json(input), Priority: priority, IdempotencyKey: key, MaxAttempts: maxAttempts);

    public static async Task<Job> WaitForAsync(IJobStore store, string id, Func<Job, bool> condition, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var job = await store.GetAsync(id) ?? throw new InvalidOperationException($"job {id} vanished");
            if (condition(job))
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {id} did not reach the expected state; last seen {job.State}, attempts {job.Attempts}, error {job.Error}");
            }

            await Task.Delay(25);
        }
    }
}

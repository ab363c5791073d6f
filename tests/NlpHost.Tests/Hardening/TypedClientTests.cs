using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Hardening;

/// <summary>
/// A typed client written from the OpenAPI document: its records must match the documented schemas field for field,
/// and it submits a job and reads it back through the real API with strict binding (an undocumented field fails).
/// </summary>
[Collection(QueueHosts.Name)]
public sealed class TypedClientTests(FixturePlugins fixtures)
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Fact]
    public async Task A_client_written_from_the_openapi_document_submits_and_reads_a_job()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync([]);
        var schemas = (await server.GetJsonAsync("openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        AssertSameFields<SubmitJob>(schemas.GetProperty("SubmitJob"));
        AssertSameFields<Submitted>(schemas.GetProperty("Submitted"));
        AssertSameFields<JobView>(schemas.GetProperty("JobView"));

        var client = new Client(server.Client);
        var submitted = await client.SubmitAsync(new SubmitJob("sleep", JsonSerializer.SerializeToElement(new { marker = "typed" })));
        Assert.Equal(JobState.Queued, submitted.State);
        await Poll.UntilAsync(async () => (await client.GetAsync(submitted.Id)).State == JobState.Succeeded, TimeSpan.FromSeconds(60), () => server.Process.Output);
        var job = await client.GetAsync(submitted.Id);
        Assert.Equal(("sleep", 1), (job.Task, job.Attempts));
    }

    private static void AssertSameFields<T>(JsonElement schema)
    {
        var documented = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var typed = typeof(T).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(documented, typed);
    }

    private sealed class Client(HttpClient http)
    {
        public async Task<Submitted> SubmitAsync(SubmitJob job)
        {
            using var response = await http.PostAsJsonAsync(new Uri("v1/jobs", UriKind.Relative), job, Strict);
            Assert.Equal(202, (int)response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<Submitted>(Strict))!;
        }

        public async Task<JobView> GetAsync(string id) =>
            (await http.GetFromJsonAsync<JobView>(new Uri($"v1/jobs/{id}", UriKind.Relative), Strict))!;
    }

    private enum JobState
    {
        Queued,
        Running,
        Succeeded,
        Failed,
        Dead,
        Cancelled,
    }

    private sealed record SubmitJob(
        string Task, JsonElement Input, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Options = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Priority = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IdempotencyKey = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxAttempts = null);

    private sealed record Submitted(string Id, JobState State, bool Created, string? Conflict);

    private sealed record Progress(double Fraction, string? Message);

    private sealed record JobView(
        string Id, string Task, JobState State, int Priority, int Attempts, int MaxAttempts, Progress? Progress, string? Error,
        bool CancellationRequested, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Warning);
}

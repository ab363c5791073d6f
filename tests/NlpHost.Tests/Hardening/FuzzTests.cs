using System.Text;
using System.Text.Json;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Hardening;

/// <summary>
/// Seeded, bounded fuzzing over loopback: generated malformed or hostile requests across every endpoint and task,
/// sent while real jobs run. No answer may be a 5xx, every 4xx names a field or limit, readiness stays up, and the jobs
/// submitted alongside all finish.
/// </summary>
[Collection(QueueHosts.Name)]
public sealed class FuzzTests(FixturePlugins fixtures)
{
    private const int Requests = 2_400;
    private static readonly string[] Tasks = ["sleep", "noop", "cluster", "qa", "summarize", "spellcheck", "translate", "SLEEP", "nope", ""];

    [Fact]
    public async Task Hostile_requests_get_named_refusals_and_never_a_server_error()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        InstallShippedPlugins(queue.PluginsFolder);
        // Small limits keep the valid requests among the generated ones cheap (the real tasks run them on a shared
        // 2-core machine); the refusals they cause are checked like any other.
        using var server = await queue.StartServerAsync(["--Api:MaxRequestBytes", "65536", "--Api:MaxSyncRequestBytes", "16384", "--Api:RunTimeoutSeconds", "120",
            .. new[] { "Default", "translate", "spellcheck" }.SelectMany(t => new[] { $"--Limits:{t}:MaxItems", "20", $"--Limits:{t}:MaxTextChars", "300", $"--Limits:{t}:MaxTotalChars", "600" }),
            "--Worker:Concurrency", "1"]);
        var random = new Random(20261201);
        var jobs = new List<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            if (i % 100 == 0)
            {
                jobs.Add(await server.SubmitAsync(new { task = "sleep", input = new { marker = $"alongside-{i}" }, options = new { ms = 10 }, priority = 10 }));
                using var ready = await server.Client.GetAsync(new Uri("health/ready", UriKind.Relative));
                Assert.True(ready.IsSuccessStatusCode, $"/health/ready {(int)ready.StatusCode} after {i} requests: {await ready.Content.ReadAsStringAsync()}");
            }

            var (method, path, body) = Generate(random, i);
            var answer = await Http.SendAsync(server.Client, method, path, body);
            var sent = body is null ? "" : Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
            Assert.True(answer.Code < 500, $"request {i}: {method} {path} {sent}\n-> {answer}\n{server.Process.Output[^Math.Min(4000, server.Process.Output.Length)..]}");
            if (answer.Code >= 400)
            {
                try
                {
                    Http.AssertNamedProblem(answer);
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException or JsonException)
                {
                    throw new Xunit.Sdk.XunitException($"request {i}: {method} {path} {sent}\n-> {answer}\n{e.Message}");
                }
            }
        }

        // Bounded: 2,400 requests on a loaded 2-core machine take well under this.
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(8), $"fuzzing took {watch.Elapsed}");
        var finished = await server.WaitForFinalAsync(jobs, TimeSpan.FromSeconds(300));
        Assert.All(finished.Values, job => Assert.Equal("succeeded", job.GetProperty("state").GetString()));
    }

    private static (HttpMethod Method, string Path, byte[]? Body) Generate(Random random, int i)
    {
        var task = Tasks[random.Next(Tasks.Length)];
        switch (random.Next(10))
        {
            case 0:
                return (HttpMethod.Get, Pick(random, ["v1/jobs?state=" + Noise(random, 8), "v1/jobs?offset=" + Noise(random, 5), "v1/jobs?limit=" + random.Next(-5, 5000),
                    "v1/jobs/" + Uri.EscapeDataString(Noise(random, 12)), "v1/jobs/" + Uri.EscapeDataString(Noise(random, 12)) + "/result", "v1/tasks"]), null);
            case 1:
                return (random.Next(2) == 0 ? HttpMethod.Delete : HttpMethod.Post, "v1/jobs/" + Uri.EscapeDataString(Noise(random, 10)) + (random.Next(2) == 0 ? "/cancel" : ""), null);
            case 2:
                var bytes = new byte[random.Next(0, 2000)];
                random.NextBytes(bytes);
                return (HttpMethod.Post, Pick(random, ["v1/jobs", "v1/jobs/batch", $"v1/tasks/{Safe(task)}/run"]), bytes);
            case 3:
                return (HttpMethod.Post, "v1/jobs", Utf8(Mutate(random, Job(random, task))));
            case 4:
                return (HttpMethod.Post, "v1/jobs/batch", Utf8($"{{\"jobs\":[{string.Join(',', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Mutate(random, Job(random, Tasks[random.Next(Tasks.Length)]))))}]}}"));
            case 5:
                return (HttpMethod.Post, $"v1/tasks/{Safe(task)}/run", Utf8(Mutate(random, $"{{\"input\":{HostileInput(random)},\"options\":{HostileOptions(random)}}}")));
            case 6:
                var depth = random.Next(30, 3000);
                return (HttpMethod.Post, Pick(random, ["v1/jobs", $"v1/tasks/{Safe(task)}/run"]), Utf8($"{{\"task\":\"{Safe(task)}\",\"input\":{new string('[', depth)}{new string(']', depth)}}}"));
            case 7:
                return (HttpMethod.Post, "v1/jobs", Utf8($"{{\"task\":\"{Safe(task)}\",\"input\":{{\"text\":\"{new string('x', random.Next(900, 70_000))}\"}}}}"));
            case 8:
                return (HttpMethod.Post, "v1/jobs", Utf8($"{{\"task\":\"{Safe(task)}\",\"input\":{HostileInput(random)},\"priority\":{Pick(random, ["\"high\"", "1e9", "-1", "null", "[]", "1.5"])},\"maxAttempts\":{Pick(random, ["0", "\"3\"", "1e40", "true"])}}}"));
            default:
                return (HttpMethod.Post, "v1/jobs", Utf8(Job(random, task)));
        }
    }

    private static string Job(Random random, string task) =>
        $"{{\"task\":\"{Safe(task)}\",\"input\":{HostileInput(random)},\"options\":{HostileOptions(random)}}}";

    private static string HostileInput(Random random) => Pick(random,
    [
        "{}", "[]", "null", "5", "\"text\"", "{\"text\":5}", "{\"text\":\"\"}", "{\"text\":null}", "{\"marker\":\"ok\"}",
        "{\"marker\":\"" + Noise(random, 20) + "\"}", "{\"text\":\"" + Noise(random, 40) + "\"}",
        "{\"documents\":[]}", "{\"documents\":[{\"id\":1,\"text\":\"a\"}]}", "{\"documents\":" + new string('[', 40) + new string(']', 40) + "}",
        "{\"question\":\"\",\"context\":\"\"}", "{\"question\":5}", "{\"text\":\"" + string.Concat(Enumerable.Repeat("a. ", random.Next(1, 3000))) + "\"}",
        "{\"documents\":[" + string.Join(',', Enumerable.Range(0, random.Next(1, 2500)).Select(d => $"{{\"id\":\"{d}\",\"text\":\"same\"}}")) + "]}",
    ]);

    private static string HostileOptions(Random random) => Pick(random,
    [
        "null", "{}", "[]", "5", "{\"k\":1e9}", "{\"k\":\"3\"}", "{\"k\":-1}", "{\"distanceThreshold\":\"NaN\"}", "{\"noAnswerThreshold\":\"Infinity\"}",
        "{\"maxLength\":0}", "{\"beamSize\":1000}", "{\"ms\":-5}", "{\"ms\":\"x\"}", "{\"sentences\":1e300}", "{\"unknown\":true}",
    ]);

    // Syntax damage: a cut, a stray character, a duplicated brace.
    private static string Mutate(Random random, string json) => random.Next(4) switch
    {
        0 => json[..random.Next(json.Length)],
        1 => json.Insert(random.Next(json.Length), Pick(random, ["\"", "{", "}", ",", ":", "\\", "\u0000", "💥"])),
        _ => json,
    };

    private static string Noise(Random random, int length) =>
        new([.. Enumerable.Range(0, random.Next(1, length + 1)).Select(_ => (char)random.Next(32, 127))]);

    private static string Safe(string text) => JsonEncodedText.Encode(text).ToString();

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    internal static void InstallShippedPlugins(string folder)
    {
        var shipped = Path.Combine(BuildLayout.HostDirectory, "plugins");
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

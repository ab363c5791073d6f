using System.Net.Http.Json;
using System.Text.Json;

namespace NlpHost.Tests.Infrastructure;

/// <summary><c>nlphost serve</c> on a free loopback port, started and waited for until <c>/health/live</c> answers.</summary>
internal sealed class HostServer : IDisposable
{
    private HostServer(HostProcess process, Uri address, string? apiKey)
    {
        Process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            Client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }
    }

    public HostProcess Process { get; }

    /// <summary>A client for the server, carrying the API key when one was given.</summary>
    public HttpClient Client { get; }

    public static async Task<HostServer> StartAsync(IEnumerable<string> args, string? apiKey = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = HostProcess.Start(["serve", "--urls", address.ToString().TrimEnd('/'), .. args]);
        var server = new HostServer(process, address, apiKey);
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"nlphost serve exited with {process.ExitCode}:\n{process.Output}");
                }

                try
                {
                    using var live = await server.Client.GetAsync(new Uri("health/live", UriKind.Relative));
                    return live.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), () => "nlphost serve did not answer /health/live:\n" + process.Output);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts a job and returns its id, asserting 202.</summary>
    public async Task<string> SubmitAsync(object job)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("v1/jobs", UriKind.Relative), job);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"POST /v1/jobs: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public Task<JsonElement> GetJobAsync(string id) => GetJsonAsync($"v1/jobs/{id}");

    /// <summary>Waits until every job is final and returns them by id.</summary>
    public async Task<Dictionary<string, JsonElement>> WaitForFinalAsync(IReadOnlyCollection<string> ids, TimeSpan timeout)
    {
        var jobs = new Dictionary<string, JsonElement>();
        await Poll.UntilAsync(async () =>
        {
            foreach (var id in ids.Where(id => !jobs.ContainsKey(id)).ToList())
            {
                var job = await GetJobAsync(id);
                if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "dead" or "cancelled")
                {
                    jobs[id] = job;
                }
                else
                {
                    return false;
                }
            }

            return true;
        }, timeout, () => $"{ids.Count - jobs.Count} of {ids.Count} jobs not final:\n{Process.Output}");
        return jobs;
    }

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }
}

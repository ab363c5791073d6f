using System.Net;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;
using OpenQA.Selenium;

namespace NlpHost.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against a real <c>nlphost serve</c>. In the queue hosts' collection: it runs
/// alone, and shares that collection's build of tests/Fixtures.
/// </summary>
[Collection(QueueHosts.Name)]
public sealed class DashboardBrowserTests(FixturePlugins fixtures, DashboardHost host) : IClassFixture<DashboardHost>, IAsyncLifetime
{
    private const string Article =
        "The city council met on Monday to discuss the new budget. Members argued for hours about road repairs. " +
        "The mayor proposed a tax increase to fund schools. Several residents spoke against the plan. " +
        "In the end the council postponed the vote until next month. Local businesses welcomed the delay.";

    private static readonly string[] ClusterDocuments =
    [
        "The striker scored twice and the team won the league match.",
        "The goalkeeper saved a penalty in the final minutes of the game.",
        "Fans celebrated the football club's victory in the cup final.",
        "The coach praised his players after the championship win.",
        "The central bank raised interest rates to curb inflation.",
        "Stock markets fell as investors worried about the economy.",
        "The company reported record quarterly profits and revenue.",
        "Bond yields rose after the inflation figures were published.",
    ];

    private Browser Browser => host.Browser;

    public Task InitializeAsync() => host.StartAsync(fixtures);

    public Task DisposeAsync() => Task.CompletedTask;

    [BrowserFact]
    public async Task Nothing_but_the_login_form_is_served_without_the_key()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Server.Client.BaseAddress };
        var page = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        var overview = await anonymous.GetAsync(new Uri("/api/overview", UriKind.Relative));
        var jobs = await anonymous.GetAsync(new Uri("/api/jobs", UriKind.Relative));
        var session = await anonymous.GetStringAsync(new Uri("/api/session", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, overview.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, jobs.StatusCode);
        Assert.Contains("\"keyRequired\":true", session, StringComparison.Ordinal);
    }

    [BrowserFact]
    public void Logging_in_with_the_key_shows_the_overview()
    {
        Browser.Driver.Navigate().GoToUrl(new Uri(Browser.Address, "/"));
        Browser.Script<object>("sessionStorage.clear(); return null;");
        Browser.Open("#/");
        Browser.WaitFor("#api-key");
        Assert.Empty(Browser.Driver.FindElements(By.Id("overview-title")));
        Browser.Screenshot(host.Screenshots, "login");

        Browser.LogIn(DashboardHost.Key);

        Browser.WaitFor("[data-count='succeeded']");
        Browser.WaitFor("[data-provider='cpu']");
        Assert.Contains("(this host)", Browser.Text(), StringComparison.Ordinal);
        Browser.Screenshot(host.Screenshots, "overview");
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public async Task A_summarize_job_submitted_through_the_form_shows_its_sentences_highlighted()
    {
        Browser.LogIn(DashboardHost.Key);
        Browser.Open("#/try/summarize");
        Browser.WaitFor("#input-text").SendKeys(Article);
        var sentences = Browser.WaitFor("#option-sentences");
        sentences.Clear();
        sentences.SendKeys("2");
        Browser.Screenshot(host.Screenshots, "try-summarize");

        Browser.WaitFor("#submit-job").Click();

        var marks = Browser.Until(d => d.FindElements(By.CssSelector("#result mark.picked")) is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(90), () => "no highlighted sentences");
        var id = Browser.WaitFor("#job-id").Text;
        var result = await host.Server.GetJsonAsync($"v1/jobs/{id}/result");
        var expected = result.GetProperty("sentences").EnumerateArray().Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Equal(2, expected.Count);
        // Each mark holds the sentence, then its score.
        Assert.Equal(expected, marks.Select(m => Browser.Script<string>("return arguments[0].firstChild.textContent", m)));
        Browser.Screenshot(host.Screenshots, "job-summarize");

        // Resubmit with edited options: a new job, one sentence this time.
        Browser.WaitFor("#job-request summary").Click();
        var options = Browser.WaitFor("#resubmit-options");
        options.Clear();
        options.SendKeys("{\"sentences\": 1}");
        Browser.WaitFor("#resubmit").Click();
        var resubmitted = Browser.Until(d => d.FindElement(By.Id("job-id")).Text != id && d.FindElements(By.CssSelector("#result mark.picked")) is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(90), () => "the resubmitted job shows no sentences");
        Assert.Single(resubmitted);
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public async Task A_running_job_shows_its_progress_moving()
    {
        Browser.LogIn(DashboardHost.Key);
        // Progress reaches the store at each heartbeat (0.5 s in this host) and the page polls it.
        var id = await host.Server.SubmitAsync(new { task = "sleep", input = new { marker = "progress" }, options = new { ms = 12_000, steps = 12 } });
        Browser.Open($"#/jobs/{id}");

        // The bar's value attribute as the page shows it; Until needs a reference result, so it returns the text.
        static string? Shown(IWebDriver d) =>
            d.FindElements(By.Id("job-progress")) is { Count: > 0 } bar ? bar[0].GetAttribute("value") : null;
        static double Value(string? text) =>
            double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        var first = Value(Browser.Until(d => Value(Shown(d)) is > 0 and < 1 ? Shown(d) : null, TimeSpan.FromSeconds(60), () => "no progress shown while the job runs"));
        var later = Value(Browser.Until(d => Value(Shown(d)) > first ? Shown(d) : null, TimeSpan.FromSeconds(30), () => $"progress stayed at {first}"));

        Assert.True(later > first);
        Browser.Screenshot(host.Screenshots, "job-running");
        await host.Server.WaitForFinalAsync([id], TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", (await host.Server.GetJobAsync(id)).GetProperty("state").GetString());
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public async Task A_queued_job_is_cancelled_from_its_page()
    {
        Browser.LogIn(DashboardHost.Key);
        // One worker slot: the blocker runs, so the next job stays queued.
        var blocker = await host.Server.SubmitAsync(new { task = "sleep", input = new { marker = "blocker" }, options = new { ms = 60_000 } });
        await Poll.UntilAsync(async () => (await host.Server.GetJobAsync(blocker)).GetProperty("state").GetString() == "running",
            TimeSpan.FromSeconds(30), () => host.Server.Process.Output);
        var waiting = await host.Server.SubmitAsync(new { task = "sleep", input = new { marker = "waiting" } });
        Browser.Open($"#/jobs/{waiting}");
        Browser.WaitFor(".badge[data-state='queued']");

        Browser.WaitFor("#cancel").Click();

        Browser.WaitFor("#job-title .badge[data-state='cancelled']");
        Assert.Equal("cancelled", (await host.Server.GetJobAsync(waiting)).GetProperty("state").GetString());
        Browser.Open("#/jobs");
        Browser.WaitFor($"tr[data-job='{waiting}']");
        Browser.Screenshot(host.Screenshots, "jobs");
        using var cancel = await host.Server.Client.PostAsync(new Uri($"v1/jobs/{blocker}/cancel", UriKind.Relative), null);
        await host.Server.WaitForFinalAsync([blocker], TimeSpan.FromSeconds(30));
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public async Task A_dead_job_is_retried_from_its_page_and_runs_again()
    {
        Browser.LogIn(DashboardHost.Key);
        var marker = "retry-" + Guid.NewGuid().ToString("N")[..8];
        var id = await host.Server.SubmitAsync(new { task = "transient", input = new { marker }, maxAttempts = 1 });
        await host.Server.WaitForFinalAsync([id], TimeSpan.FromSeconds(30));
        Browser.Open($"#/jobs/{id}");
        Browser.WaitFor("#job-title .badge[data-state='dead']");
        Assert.Contains("failed on purpose", Browser.WaitFor("#job-error").Text, StringComparison.Ordinal);
        Browser.Screenshot(host.Screenshots, "job-dead");

        Browser.WaitFor("#retry").Click();

        await Poll.UntilAsync(() => host.Queue.Executions().Count(e => e.Marker == marker) == 2, TimeSpan.FromSeconds(30),
            () => $"the retried job did not run again:\n{host.Server.Process.Output}");
        await host.Server.WaitForFinalAsync([id], TimeSpan.FromSeconds(30));
        Browser.WaitFor("#job-title .badge[data-state='dead']");
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public void A_plugin_that_failed_to_load_shows_with_its_reason()
    {
        Browser.LogIn(DashboardHost.Key);
        Browser.Open("#/plugins");

        var error = Browser.WaitFor("[data-plugin-error='ThrowingPlugin']");

        Assert.Contains("registration exploded on purpose", error.Text, StringComparison.Ordinal);
        Assert.Equal("failed", Browser.Driver.FindElement(By.CssSelector("[data-plugin='ThrowingPlugin'] .badge")).Text);
        Browser.WaitFor("[data-plugin='NlpHost.Tasks.Summarize'] .plugin-state-loaded");
        Browser.Screenshot(host.Screenshots, "plugins");
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public void A_jsonl_upload_for_cluster_is_drawn_as_a_map()
    {
        Browser.LogIn(DashboardHost.Key);
        var documents = Path.Combine(host.Screenshots, "..", "cluster-upload.jsonl");
        File.WriteAllLines(documents, ClusterDocuments.Select((t, i) => $"{{\"id\":\"d{i}\",\"text\":\"{t}\"}}"));
        Browser.Open("#/try/cluster");
        Browser.WaitFor("#input-documents-file").SendKeys(Path.GetFullPath(documents));
        Browser.Until(d => d.FindElement(By.Id("input-documents")).GetDomProperty("value") is { Length: > 0 } v ? v : null, null, () => "upload not read");
        var k = Browser.WaitFor("#option-k");
        k.SendKeys("2");

        Browser.WaitFor("#submit-job").Click();

        var points = Browser.Until(d => d.FindElements(By.CssSelector("#cluster-map circle.point")) is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(90), () => "no map");
        Assert.Equal(ClusterDocuments.Length, points.Count);
        Assert.Equal(2, points.Select(p => p.GetAttribute("data-cluster")).Distinct().Count());
        Browser.Screenshot(host.Screenshots, "job-cluster");
        Assert.Empty(Browser.ConsoleErrors());
    }

    [BrowserFact]
    public async Task Every_page_loads_without_console_errors_at_desktop_and_phone_width()
    {
        Browser.LogIn(DashboardHost.Key);
        var done = await host.Server.SubmitAsync(new { task = "noop", input = new { marker = "pages" } });
        await host.Server.WaitForFinalAsync([done], TimeSpan.FromSeconds(30));
        var pages = new (string Hash, string Ready)[]
        {
            ("#/", "[data-count='queued']"), ("#/jobs", "#jobs-list table"), ($"#/jobs/{done}", "#job-title"),
            ("#/try/summarize", "#input-text"), ("#/try/cluster", "#input-documents"), ("#/plugins", ".plugin"),
        };
        try
        {
            foreach (var (width, height, suffix) in new[] { (1280, 800, "desktop"), (390, 844, "phone") })
            {
                Browser.Resize(width, height);
                foreach (var (hash, ready) in pages)
                {
                    Browser.Open(hash);
                    Browser.WaitFor(ready);
                    var scroll = Browser.Script<long>("return document.documentElement.scrollWidth");
                    Assert.True(scroll <= width + 1, $"{hash} is {scroll} px wide at {width} px");
                    var name = hash.Trim('#', '/').Split('/')[0] is { Length: > 0 } first ? first : "overview";
                    Browser.Screenshot(host.Screenshots, $"{suffix}-{name}-{Array.FindIndex(pages, p => p.Hash == hash)}");
                    Assert.Empty(Browser.ConsoleErrors());
                }
            }
        }
        finally
        {
            Browser.Resize(1280, 800);
        }
    }
}

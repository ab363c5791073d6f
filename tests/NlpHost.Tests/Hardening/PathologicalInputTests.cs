using System.Text.Json;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Hardening;

/// <summary>
/// The pathological inputs against the shipped tasks: refused at submission, fast, naming the limit and its key;
/// the largest word the defaults accept finishes in bounded time. Timings are in bench/pathological.py, not here.
/// </summary>
[Collection(QueueHosts.Name)]
public sealed class PathologicalInputTests(FixturePlugins fixtures)
{
    [Fact]
    public async Task Inputs_beyond_the_limits_are_refused_at_submission_and_a_word_at_the_limit_finishes()
    {
        await using var queue = QueueDeployment.Sqlite(fixtures);
        FuzzTests.InstallShippedPlugins(queue.PluginsFolder);
        using var server = await queue.StartServerAsync(["--Api:RunTimeoutSeconds", "300"]);
        var documents = Enumerable.Range(0, 10_000).Select(i => new { id = $"d{i}", text = "The same short document." }).ToArray();
        (string Task, object Input, string Field, string Key)[] cases =
        [
            ("spellcheck", new { text = new string('x', 999_990) }, "input.text", "MaxTextChars"),
            ("summarize", new { text = new string('x', 150_000) }, "input.text", "Limits:Default:MaxWordChars"),
            ("summarize", new { text = string.Concat(Enumerable.Repeat("Hi. ", 100_000)) }, "input.text", "Limits:Default:MaxTextChars"),
            ("translate", new { text = string.Concat(Enumerable.Repeat("word ", 100_000)) }, "input.text", "MaxTextChars"),
            ("cluster", new { documents }, "input.documents", "Limits:Default:MaxItems"),
            ("qa", new { question = "Where?", documents = documents.Select(d => d.text).ToArray() }, "input.documents", "Limits:Default:MaxItems"),
        ];

        foreach (var (task, input, field, key) in cases)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var answer = await Http.PostAsync(server.Client, "v1/jobs", JsonSerializer.Serialize(new { task, input }));
            Assert.True(answer.Code == 400, $"{task}: {answer}");
            Http.AssertNamedProblem(answer, field);
            Assert.Contains(key, answer.Text, StringComparison.Ordinal);
            // Generous for a loaded 2-core machine; the refusal itself is one pass over the JSON.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{task} refusal took {watch.Elapsed}");
        }

        var bound = System.Diagnostics.Stopwatch.StartNew();
        var word = await Http.PostAsync(server.Client, "v1/tasks/spellcheck/run", JsonSerializer.Serialize(new { input = new { text = "a " + new string('x', 1_000) } }));
        Assert.True(word.Code == 200, word.ToString());
        Assert.True(bound.Elapsed < TimeSpan.FromSeconds(120), $"a 1,000-character word took {bound.Elapsed}");

        // Encoder runs take milliseconds: the histogram has buckets there (the exporter's default starts at 5 s). The
        // long word above never reaches the encoder (it is not questioned); a summary does.
        var summary = await Http.PostAsync(server.Client, "v1/tasks/summarize/run", """{"input":{"text":"The train left at nine. It was late again. Everyone on the platform waited."}}""");
        Assert.True(summary.Code == 200, summary.ToString());
        var metrics = await server.Client.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("nlphost_backbone_run_duration", StringComparison.Ordinal) && l.Contains("le=\"0.005\"", StringComparison.Ordinal));
    }
}

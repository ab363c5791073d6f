using System.Text.Json;
using NlpHost.Tests.Infrastructure;
using NlpHost.Tests.Queue;

namespace NlpHost.Tests.Hardening;

/// <summary>
/// Broken shipped model files (temp copies: the repository's are never touched) make their task unavailable with the file
/// and the reason: <c>nlphost tasks</c> says UNAVAILABLE, <c>run</c> exits 4 without a stack trace, jobs fail once.
/// </summary>
[Collection(QueueHosts.Name)]
public sealed class ModelIntegrityTests(FixturePlugins fixtures) : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nlphost-models-" + Guid.NewGuid().ToString("N"))).FullName;

    public static TheoryData<string, string, string> Broken => new()
    {
        { "translate", "heads/translate-en-es/decoder_model_merged.onnx", "truncate" },
        { "translate", "heads/translate-en-es/target.spm", "corrupt" },
        { "spellcheck", "spellcheck/words.txt.gz", "truncate" },
        { "qa", "heads/qa-branch/head.onnx", "corrupt" },
        { "summarize", "heads/summarize-salience/head.onnx", "truncate" },
    };

    [Theory, MemberData(nameof(Broken))]
    public async Task A_broken_shipped_file_makes_its_task_unavailable_naming_the_file(string task, string file, string damage)
    {
        var models = Path.Combine(_root, "models");
        foreach (var folder in new[] { "heads", "spellcheck" })
        {
            CopyFolder(Path.Combine(BuildLayout.RepoRoot, "models", folder), Path.Combine(models, folder));
        }

        Damage(Path.Combine(models, file), damage);
        string[] config = ["--Plugins:ModelsPath", models, "--Backbone:ExecutionProvider", "cpu"];

        var tasks = await NlpHostProcess.RunAsync(["tasks", .. config]);
        Assert.True(tasks.ExitCode == 0, tasks.ToString());
        var line = tasks.StandardOutput.Split('\n').SkipWhile(l => !l.StartsWith(task + " ", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? "";
        Assert.True(line.Contains("UNAVAILABLE", StringComparison.Ordinal) && line.Contains(Path.GetFileName(file), StringComparison.Ordinal), tasks.ToString());

        var input = Path.Combine(_root, "input.json");
        await File.WriteAllTextAsync(input, task == "qa" ? """{"question":"Who?","context":"Ann came."}""" : """{"text":"Ann came home."}""");
        var run = await NlpHostProcess.RunAsync(["run", task, "--input", input, .. config]);
        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains(Path.GetFileName(file), run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_backbone_fails_jobs_once_and_health_names_it()
    {
        var backbone = Directory.CreateDirectory(Path.Combine(_root, "backbone")).FullName;
        foreach (var name in new[] { "model.onnx", "vocab.txt", "manifest.json" })
        {
            File.Copy(Path.Combine(BuildLayout.RepoRoot, "models", "backbone", name), Path.Combine(backbone, name));
        }

        Damage(Path.Combine(backbone, "model.onnx"), "truncate");
        await using var queue = QueueDeployment.Sqlite(fixtures);
        using var server = await queue.StartServerAsync(["--Backbone:ModelPath", Path.Combine(backbone, "model.onnx"), "--Backbone:VocabPath", Path.Combine(backbone, "vocab.txt")]);

        using var ready = await server.Client.GetAsync(new Uri("health/ready", UriKind.Relative));
        var health = await ready.Content.ReadAsStringAsync();
        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("model.onnx", JsonDocument.Parse(health).RootElement.GetProperty("components").GetProperty("backbone").GetProperty("description").GetString(), StringComparison.Ordinal);

        var id = await server.SubmitAsync(new { task = "sleep", input = new { marker = "needs-backbone" } });
        var job = (await server.WaitForFinalAsync([id], TimeSpan.FromSeconds(60)))[id];
        Assert.Equal(("failed", 1), (job.GetProperty("state").GetString(), job.GetProperty("attempts").GetInt32()));
        Assert.Contains("model.onnx", job.GetProperty("error").GetString(), StringComparison.Ordinal);

        var sync = await Http.PostAsync(server.Client, "v1/tasks/sleep/run", """{"input":{"marker":"sync"}}""");
        Assert.Equal(503, sync.Code);
        Assert.Contains("model.onnx", sync.Text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Damage(string path, string how)
    {
        var bytes = File.ReadAllBytes(path);
        if (how == "truncate")
        {
            File.WriteAllBytes(path, bytes[..(bytes.Length / 10)]);
            return;
        }

        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(path, bytes);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

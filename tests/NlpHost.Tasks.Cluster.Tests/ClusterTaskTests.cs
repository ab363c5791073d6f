using System.Text.Json;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Cluster;
using NlpHost.Tasks.Cluster.Evaluation;
using NlpHost.Testing;

namespace NlpHost.Tasks.Cluster.Tests;

public sealed class ClusterTaskTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    private static readonly (string Topic, string Text)[] Topics =
    [
        ("sport", "The striker scored twice as the home team won the league match."),
        ("sport", "The goalkeeper saved a penalty in the final minute of the cup tie."),
        ("sport", "The football coach blamed the defeat on tired legs in midfield."),
        ("sport", "She won the tennis final in straight sets to take the title."),
        ("sport", "The cyclist attacked on the last climb and won the stage of the race."),
        ("sport", "The basketball team came back from twenty points down to win the game."),
        ("cooking", "Whisk the eggs with sugar, fold in the flour and bake the cake."),
        ("cooking", "Simmer the tomatoes with garlic and basil for a rich pasta sauce."),
        ("cooking", "Season the chicken, roast it in a hot oven and rest it before carving."),
        ("cooking", "Knead the bread dough and let it rise until doubled in size."),
        ("cooking", "Fry the onions slowly in butter until they are soft and golden."),
        ("cooking", "Add a pinch of salt to the soup and stir in the cream before serving."),
        ("computers", "The new laptop has a faster processor and more memory."),
        ("computers", "Install the operating system update to patch the security flaw."),
        ("computers", "The graphics card driver crashes when the game starts."),
        ("computers", "Back up your files to cloud storage before formatting the hard disk."),
        ("computers", "The compiler reports an error on line ten of the source code."),
        ("computers", "Plug the keyboard into a USB port and restart the computer."),
    ];

    private readonly ClusterTask _task = new();

    [Fact]
    public async Task Obvious_topics_are_recovered_with_k_given()
    {
        var output = await RunAsync(Documents(), new { k = 3 });

        var ari = ClusteringMetrics.Compute(Topics.Select(t => t.Topic).ToList(), Labels(output)).Ari;
        Assert.True(ari > 0.6, $"ARI {ari:0.00} (chance is 0)");
    }

    [Fact]
    public async Task Agglomerative_clustering_recovers_obvious_topics()
    {
        var output = await RunAsync(Documents(), new { algorithm = "agglomerative", k = 3 });

        var ari = ClusteringMetrics.Compute(Topics.Select(t => t.Topic).ToList(), Labels(output)).Ari;
        Assert.True(ari > 0.6, $"ARI {ari:0.00}");
    }

    [Fact]
    public async Task Agglomerative_threshold_keeps_far_apart_documents_apart()
    {
        var documents = Enumerable.Range(0, 3).Select(i => new ClusterDocument($"same-{i}", "The same words again."))
            .Append(new ClusterDocument("odd", "Volcanic ash grounded flights across the region.")).ToList();

        var merged = await RunAsync(documents, new { algorithm = "agglomerative", distanceThreshold = 2.0 });
        var split = await RunAsync(documents, new { algorithm = "agglomerative", distanceThreshold = 0.1 });

        Assert.Single(merged.GetProperty("clusters").EnumerateArray());
        Assert.Equal([3, 1], split.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("size").GetInt32()));
    }

    [Fact]
    public async Task Obvious_topics_are_recovered_with_k_chosen_automatically()
    {
        var output = await RunAsync(Documents(), new { maxK = 8 });

        Assert.Equal(3, output.GetProperty("k").GetInt32());
        var ari = ClusteringMetrics.Compute(Topics.Select(t => t.Topic).ToList(), Labels(output)).Ari;
        Assert.True(ari > 0.8, $"ARI {ari:0.00}");
    }

    [Theory]
    [InlineData("kmeans")]
    [InlineData("agglomerative")]
    public async Task The_readme_sample_comes_back_as_its_three_topics(string algorithm)
    {
        var sample = ReadmeSample();

        var output = await RunAsync(sample, new { algorithm });

        var groups = output.GetProperty("clusters").EnumerateArray()
            .Select(c => c.GetProperty("members").EnumerateArray().Select(m => m.GetString()!.Split('-')[0]).Distinct().ToList()).ToList();
        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Single(g));
    }

    [Fact]
    public async Task A_jsonl_file_is_clustered_by_the_streaming_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cluster-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, ReadmeSample().Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text })));
        try
        {
            var input = JsonSerializer.SerializeToElement(new { path }, TaskJson.Options);
            var output = await _task.ExecuteAsync(new TaskRequest(input), backbone.Context(), CancellationToken.None);

            var groups = output.GetProperty("clusters").EnumerateArray()
                .Select(c => c.GetProperty("members").EnumerateArray().Select(m => m.GetString()!.Split('-')[0]).Distinct().ToList()).ToList();
            Assert.Equal(12, output.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()));
            Assert.Equal(3, groups.Count);
            Assert.All(groups, g => Assert.Single(g));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_jsonl_file_is_refused_naming_the_field()
    {
        var input = JsonSerializer.SerializeToElement(new { path = "/nonexistent/cluster.jsonl" }, TaskJson.Options);

        var error = await Assert.ThrowsAsync<TaskInputException>(() => _task.ExecuteAsync(new TaskRequest(input), backbone.Context(), CancellationToken.None));

        Assert.Equal("input.path", error.Field);
    }

    [Fact]
    public async Task Density_mode_recovers_obvious_topics()
    {
        var output = await RunAsync(Documents(), new { algorithm = "density", minClusterSize = 4, minSamples = 2 });

        Assert.Equal(3, output.GetProperty("k").GetInt32());
        Assert.True(output.GetProperty("outliers").GetArrayLength() <= 2, output.GetProperty("outliers").ToString());
        var ari = ClusteringMetrics.Compute(Topics.Select(t => t.Topic).ToList(), Labels(output)).Ari;
        Assert.True(ari > 0.7, $"ARI {ari:0.00}");
    }

    [Fact]
    public async Task Density_mode_reports_the_planted_noise_documents_as_outliers()
    {
        string[] noise =
        [
            "Volcanic ash from the eruption grounded flights across the region.",
            "The committee postponed its vote on the new parking regulations.",
            "Ancient manuscripts were restored in the monastery library.",
            "The bride wore her grandmother's lace veil at the wedding.",
        ];
        var (documents, _) = TemplatedTopics();
        documents.AddRange(noise.Select((t, i) => new ClusterDocument($"noise-{i}", t)));

        var output = await RunAsync(documents, new { algorithm = "density", minClusterSize = 5 });

        var outliers = output.GetProperty("outliers").EnumerateArray().Select(o => o.GetString()!).ToList();
        Assert.All(noise.Select((_, i) => $"noise-{i}"), n => Assert.Contains(n, outliers));
        Assert.True(outliers.Count <= noise.Length + 2, string.Join(", ", outliers));
        foreach (var cluster in output.GetProperty("clusters").EnumerateArray())
        {
            // Pure: every member of a density cluster is from one topic (templates make sub-topics; that is allowed).
            Assert.Single(cluster.GetProperty("members").EnumerateArray().Select(m => m.GetString()!.Split('-')[0]).Distinct());
        }
    }

    [Fact]
    public async Task Density_mode_can_give_outliers_to_their_nearest_cluster()
    {
        var documents = Documents().Append(new ClusterDocument("noise", "Volcanic ash from the eruption grounded flights across the region.")).ToList();

        var output = await RunAsync(documents, new { algorithm = "density", minClusterSize = 4, assignOutliers = true });

        Assert.Empty(output.GetProperty("outliers").EnumerateArray());
        Assert.Equal(documents.Count, output.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()));
    }

    [Fact]
    public async Task The_curve_of_the_criterion_is_reported_when_asked()
    {
        var output = await RunAsync(Documents(), new { maxK = 6, reportCurve = true });

        var selection = output.GetProperty("selection");
        Assert.Equal([2, 3, 4, 5, 6], selection.GetProperty("curve").EnumerateArray().Select(p => p.GetProperty("k").GetInt32()));
        Assert.Contains("first peak", selection.GetProperty("rule").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_with_tied_counts_are_not_alphabetical_filler()
    {
        // Every word of the README sample occurs once in its cluster: all c-TF-IDF scores in a cluster tie.
        var output = await RunAsync(ReadmeSample(), new { k = 3 });

        foreach (var cluster in output.GetProperty("clusters").EnumerateArray())
        {
            var keywords = cluster.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToList();
            Assert.Equal(5, keywords.Count);
            Assert.NotEqual(keywords.Order(StringComparer.Ordinal), keywords);
            Assert.Equal(keywords[0], cluster.GetProperty("label").GetString());
        }

        var labels = output.GetProperty("clusters").EnumerateArray().ToDictionary(
            c => c.GetProperty("members")[0].GetString()!.Split('-')[0], c => c.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToList());
        Assert.Contains(labels["sport"], k => k.Contains("goalkeeper", StringComparison.Ordinal) || k.Contains("striker", StringComparison.Ordinal) || k.Contains("football", StringComparison.Ordinal) || k.Contains("tennis", StringComparison.Ordinal));
        Assert.Contains(labels["cook"], k => k.Contains("bake", StringComparison.Ordinal) || k.Contains("bread", StringComparison.Ordinal) || k.Contains("pasta", StringComparison.Ordinal) || k.Contains("chicken", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"embeddingWeight":"NaN"}""", "options.embeddingWeight")]
    [InlineData("""{"distanceThreshold":"Infinity"}""", "options.distanceThreshold")]
    [InlineData("""{"minSamples":0}""", "options.minSamples")]
    [InlineData("""{"k":3,"distanceThreshold":0.5}""", "options.distanceThreshold")]
    [InlineData("""{"granularity":"huge"}""", "options")]
    public async Task Bad_options_are_refused_naming_the_field(string options, string field)
    {
        using var json = JsonDocument.Parse(options);
        var input = JsonSerializer.SerializeToElement(new ClusterInput(Documents()), TaskJson.Options);

        var error = await Assert.ThrowsAsync<TaskInputException>(() =>
            _task.ExecuteAsync(new TaskRequest(input, json.RootElement), backbone.Context(), CancellationToken.None));

        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hybrid_representation_recovers_topics_in_a_larger_set()
    {
        // 120 documents: enough for the TF-IDF + LSA half of the hybrid representation to switch on.
        var (documents, gold) = TemplatedTopics();

        var output = await RunAsync(documents, new { k = 3, representation = "hybrid" });

        var labels = new Dictionary<string, int>();
        foreach (var cluster in output.GetProperty("clusters").EnumerateArray())
        {
            foreach (var member in cluster.GetProperty("members").EnumerateArray())
            {
                labels[member.GetString()!] = cluster.GetProperty("id").GetInt32();
            }
        }

        var ari = ClusteringMetrics.Compute(gold, [.. documents.Select(d => labels[d.Id])]).Ari;
        Assert.True(ari > 0.6, $"ARI {ari:0.00}");
    }

    [Fact]
    public async Task Keywords_are_words_of_the_clusters_own_documents()
    {
        var documents = Documents();
        var output = await RunAsync(documents, new { k = 3 });

        foreach (var cluster in output.GetProperty("clusters").EnumerateArray())
        {
            var text = string.Join(' ', cluster.GetProperty("members").EnumerateArray()
                .Select(id => documents.Single(d => d.Id == id.GetString()).Text)).ToLowerInvariant();
            var keywords = cluster.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!).ToList();
            Assert.NotEmpty(keywords);
            Assert.All(keywords.SelectMany(k => k.Split(' ')), word => Assert.Contains(word, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Representatives_are_members_of_their_cluster()
    {
        var output = await RunAsync(Documents(), new { k = 3, representatives = 2 });

        foreach (var cluster in output.GetProperty("clusters").EnumerateArray())
        {
            var members = cluster.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ToHashSet();
            var representatives = cluster.GetProperty("representatives").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.Equal(Math.Min(2, members.Count), representatives.Count);
            Assert.All(representatives, r => Assert.Contains(r, members));
        }
    }

    [Fact]
    public async Task A_single_document_forms_one_cluster()
    {
        var output = await RunAsync([new ClusterDocument("only", "Just one document.")], null);

        var cluster = Assert.Single(output.GetProperty("clusters").EnumerateArray());
        Assert.Equal(["only"], cluster.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Duplicate_documents_land_together_and_cap_k()
    {
        var documents = Enumerable.Range(0, 4).Select(i => new ClusterDocument($"same-{i}", "The same words again."))
            .Append(new ClusterDocument("other", "Something else entirely about volcanoes.")).ToList();

        var output = await RunAsync(documents, new { k = 5 });

        Assert.Equal(2, output.GetProperty("k").GetInt32());
        var sizes = output.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("size").GetInt32()).ToList();
        Assert.Equal([4, 1], sizes);
    }

    [Fact]
    public async Task Clusters_below_the_minimum_size_become_outliers()
    {
        var documents = Enumerable.Range(0, 3).Select(i => new ClusterDocument($"same-{i}", "The same words again."))
            .Append(new ClusterDocument("odd", "Volcanic ash grounded flights across the region.")).ToList();

        var output = await RunAsync(documents, new { k = 2, minClusterSize = 2 });

        Assert.Contains("odd", output.GetProperty("outliers").EnumerateArray().Select(o => o.GetString()));
        Assert.All(output.GetProperty("clusters").EnumerateArray(), c => Assert.True(c.GetProperty("size").GetInt32() >= 2));
    }

    [Theory]
    [InlineData("""{"documents":[]}""", "input.documents")]
    [InlineData("""{"documents":[{"id":"1","text":5}]}""", "input.documents[0].text")]
    [InlineData("""{"documents":[{"id":"1"}]}""", "input.documents[0].text")]
    [InlineData("""{"documents":[{"id":"1","text":"a"},{"id":"1","text":"b"}]}""", "input.documents[1].id")]
    [InlineData("""{"docs":[]}""", "input")]
    public async Task Invalid_input_is_rejected_naming_the_field(string input, string field)
    {
        using var json = JsonDocument.Parse(input);

        var error = await Assert.ThrowsAsync<TaskInputException>(() =>
            _task.ExecuteAsync(new TaskRequest(json.RootElement), backbone.Context(), CancellationToken.None));

        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
    }

    private static (List<ClusterDocument> Documents, List<string> Gold) TemplatedTopics()
    {
        string[] subjects = ["The team", "Our captain", "The young striker", "The visiting side", "The coach's squad"];
        string[] sport = ["won the league match", "lost the cup final on penalties", "scored in extra time", "trained before the derby", "kept a clean sheet"];
        string[] cooks = ["The chef", "My grandmother", "The baker", "Our cook", "The pastry student"];
        string[] cooking = ["roasted the chicken with garlic", "baked bread with rye flour", "simmered a tomato sauce", "whisked eggs for the omelette", "fried onions in butter"];
        string[] users = ["The engineer", "My laptop", "The server admin", "Our developer", "The new phone"];
        string[] computing = ["installed the operating system update", "crashed after the driver upgrade", "compiled the source code", "backed up files to the cloud", "rebooted after the kernel patch"];
        var gold = new List<string>();
        var documents = new List<ClusterDocument>();
        foreach (var (topic, who, what) in new[] { ("sport", subjects, sport), ("cooking", cooks, cooking), ("computers", users, computing) })
        {
            for (var i = 0; i < 40; i++)
            {
                documents.Add(new ClusterDocument($"{topic}-{i}", $"{who[i % 5]} {what[(i / 5) % 5]} on day {i}."));
                gold.Add(topic);
            }
        }

        return (documents, gold);
    }

    private static List<ClusterDocument> ReadmeSample()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RealBackbone.RepoRoot, "samples", "cluster-topics.json")));
        return [.. json.RootElement.GetProperty("documents").EnumerateArray().Select(d => new ClusterDocument(d.GetProperty("id").GetString()!, d.GetProperty("text").GetString()!))];
    }

    private static List<ClusterDocument> Documents() => [.. Topics.Select((t, i) => new ClusterDocument($"d{i}", t.Text))];

    private static int[] Labels(JsonElement output)
    {
        var labels = new Dictionary<string, int>();
        foreach (var cluster in output.GetProperty("clusters").EnumerateArray())
        {
            foreach (var member in cluster.GetProperty("members").EnumerateArray())
            {
                labels[member.GetString()!] = cluster.GetProperty("id").GetInt32();
            }
        }

        return [.. Topics.Select((_, i) => labels.GetValueOrDefault($"d{i}", -1))];
    }

    private async Task<JsonElement> RunAsync(IReadOnlyList<ClusterDocument> documents, object? options)
    {
        var input = JsonSerializer.SerializeToElement(new ClusterInput(documents), TaskJson.Options);
        JsonElement? optionsJson = options is null ? null : JsonSerializer.SerializeToElement(options, TaskJson.Options);
        return await _task.ExecuteAsync(new TaskRequest(input, optionsJson), backbone.Context(), CancellationToken.None);
    }
}

using NlpHost.Tasks.Cluster.Evaluation;
using NlpHost.Tasks.Cluster.Streaming;

namespace NlpHost.Tasks.Cluster.Tests;

// The streaming path on synthetic embeddings (three topics, each a direction plus noise), so tens of thousands of
// documents run in a second; the real backbone is exercised through the task in ClusterTaskTests.
public sealed class StreamingClustererTests
{
    private static readonly StreamingLimits Small = new(ChunkSize: 256, SampleSize: 500, BatchSize: 256, Epochs: 2);

    [Fact]
    public async Task Memory_held_does_not_grow_with_the_number_of_documents()
    {
        var small = new StreamingClusterer(Embed, Small);
        var large = new StreamingClusterer(Embed, Small);

        await small.RunAsync(Documents(2_000), new ClusterOptions { K = 3 }, Embed, null, CancellationToken.None);
        await large.RunAsync(Documents(40_000), new ClusterOptions { K = 3 }, Embed, null, CancellationToken.None);

        // The bound: the reservoir sample plus one chunk or batch, whatever n is (the 1M command keeps 4,000 + 2,048).
        Assert.True(large.PeakVectorsHeld <= Small.SampleSize + Math.Max(Small.ChunkSize, Small.BatchSize), $"held {large.PeakVectorsHeld}");
        Assert.Equal(small.PeakVectorsHeld, large.PeakVectorsHeld);
    }

    [Fact]
    public async Task Streamed_topics_are_recovered_with_k_chosen_automatically()
    {
        var clusterer = new StreamingClusterer(Embed, Small);

        var (output, _) = await clusterer.RunAsync(Documents(6_000), new ClusterOptions(), Embed, null, CancellationToken.None);

        Assert.Equal(3, output.K);
        var labels = output.Clusters.SelectMany(c => c.Members.Select(m => (Id: m, c.Id))).ToDictionary(x => x.Id, x => x.Item2);
        var ids = Enumerable.Range(0, 6_000).Select(i => $"d{i}").ToList();
        var ari = ClusteringMetrics.Compute([.. ids.Select(id => Topic(int.Parse(id[1..])).ToString())], [.. ids.Select(id => labels[id])]).Ari;
        Assert.True(ari > 0.95, $"ARI {ari:0.000}");
        Assert.Equal(6_000, output.Clusters.Sum(c => c.Size));
    }

    [Fact]
    public async Task A_repeated_id_in_the_file_is_refused_with_its_line()
    {
        var clusterer = new StreamingClusterer(Embed, Small);
        var documents = Documents(10).Append(new ClusterDocument("d3", "again"));

        var error = await Assert.ThrowsAsync<NlpHost.Abstractions.Plugins.TaskInputException>(() =>
            clusterer.RunAsync(documents, new ClusterOptions { K = 2 }, Embed, null, CancellationToken.None));

        Assert.Equal("input.path line 11", error.Field);
    }

    private static int Topic(int i) => i % 3;

    private static async IAsyncEnumerable<ClusterDocument> Documents(int n)
    {
        string[] words = ["football match", "pasta sauce", "graphics card"];
        for (var i = 0; i < n; i++)
        {
            yield return new ClusterDocument($"d{i}", $"{words[Topic(i)]} note {i}");
        }

        await Task.CompletedTask;
    }

    // A text's topic is its first word: the vector is that topic's axis plus small noise seeded by the text.
    private static Task<float[][]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        Task.FromResult(texts.Select(text =>
        {
            var random = new Random(text.Aggregate(17, (h, c) => unchecked((h * 31) + c)) & 0x7fffffff);
            var vector = Enumerable.Range(0, 16).Select(_ => (float)(random.NextDouble() * 0.3)).ToArray();
            vector[text.StartsWith("football", StringComparison.Ordinal) ? 0 : text.StartsWith("pasta", StringComparison.Ordinal) ? 1 : 2] += 1;
            var norm = MathF.Sqrt(vector.Sum(x => x * x));
            return vector.Select(x => x / norm).ToArray();
        }).ToArray());
}

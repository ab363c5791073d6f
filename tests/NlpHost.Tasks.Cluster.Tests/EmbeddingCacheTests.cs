using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.PluginLoading.Settings;
using NlpHost.Tasks.Cluster.Evaluation;
using NlpHost.Testing;

namespace NlpHost.Tasks.Cluster.Tests;

/// <summary>The evaluation's embedding cache must never hand one backbone's numbers to another.</summary>
public sealed class EmbeddingCacheTests(RealBackbone backbone) : IClassFixture<RealBackbone>, IDisposable
{
    private static readonly string[] Texts = ["The striker scored twice.", "Whisk the eggs with sugar.", "The laptop has more memory."];

    private readonly string _folder = Directory.CreateTempSubdirectory("nlphost-embedding-cache-").FullName;

    [Fact]
    public async Task An_int8_backbone_does_not_reuse_fp32_embeddings()
    {
        await using var int8Services = RealBackbone.BuildServices(new Dictionary<string, string?> { ["Backbone:Precision"] = "int8" });
        var int8 = int8Services.GetRequiredService<IBackbone>();

        var fp32First = await EmbeddingCache.GetOrEmbedAsync(Texts, Context(backbone.Backbone), CancellationToken.None);
        Assert.Single(Directory.GetFiles(_folder));
        var quantized = await EmbeddingCache.GetOrEmbedAsync(Texts, Context(int8), CancellationToken.None);
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
        var fp32Again = await EmbeddingCache.GetOrEmbedAsync(Texts, Context(backbone.Backbone), CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(_folder).Length); // the fp32 run found its own file again
        Assert.Equal(fp32First, fp32Again);
        var direct = await int8.EmbedAsync(Texts, CancellationToken.None);
        Assert.Equal(direct, quantized); // what the int8 run got is int8's own numbers, not the cached fp32 ones
        Assert.NotEqual(fp32First, quantized);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TaskContext Context(IBackbone encoder)
    {
        var section = PluginSettings.Section("cluster", new Dictionary<string, string?> { ["EmbeddingCache"] = _folder });
        return new(encoder, section, new Dictionary<string, string>(), new Progress<TaskProgress>(), NullLogger.Instance, type => TaskSettingsBinder.Bind(type, section));
    }
}

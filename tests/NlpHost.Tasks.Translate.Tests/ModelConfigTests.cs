using NlpHost.Tasks.Translate.Models;

namespace NlpHost.Tasks.Translate.Tests;

public sealed class ModelConfigTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    [Fact]
    public void Head_manifest_may_nest_the_trainer_config_and_give_width_instead_of_head_size()
    {
        File.WriteAllText(_file, """{"bleu": 30.1, "config": {"vocab": 8000, "width": 256, "layers": 4, "heads": 4, "positions": 256}}""");

        var config = ModelConfig.ForHead(_file, maxSourcePositions: 256);

        Assert.Equal((2, 3, 0, 1), (config.Start, config.End, config.Pad, config.Unknown));
        Assert.Equal((4, 64, 256), (config.Heads, config.HeadDim, config.MaxTargetPositions));
    }

    [Fact]
    public void Marian_config_gives_special_tokens_geometry_and_positions()
    {
        var config = ModelConfig.ForExport(Path.Combine(TinyModels.Marian, "config.json"), new Dictionary<string, int> { ["<unk>"] = 1 });

        Assert.Equal((186, 0, 186, 1), (config.Start, config.End, config.Pad, config.Unknown));
        Assert.Equal((2, 8, 64, 64), (config.Heads, config.HeadDim, config.MaxSourcePositions, config.MaxTargetPositions));
    }

    public void Dispose() => File.Delete(_file);
}

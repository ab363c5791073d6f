using NlpHost.Abstractions.Backbone;

using NlpHost.Testing;

namespace NlpHost.Inference.Tests;

public sealed class OnnxModelTests(RealBackbone fixture) : IClassFixture<RealBackbone>
{
    [Fact]
    public async Task Opened_model_is_cached_and_matches_the_backbone()
    {
        var model = fixture.Backbone.OpenModel("models/backbone/model.onnx");
        Assert.Same(model, fixture.Backbone.OpenModel(Path.Combine(RealBackbone.RepoRoot, "models/backbone/model.onnx")));

        int[] ids = [101, 7592, 2088, 102];
        var outputs = await model.RunAsync(
            new Dictionary<string, ModelTensor>
            {
                ["input_ids"] = new Int64Tensor([.. ids.Select(i => (long)i)], [1, 4]),
                ["attention_mask"] = new Int64Tensor([1, 1, 1, 1], [1, 4]),
                ["token_type_ids"] = new Int64Tensor([0, 0, 0, 0], [1, 4]),
            },
            CancellationToken.None);
        var hidden = Assert.IsType<FloatTensor>(outputs["last_hidden_state"]);
        var expected = (await fixture.Backbone.EncodeAsync([new(ids)], CancellationToken.None))[0];

        Assert.Equal([1, 4, 384], hidden.Shape);
        Assert.True(hidden.Data.Zip(expected.Data, (a, b) => MathF.Abs(a - b)).Max() < 1e-4f);
    }

    [Fact]
    public async Task Missing_inputs_and_files_fail_with_clear_messages()
    {
        Assert.Throws<FileNotFoundException>(() => fixture.Backbone.OpenModel("models/heads/none.onnx"));
        var model = fixture.Backbone.OpenModel("models/backbone/model.onnx");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => model.RunAsync(new Dictionary<string, ModelTensor>(), CancellationToken.None));
        Assert.Contains("input_ids", error.Message);
    }

    [Fact]
    public async Task Bool_inputs_zero_length_tensors_and_declared_shapes_work()
    {
        // A Marian-like merged decoder (If on use_cache_branch), built by the translation tests' fixture script.
        var model = fixture.Backbone.OpenModel(Path.Combine(RealBackbone.RepoRoot, "tests/NlpHost.Tasks.Translate.Tests/Fixtures/tiny-marian/decoder_model_merged.onnx"));
        var shapes = Assert.IsAssignableFrom<IOnnxModelMetadata>(model).InputShapes;
        Assert.Equal([-1, 2, -1, 8], shapes["past_key_values.0.decoder.key"]);
        Assert.Equal([1], shapes["use_cache_branch"]);

        var inputs = new Dictionary<string, ModelTensor>
        {
            ["input_ids"] = new Int64Tensor([186], [1, 1]),
            ["encoder_hidden_states"] = new FloatTensor(new float[3 * 16], [1, 3, 16]),
            ["encoder_attention_mask"] = new Int64Tensor([1, 1, 1], [1, 3]),
            ["use_cache_branch"] = new BoolTensor([false], [1]),
        };
        foreach (var name in model.InputNames.Where(n => n.StartsWith("past_key_values.", StringComparison.Ordinal)))
        {
            inputs[name] = new FloatTensor([], [1, 2, 0, 8]);
        }

        var outputs = await model.RunAsync(inputs, CancellationToken.None);

        Assert.Equal([1, 1, 187], outputs["logits"].Shape);
        Assert.Equal([1, 2, 1, 8], outputs["present.0.decoder.key"].Shape);
        Assert.Equal([1, 2, 3, 8], outputs["present.1.encoder.value"].Shape);

        // The cached branch passes its (here empty) encoder pasts through: zero-length outputs come back too.
        inputs["use_cache_branch"] = new BoolTensor([true], [1]);
        inputs["encoder_attention_mask"] = new Int64Tensor([], [1, 0]);
        var cached = await model.RunAsync(inputs, CancellationToken.None);
        Assert.Equal([1, 2, 0, 8], cached["present.0.encoder.key"].Shape);
        Assert.Empty(((FloatTensor)cached["present.0.encoder.key"]).Data);
    }
}

using NlpHost.Abstractions.Backbone;

namespace NlpHost.Inference.Tests;

public sealed class OnnxModelTests(BackboneFixture fixture) : IClassFixture<BackboneFixture>
{
    [Fact]
    public async Task Opened_model_is_cached_and_matches_the_backbone()
    {
        var model = fixture.Backbone.OpenModel("models/backbone/model.onnx");
        Assert.Same(model, fixture.Backbone.OpenModel(Path.Combine(BackboneFixture.RepoRoot, "models/backbone/model.onnx")));

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
}

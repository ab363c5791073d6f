using Microsoft.ML.OnnxRuntime;
using NlpHost.Abstractions.Backbone;

using NlpHost.Testing;

namespace NlpHost.Inference.Tests;

/// <summary>
/// Contract 1.3: the backbone runs a graph derived from the shipped model with every intermediate layer as an extra
/// output. These tests hold it to what the issue asks: the last layer and the embeddings are those of the shipped
/// graph run as it is (within 1e-6), and an intermediate layer comes out of the same batched run as the last one.
/// (That the intermediate layer equals the PyTorch copy's is checked against the QA branch head's parity sample in
/// the QA tests.)
/// </summary>
public sealed class LayeredBackboneTests(RealBackbone fixture) : IClassFixture<RealBackbone>
{
    private static readonly string[] Texts =
    [
        "Where is the train station?",
        "Zoë met Ünal at the Café Crème 😀 in\r\nSão Paulo in 1999, and the answer is naïve résumé writing.",
        string.Join(' ', Enumerable.Repeat("A rather long sentence that keeps going and going.", 12)),
    ];

    private ILayeredBackbone Layered => Assert.IsAssignableFrom<ILayeredBackbone>(fixture.Backbone);

    [Fact]
    public void The_default_model_exposes_all_six_layers()
    {
        Assert.Equal(6, Layered.LayerCount);
    }

    [Fact]
    public async Task Last_layer_and_embeddings_equal_the_shipped_graph_run_as_it_is_within_1e_6()
    {
        var inputs = Texts.Select(t => new EncoderInput([fixture.Backbone.Info.ClsTokenId, .. fixture.Backbone.Tokenize(t).Ids.Take(200), fixture.Backbone.Info.SepTokenId])).ToList();
        using var plain = new InferenceSession(Path.Combine(RealBackbone.RepoRoot, "models", "backbone", "model.onnx"));

        var states = await fixture.Backbone.EncodeAsync(inputs, CancellationToken.None);
        var layered = await Layered.EncodeLayerAsync(inputs, 3, CancellationToken.None);
        var embeddings = await fixture.Backbone.EmbedAsync(Texts, CancellationToken.None);

        for (var i = 0; i < inputs.Count; i++)
        {
            var expected = RunPlain(plain, inputs[i].Ids);
            AssertClose(expected, states[i].Data, 1e-6f, $"last layer of text {i}");
            AssertClose(expected, layered[i].Last.Data, 1e-6f, $"last layer beside layer 3, text {i}");
            var tokens = inputs[i].Ids.Length;
            var pooled = new float[384];
            for (var t = 0; t < tokens; t++)
            {
                for (var d = 0; d < 384; d++)
                {
                    pooled[d] += expected[t * 384 + d] / tokens;
                }
            }

            var norm = MathF.Sqrt(pooled.Sum(x => x * x));
            AssertClose([.. pooled.Select(x => x / norm)], embeddings[i], 1e-6f, $"embedding of text {i}");
        }
    }

    [Fact]
    public async Task An_intermediate_layer_is_the_same_alone_or_in_a_padded_batch_and_the_last_layer_is_layer_6()
    {
        var inputs = Texts.Select(t => new EncoderInput([fixture.Backbone.Info.ClsTokenId, .. fixture.Backbone.Tokenize(t).Ids.Take(200), fixture.Backbone.Info.SepTokenId])).ToList();

        var batch = await Layered.EncodeLayerAsync(inputs, 3, CancellationToken.None);
        var six = await Layered.EncodeLayerAsync(inputs, 6, CancellationToken.None);

        for (var i = 0; i < inputs.Count; i++)
        {
            var alone = (await Layered.EncodeLayerAsync([inputs[i]], 3, CancellationToken.None))[0];
            AssertClose(alone.Layer.Data, batch[i].Layer.Data, 1e-4f, $"layer 3 of text {i}");
            Assert.Equal(inputs[i].Ids.Length, batch[i].Layer.Length);
            AssertClose(six[i].Last.Data, six[i].Layer.Data, 0f, $"layer 6 of text {i}");
            Assert.True(batch[i].Layer.Data.Zip(batch[i].Last.Data, (a, b) => MathF.Abs(a - b)).Max() > 0.1f, "layer 3 is not the last layer");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task A_layer_the_model_does_not_have_is_refused(int layer)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Layered.EncodeLayerAsync([new EncoderInput([101, 102])], layer, CancellationToken.None));

        Assert.Contains("1 to 6", error.Message, StringComparison.Ordinal);
    }

    private static float[] RunPlain(InferenceSession session, int[] ids)
    {
        var shape = new long[] { 1, ids.Length };
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var options = new RunOptions();
        using var outputs = session.Run(options, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (a, b) => MathF.Abs(a - b)).Max();
        Assert.True(worst <= tolerance, $"{what}: max |difference| {worst:e2} > {tolerance:e0}");
    }
}

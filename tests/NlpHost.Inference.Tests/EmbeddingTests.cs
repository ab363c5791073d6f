using NlpHost.Testing;

namespace NlpHost.Inference.Tests;

public sealed class EmbeddingTests(RealBackbone fixture) : IClassFixture<RealBackbone>
{
    private static readonly string[] Varied =
    [
        "Hi.",
        "The quick brown fox jumps over the lazy dog near the river bank on a sunny afternoon.",
        "Tom bought a new car yesterday.",
        "Where is the train station?",
        string.Join(' ', Enumerable.Repeat("A rather long sentence that keeps going and going.", 12)),
    ];

    [Fact]
    public async Task Paraphrases_rank_above_unrelated_sentences()
    {
        var v = await fixture.Backbone.EmbedAsync(
            ["A man is playing a guitar.", "Someone plays the guitar.", "The stock market fell sharply today.", "Shares dropped steeply on Wall Street."],
            CancellationToken.None);

        Assert.True(RealBackbone.Cosine(v[0], v[1]) > RealBackbone.Cosine(v[0], v[2]) + 0.3f);
        Assert.True(RealBackbone.Cosine(v[2], v[3]) > RealBackbone.Cosine(v[2], v[1]) + 0.3f);
        Assert.All(v, e => Assert.Equal(1f, MathF.Sqrt(e.Sum(x => x * x)), 3));
        Assert.Equal(fixture.Backbone.Info.HiddenSize, v[0].Length);
    }

    [Fact]
    public async Task Same_text_gives_the_same_vector_alone_or_in_a_padded_batch()
    {
        var batch = await fixture.Backbone.EmbedAsync(Varied, CancellationToken.None);
        for (var i = 0; i < Varied.Length; i++)
        {
            var alone = (await fixture.Backbone.EmbedAsync([Varied[i]], CancellationToken.None))[0];
            Assert.True(alone.Zip(batch[i], (a, b) => MathF.Abs(a - b)).Max() < 1e-4f, $"sentence {i} differs");
        }
    }

    [Fact]
    public async Task Many_concurrent_callers_each_get_their_own_embedding()
    {
        var expected = await fixture.Backbone.EmbedAsync(Varied, CancellationToken.None);
        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Yield();
            var index = i % Varied.Length;
            return (index, vector: (await fixture.Backbone.EmbedAsync([Varied[index]], CancellationToken.None))[0]);
        });

        foreach (var (index, vector) in await Task.WhenAll(calls))
        {
            Assert.True(vector.Zip(expected[index], (a, b) => MathF.Abs(a - b)).Max() < 1e-4f);
        }
    }

    [Fact]
    public async Task A_cancelled_request_is_dropped_and_others_complete()
    {
        using var cancel = new CancellationTokenSource();
        var many = Enumerable.Repeat(Varied[4], 256).ToArray();
        var doomed = fixture.Backbone.EmbedAsync(many, cancel.Token);
        var survivor = fixture.Backbone.EmbedAsync([Varied[2]], CancellationToken.None);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomed);
        var expected = (await fixture.Backbone.EmbedAsync([Varied[2]], CancellationToken.None))[0];
        Assert.True((await survivor)[0].Zip(expected, (a, b) => MathF.Abs(a - b)).Max() < 1e-4f);
    }

    [Fact]
    public async Task Encode_returns_one_hidden_state_per_token()
    {
        var states = await fixture.Backbone.EncodeAsync([new([101, 7592, 102]), new([101, 7592, 2088, 102], [0, 0, 1, 1])], CancellationToken.None);

        Assert.Equal([3, 4], states.Select(s => s.Length));
        Assert.All(states, s => Assert.Equal(fixture.Backbone.Info.HiddenSize, s.Size));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Backbone.EncodeAsync([new(new int[600])], CancellationToken.None));
    }
}

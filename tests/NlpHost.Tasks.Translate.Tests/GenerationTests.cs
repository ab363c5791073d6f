using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Translate.Generation;
using NlpHost.Tasks.Translate.Models;
using NlpHost.Testing;

namespace NlpHost.Tasks.Translate.Tests;

/// <summary>The generation loop on the tiny random models: parity with torch, cache equivalence, beam vs greedy.</summary>
public sealed class GenerationTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    [Fact]
    public async Task Marian_layout_export_reproduces_torch_greedy_ids_exactly()
    {
        var marian = Model.Marian(backbone.Backbone);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(TinyModels.Marian, "expected.json")));
        var maxNew = expected.RootElement.GetProperty("maxNewTokens").GetInt32();

        foreach (var item in expected.RootElement.GetProperty("cases").EnumerateArray())
        {
            var source = marian.Encoder.Prepare(item.GetProperty("source").GetString()!);
            Assert.Equal(Ints(item, "sourceIds"), source.Ids);

            var ids = await marian.GenerateAsync(source, new GenerationSettings(1, 1.0, 0), maxNew);

            Assert.Equal(Ints(item, "greedyIds").TakeWhile(t => t != marian.Tokens.End), ids);
        }
    }

    [Theory]
    [InlineData("head", 1)]
    [InlineData("head", 3)]
    [InlineData("marian", 1)]
    [InlineData("marian", 3)]
    public async Task Cached_generation_equals_recomputing_the_prefix_every_step(string kind, int beams)
    {
        var model = kind == "head" ? Model.Head(backbone.Backbone) : Model.Marian(backbone.Backbone);
        string[] texts = ["I lied.", "Tom is not here today, but he will come tomorrow."];
        var sources = texts.Select(model.Encoder.Prepare).ToList();

        var cached = await model.GenerateAsync(sources, new GenerationSettings(beams, 1.0, 3), 12);
        var uncached = await model.GenerateAsync(sources, new GenerationSettings(beams, 1.0, 3, UseCache: false), 12);

        Assert.Equal(cached, uncached);
        Assert.All(cached, ids => Assert.NotEmpty(ids));
    }

    [Fact]
    public async Task Beam_search_finds_a_translation_at_least_as_probable_as_greedy()
    {
        var model = Model.Head(backbone.Backbone);
        foreach (var text in new[] { "I lied.", "Hurry up, please!", "Where is the station?" })
        {
            var source = model.Encoder.Prepare(text);
            var greedy = await model.GenerateAsync(source, new GenerationSettings(1, 0, 0), 10);
            var beam = await model.GenerateAsync(source, new GenerationSettings(4, 0, 0), 10);

            Assert.True(await model.LogProbabilityAsync(source, beam, 10) >= await model.LogProbabilityAsync(source, greedy, 10) - 1e-4);
        }
    }

    [Fact]
    public async Task Batched_sentences_get_the_same_ids_as_alone()
    {
        var model = Model.Head(backbone.Backbone);
        var sources = new[] { "Hi.", "The weather is nice today and we are going to the beach.", "Stop!" }.Select(model.Encoder.Prepare).ToList();

        var together = await model.GenerateAsync(sources, new GenerationSettings(2, 1.0, 3), 8);

        for (var i = 0; i < sources.Count; i++)
        {
            Assert.Equal(together[i], (await model.GenerateAsync([sources[i]], new GenerationSettings(2, 1.0, 3), 8))[0]);
        }
    }

    [Fact]
    public void Repetition_guard_bans_the_token_that_would_repeat_a_trigram()
    {
        var scores = new float[10];

        NoRepeatNgram.Ban([5, 6, 7, 5, 6], 3, scores);

        Assert.Equal(float.NegativeInfinity, scores[7]);
        Assert.Equal(1, scores.Count(float.IsNegativeInfinity));
    }

    private static int[] Ints(JsonElement item, string name) => [.. item.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];

    /// <summary>A tiny model's parts, wired as the plugin wires them, with direct access to the ids.</summary>
    private sealed record Model(ISourceEncoder Encoder, DecoderModel Decoder, SpecialTokens Tokens)
    {
        public static Model Head(IBackbone backbone)
        {
            var config = ModelConfig.ForHead(Path.Combine(TinyModels.Head, "manifest.json"), backbone.Info.MaxSequenceLength);
            var decoder = new DecoderModel(backbone.OpenModel(Path.Combine(TinyModels.Head, "decoder_model_merged.onnx")), config.Heads, config.HeadDim);
            return new Model(new BackboneSourceEncoder(backbone), decoder, new SpecialTokens(config.Start, config.End, config.Pad));
        }

        public static Model Marian(IBackbone backbone)
        {
            var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(TinyModels.Marian, "vocab.json")))!;
            var config = ModelConfig.ForExport(Path.Combine(TinyModels.Marian, "config.json"), vocabulary);
            var source = SentencePieceVocabulary.Load(Path.Combine(TinyModels.Marian, "source.spm"), vocabulary, []);
            var encoder = new MarianSourceEncoder(backbone.OpenModel(Path.Combine(TinyModels.Marian, "encoder_model.onnx")), source, config);
            var decoder = new DecoderModel(backbone.OpenModel(Path.Combine(TinyModels.Marian, "decoder_model_merged.onnx")), config.Heads, config.HeadDim);
            return new Model(encoder, decoder, new SpecialTokens(config.Start, config.End, config.Pad));
        }

        public async Task<int[]> GenerateAsync(SourceSentence source, GenerationSettings settings, int maxNew) =>
            (await GenerateAsync([source], settings, maxNew))[0];

        public async Task<int[][]> GenerateAsync(IReadOnlyList<SourceSentence> sources, GenerationSettings settings, int maxNew)
        {
            var states = await Encoder.EncodeAsync(sources, CancellationToken.None);
            var best = await BeamSearch.RunAsync(Decoder, [.. states.Select(s => new SearchInput(s, maxNew, CancellationToken.None))], settings, Tokens, CancellationToken.None);
            return [.. best.Select(h => h.Tokens)];
        }

        /// <summary>Sum of the log-probabilities of <paramref name="ids"/>, plus the end token's when it ended before the budget.</summary>
        public async Task<double> LogProbabilityAsync(SourceSentence source, int[] ids, int maxNew)
        {
            var states = await Encoder.EncodeAsync([source], CancellationToken.None);
            var encoder = EncoderRows.Build(states, [0], 1, states[0].Length);
            var cache = DecoderCache.Empty(1, Decoder.Layers, Decoder.Heads, Decoder.HeadDim);
            var total = 0.0;
            var previous = Tokens.Start;
            foreach (var next in ids.Length < maxNew ? [.. ids, Tokens.End] : ids)
            {
                var step = await Decoder.RunAsync([previous], 1, encoder, cache, CancellationToken.None);
                var max = step.Logits.Max();
                total += step.Logits[next] - max - Math.Log(step.Logits.Sum(v => Math.Exp(v - max)));
                (previous, cache) = (next, step.Cache);
            }

            return total;
        }
    }
}

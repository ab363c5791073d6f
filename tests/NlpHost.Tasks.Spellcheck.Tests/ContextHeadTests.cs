using System.Numerics.Tensors;
using System.Text.Json;
using NlpHost.Abstractions.Backbone;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Spellcheck.Context;
using NlpHost.Tasks.Spellcheck.Correction;
using NlpHost.Testing;

namespace NlpHost.Tasks.Spellcheck.Tests;

/// <summary>The committed context head (models/heads/spellcheck-context) on the real backbone, and the rows it reads.</summary>
public sealed class ContextHeadTests(RealBackbone backbone, SpellcheckModelFixture fixture) : IClassFixture<RealBackbone>, IClassFixture<SpellcheckModelFixture>
{
    private static readonly string HeadDirectory = Path.GetDirectoryName(SpellcheckModelFixture.ContextHeadPath)!;
    private static readonly SpellcheckModelCache Models = new();

    [Fact]
    public async Task Exported_head_matches_the_training_framework_within_1e_4()
    {
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "parity.json")));
        var rows = expected.RootElement.GetProperty("rows").GetInt32();
        var data = await HeadParity.ReadFloatsAsync(Path.Combine(HeadDirectory, "parity-rows.f32"));

        var logits = await new ContextHead(backbone.Backbone.OpenModel(SpellcheckModelFixture.ContextHeadPath)).LogitsAsync(data, rows, CancellationToken.None);

        HeadParity.AssertClose(HeadParity.Floats(expected.RootElement.GetProperty("logits")), logits, 1e-4f, "logits");
    }

    [Fact]
    public async Task Manifest_width_is_the_width_the_task_builds()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(HeadDirectory, "manifest.json")));

        Assert.Equal(Builder().Width, manifest.RootElement.GetProperty("input").GetProperty("shape")[1].GetInt32());
    }

    [Fact]
    public async Task A_row_holds_the_word_state_in_its_sentence_the_candidate_embedding_and_the_features()
    {
        const string text = "We saw there dgo. It ran.";
        var plan = fixture.Corrector.Plan(text, new SpellcheckOptions(), realWords: true);
        var builder = Builder();

        var rows = await builder.BuildAsync(plan, CancellationToken.None);

        var hidden = backbone.Backbone.Info.HiddenSize;
        var dog = plan.Suspects.Single(s => s.Original == "dgo");
        var row = rows[plan.Suspects.IndexOf(dog)];
        Assert.Equal(Math.Min(8, dog.Candidates.Count), row.Count);
        Assert.True(row.HasContext);

        // The word's state: the mean of its pieces' hidden states, the sentence (not the next one) encoded alone.
        var window = "We saw there dgo";
        var pieces = backbone.Backbone.Tokenize(window);
        var info = backbone.Backbone.Info;
        var states = (await backbone.Backbone.EncodeAsync([new EncoderInput([info.ClsTokenId, .. pieces.Ids, info.SepTokenId])], CancellationToken.None))[0];
        var inside = Enumerable.Range(0, pieces.Count).Where(p => pieces.Spans[p].Start >= window.IndexOf("dgo", StringComparison.Ordinal)).ToList();
        var expected = new float[hidden];
        foreach (var p in inside)
        {
            TensorPrimitives.Add(expected, states.Token(p + 1), expected);
        }

        TensorPrimitives.Divide(expected, inside.Count, expected);
        HeadParity.AssertClose(expected, row.Rows.AsSpan(0, hidden), 1e-4f, "word state");

        var candidate = (await backbone.Backbone.EmbedAsync([dog.Candidates[1].Text], CancellationToken.None))[0];
        HeadParity.AssertClose(candidate, row.Rows.AsSpan(builder.Width + hidden, hidden), 1e-4f, "candidate embedding");
        Assert.Equal(0, row.Rows[(2 * hidden) + 6]); // not the typed word

        // A confusable word's rows hold the typed word too, flagged as such.
        var there = plan.Suspects.Single(s => s.Original == "there");
        var set = rows[plan.Suspects.IndexOf(there)];
        Assert.Equal(there.Candidates.Count, set.Count);
        Assert.Equal(1, set.Rows[(there.TypedIndex * builder.Width) + (2 * hidden) + 6]);
        Assert.Equal(1, set.Rows[(there.TypedIndex * builder.Width) + (2 * hidden) + 8]);
    }

    [Theory]
    [InlineData("Their is a problem with the engine.", "There is a problem with the engine.")]
    [InlineData("He said he would loose the game.", "He said he would lose the game.")]
    [InlineData("The lazy dog slept inthe garden.", "The lazy dog slept in the garden.")]
    [InlineData("She is much taller then her brother.", "She is much taller than her brother.")]
    [InlineData("I would like a cup of cofee and a peice of cake.", "I would like a cup of coffee and a piece of cake.")]
    public async Task With_the_head_misspellings_and_real_word_errors_are_corrected_in_context(string text, string expected)
    {
        Assert.Equal(expected, await CorrectAsync(text, new SpellcheckOptions()));
    }

    [Theory]
    [InlineData("I think their house is over there, near the river.")]
    [InlineData("It is better than it was back then.")]
    [InlineData("I always lose my keys when my pocket is loose.")]
    [InlineData("The weather will decide whether we go to the beach.")]
    [InlineData("The principal explained the principle behind the rule.")]
    [InlineData("We walked to the shop, and my brother came too.")]
    public async Task With_the_head_correct_text_comes_back_unchanged(string text)
    {
        Assert.Equal(text, await CorrectAsync(text, new SpellcheckOptions()));
    }

    [Fact]
    public async Task A_word_alone_keeps_the_noisy_channels_choice_and_alternatives()
    {
        string[] words = ["acheive", "accomodate", "beleive", "definately", "seperate", "occured", "untill", "wich", "tommorow",
            "neccessary", "goverment", "enviroment", "arguement", "begining", "calender", "concious", "existance", "foriegn", "independant", "thier"];
        var corrector = Corrector();
        var options = new SpellcheckOptions { Alternatives = 4 };

        foreach (var word in words)
        {
            var withHead = await corrector.CorrectAsync(word, options, CancellationToken.None);
            var channel = corrector.Correct(word, options);
            Assert.Equal(channel.Text, withHead.Text);
            Assert.Equal(channel.Corrections.SelectMany(c => c.Alternatives), withHead.Corrections.SelectMany(c => c.Alternatives));
        }
    }

    [Fact]
    public async Task A_long_text_is_scored_in_chunks_with_every_correction_at_its_offset()
    {
        // 300 questioned words, more than two chunks of the scorer, each sentence with its own misspelling.
        string[] typos = ["cofee", "gardn", "brwon", "beleive", "tomorow"];
        string[] meant = ["coffee", "garden", "brown", "believe", "tomorrow"];
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => $"Sentence {i} has the word {typos[i % 5]} in it. "));

        var output = await Corrector().CorrectAsync(text, new SpellcheckOptions(), CancellationToken.None);

        Assert.Equal(300, output.Corrections.Count);
        for (var i = 0; i < 300; i++)
        {
            var correction = output.Corrections[i];
            Assert.Equal(text.IndexOf($"Sentence {i} has", StringComparison.Ordinal) + $"Sentence {i} has the word ".Length, correction.Start);
            Assert.Equal(typos[i % 5], correction.Original);
            Assert.Equal(meant[i % 5], correction.Replacement);
        }
    }

    [Fact]
    public async Task A_long_token_before_the_word_does_not_push_it_out_of_the_backbones_window()
    {
        const string plain = "I think teh car is red.";
        var url = "https://example.com/" + string.Concat(Enumerable.Repeat("a/", 300));

        var withUrl = await CorrectAsync($"I think {url} teh car is red.", new SpellcheckOptions());

        Assert.Equal("I think the car is red.", await CorrectAsync(plain, new SpellcheckOptions()));
        Assert.Equal($"I think {url} the car is red.", withUrl);
    }

    [Theory]
    [InlineData("RealWordThreshold", "NaN")]
    [InlineData("RealWordThreshold", "1.5")]
    [InlineData("ContextCandidates", "2.9")]
    [InlineData("ContextWindowWords", "0")]
    public void Context_settings_outside_their_range_are_refused_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<TaskConfigurationException>(() => PluginSettings.Bind<SpellcheckSettings>("spellcheck", (key, value)));

        Assert.Equal($"Plugins:spellcheck:{key}", error.Key);
    }

    [Fact]
    public async Task Real_words_are_left_alone_when_the_job_says_so()
    {
        const string text = "He said he would loose the game.";

        Assert.Equal(text, await CorrectAsync(text, new SpellcheckOptions { RealWords = false }));
        Assert.Equal(text, await CorrectAsync(text, new SpellcheckOptions { Context = false }));
    }

    private ContextRowBuilder Builder() => new(backbone.Backbone, new CandidateEmbeddings(backbone.Backbone), new SpellcheckSettings().Context());

    private async Task<string> CorrectAsync(string text, SpellcheckOptions options) =>
        (await Corrector().CorrectAsync(text, options, CancellationToken.None)).Text;

    private Corrector Corrector()
    {
        var context = backbone.Context(heads: new Dictionary<string, string>
        {
            ["lexicon"] = SpellcheckModelFixture.LexiconPath,
            ["bigrams"] = SpellcheckModelFixture.BigramPath,
            ["confusables"] = SpellcheckModelFixture.ConfusablesPath,
            ["context"] = SpellcheckModelFixture.ContextHeadPath,
        });
        var corrector = new SpellcheckTask(Models).CreateCorrector(context);
        Assert.True(corrector.HasContextHead);
        return corrector;
    }
}

using NlpHost.Tasks.Spellcheck.Lexicon;

namespace NlpHost.Tasks.Spellcheck.Tests;

public sealed class ConfusionSetsTests
{
    private static readonly WordLexicon Lexicon = WordLexicon.FromCounts(["to", "too", "two", "their", "there", "then"], [100, 50, 40, 30, 30, 20]);

    [Fact]
    public void A_word_is_confused_with_every_member_of_its_sets_and_itself()
    {
        var sets = ConfusionSets.Parse(["to too", "too two # comment", "their there they're"], Lexicon);

        Assert.Equal(Ids("to", "too", "two"), Sorted(sets.Members(Id("too"))));
        Assert.Equal(Ids("to", "too"), Sorted(sets.Members(Id("to"))));
        Assert.Equal(Ids("their", "there"), Sorted(sets.Members(Id("their"))));
    }

    [Fact]
    public void Unknown_words_and_sets_left_with_one_word_are_dropped()
    {
        var sets = ConfusionSets.Parse(["then thenn", "# only a comment", ""], Lexicon);

        Assert.Equal(0, sets.Count);
        Assert.Null(sets.Members(Id("then")));
    }

    [Fact]
    public void The_committed_sets_cover_the_classic_confusions()
    {
        var model = SpellcheckModel.Load(SpellcheckModelFixture.LexiconPath, null, SpellcheckModelFixture.ConfusablesPath);

        foreach (var (word, other) in new[] { ("their", "there"), ("than", "then"), ("lose", "loose"), ("affect", "effect"), ("to", "too") })
        {
            Assert.True(model.Lexicon.TryGetId(word, out var id));
            Assert.True(model.Lexicon.TryGetId(other, out var otherId));
            Assert.Contains(otherId, model.Confusables.Members(id) ?? []);
        }

        // Left out on purpose: the bigram list has no contractions, so they would never have context evidence.
        Assert.True(model.Lexicon.TryGetId("it's", out var contraction));
        Assert.Null(model.Confusables.Members(contraction));
    }

    private static int Id(string word) => Lexicon.TryGetId(word, out var id) ? id : -1;

    private static int[] Ids(params string[] words) => [.. words.Select(Id).Order()];

    private static int[] Sorted(int[]? ids) => [.. (ids ?? []).Order()];
}

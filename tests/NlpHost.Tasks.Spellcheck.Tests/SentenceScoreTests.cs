using NlpHost.Tasks.Spellcheck.Evaluation;

namespace NlpHost.Tasks.Spellcheck.Tests;

public sealed class SentenceScoreTests
{
    [Fact]
    public void Errors_fixed_and_false_alarms_are_counted_word_by_word()
    {
        var score = SentenceScore.Of("I saw there dgo at home", "I saw their dog at home", "I saw their dog at hme");

        Assert.Equal(new SentenceScore(Words: 6, Errors: 2, Fixed: 2, FalseAlarms: 1, Exact: false), score);
    }

    [Fact]
    public void An_output_with_another_number_of_words_fixes_nothing_and_counts_one_alarm()
    {
        var score = SentenceScore.Of("a dgo", "a dog", "a d go");

        Assert.Equal(new SentenceScore(2, 1, 0, 1, false), score);
    }

    [Fact]
    public void A_clean_sentence_returned_unchanged_is_exact()
    {
        Assert.Equal(new SentenceScore(3, 0, 0, 0, true), SentenceScore.Of("it is fine", "it is fine", "it is fine"));
    }
}

using NlpHost.Tasks.Summarize.Evaluation;
using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize.Tests;

/// <summary>Expected values come from NLTK 3.8 and rouge-score's code: python3 training/summarize/rouge_reference.py.</summary>
public sealed class RougeTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "tie")]
    [InlineData("agreed", "agre")]
    [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("conformabli", "conform")]
    [InlineData("radicalli", "radic")]
    [InlineData("vietnamization", "vietnam")]
    [InlineData("sensibiliti", "sensibl")]
    [InlineData("electrical", "electr")]
    [InlineData("adoption", "adopt")]
    [InlineData("controll", "control")]
    [InlineData("dying", "die")]
    [InlineData("skies", "sky")]
    [InlineData("news", "news")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("spies", "spi")]
    [InlineData("died", "die")]
    [InlineData("analogi", "analog")]
    [InlineData("fulli", "fulli")]
    [InlineData("beautifully", "beauti")]
    [InlineData("generalization", "gener")]
    [InlineData("economy", "economi")]
    public void Porter_stems_known_words_as_nltk_does(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Porter_agrees_with_nltk_on_five_thousand_frequent_words()
    {
        var pairs = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "porter-nltk-3.8.tsv"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();

        var wrong = pairs.Where(p => PorterStemmer.Stem(p[0]) != p[1]).Select(p => $"{p[0]}: {PorterStemmer.Stem(p[0])} (nltk {p[1]})").ToList();

        Assert.Equal(5000, pairs.Count);
        Assert.Empty(wrong);
    }

    [Fact]
    public void Tokens_are_lower_case_letters_and_digits_and_stemmed_beyond_three_characters() =>
        Assert.Equal(["uk", "economi", "face", "major", "risk", "the", "bcc", "said", "2005", "s"], Rouge.Tokenize("UK economy faces 'major risks', the BCC said (2005)'s"));

    [Theory]
    // rouge-score's README example (use_stemmer=True): rouge1 F 0.7058823529, rougeL F 0.5882352941.
    [InlineData("The quick brown fox jumps over the lazy dog", "The quick brown dog jumps on the log.", 0.7058823529, 0.2666666667, 0.5882352941)]
    [InlineData("police killed the gunman", "the gunman police killed", 1.0, 0.6666666667, 0.5)]
    [InlineData("UK economy faces 'major risks', the BCC said.", "The BCC said the UK economy faced major risks in 2005.", 0.8421052632, 0.7058823529, 0.5263157895)]
    [InlineData("", "anything", 0.0, 0.0, 0.0)]
    public void Scores_match_rouge_score(string reference, string prediction, double rouge1, double rouge2, double rougeL)
    {
        var scores = Rouge.Score(reference, prediction);

        Assert.Equal(rouge1, scores.Rouge1, 1e-9);
        Assert.Equal(rouge2, scores.Rouge2, 1e-9);
        Assert.Equal(rougeL, scores.RougeL, 1e-9);
    }

    [Fact]
    public void Greedy_oracle_takes_the_sentences_of_an_extractive_reference()
    {
        string[] sentences = ["The cat sat on the mat.", "Stocks fell sharply in London.", "The weather was mild.", "Banks led the losses."];

        var chosen = GreedyOracle.Select(sentences, "Stocks fell sharply in London. Banks led the losses.");

        Assert.Equal([1, 3], chosen.Order());
    }

    [Fact]
    public void Greedy_oracle_respects_a_word_budget()
    {
        string[] sentences = ["Stocks fell sharply in London on Monday morning.", "Banks led.", "The weather was mild."];

        var chosen = GreedyOracle.Select(sentences, "Stocks fell sharply in London on Monday morning. Banks led.", maxWords: 5);

        Assert.Equal([1], chosen);
    }
}

using NlpHost.Tasks.Translate.Evaluation;

namespace NlpHost.Tasks.Translate.Tests;

/// <summary>BLEU and chrF against values worked out by hand with sacreBLEU's definitions (derivations in the comments).</summary>
public sealed class MetricsTests
{
    [Fact]
    public void Tokenizer_13a_splits_ascii_punctuation_but_not_decimals_or_spanish_inverted_marks()
    {
        Assert.Equal(["Hola", ",", "¿qué", "tal", "?", "Cuesta", "3.50", "-", "4", "$", "&", "más"], Tokenizer13a.Tokenize("Hola, ¿qué tal? Cuesta 3.50-4 $ &amp; más"));
    }

    [Fact]
    public void Bleu_of_one_sentence_with_exp_smoothing()
    {
        // hyp "the cat sat on the mat" vs ref "the cat is on the mat": 1-grams 5/6, 2-grams 3/5 (the cat, on the,
        // the mat), 3-grams 1/4 (on the mat), 4-grams 0/3 → smoothed 1/(2·3); equal lengths, no brevity penalty.
        // BLEU = (83.333 · 60 · 25 · 16.667)^(1/4) = 37.9918
        var bleu = Bleu.Corpus(["the cat sat on the mat"], [["the cat is on the mat"]]);

        Assert.Equal(37.9918, bleu, 4);
    }

    [Fact]
    public void Bleu_of_a_corpus_clips_by_the_best_reference_and_takes_the_closest_reference_length()
    {
        // Adds hyp "a dog" with refs "a dog barks loudly" (4) and "a big dog" (3): closest length 3, unigrams 2/2,
        // bigram "a dog" 1/1, no trigram. Corpus: 7/8, 4/6, 1/4, 0/3 → 1/6; lengths 8 vs 6+3 = 9.
        // BLEU = exp(1 - 9/8) · (87.5 · 66.667 · 25 · 16.667)^(1/4) = 0.882497 · 39.4844 = 34.8449
        var bleu = Bleu.Corpus(["the cat sat on the mat", "a dog"], [["the cat is on the mat"], ["a dog barks loudly", "a big dog"]]);

        Assert.Equal(34.8449, bleu, 4);
    }

    [Fact]
    public void Bleu_is_zero_when_an_order_has_no_ngrams_and_100_for_an_exact_match()
    {
        Assert.Equal(0, Bleu.Corpus(["el gato"], [["el gato negro"]]));
        Assert.Equal(100, Bleu.Corpus(["¿Dónde está el baño?"], [["Otra cosa.", "¿Dónde está el baño?"]]), 9);
    }

    [Fact]
    public void ChrF_of_one_sentence()
    {
        // hyp "ab" vs ref "abc": n=1 hyp 2 ref 3 match 2, n=2 hyp 1 ref 2 match 1, n=3 hyp 0 ref 1, n=4..6 none.
        // Effective orders 2: precision (1 + 1)/2 = 1, recall (2/3 + 1/2 + 0)/2 = 7/12; β=2:
        // chrF = 5 · 1 · 7/12 / (4 · 1 + 7/12) = 63.6364
        Assert.Equal(63.6364, ChrF.Corpus(["ab"], [["abc"]]), 4);
    }

    [Fact]
    public void ChrF_of_a_corpus_sums_the_statistics_of_each_sentences_best_reference_ignoring_whitespace()
    {
        // Second sentence "a b" → "ab", best of refs "xyz" / "ab" is "ab" (n=1: 2 2 2, n=2: 1 1 1).
        // Sums: n=1 hyp 4 ref 5 match 4, n=2 hyp 2 ref 3 match 2, n=3 hyp 0 ref 1.
        // precision 1, recall (4/5 + 2/3)/2 = 0.73333; chrF = 5 · 0.73333 / (4 + 0.73333) = 77.4648
        Assert.Equal(77.4648, ChrF.Corpus(["ab", "a b"], [["abc"], ["xyz", "ab"]]), 4);
    }
}

using System.Numerics.Tensors;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Summarize.Scoring;
using NlpHost.Tasks.Summarize.Text;

namespace NlpHost.Tasks.Summarize;

/// <summary>The extractive pipeline: segment, embed on the shared backbone, score (head or unsupervised), select with MMR.</summary>
internal sealed class Summarizer(IBackbone backbone, SummarizeSettings settings, SalienceHead? head)
{
    public string Scorer => head is null ? "unsupervised" : "salience-head";

    public async Task<SummarizeOutput> SummarizeAsync(SummarizeInput input, SummarizeOptions options, CancellationToken cancellationToken) =>
        (await SummarizeAsync(input, [options], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>One summary per options, from one analysis: the evaluator scores several lengths for the price of one.</summary>
    public async Task<SummarizeOutput[]> SummarizeAsync(SummarizeInput input, IReadOnlyList<SummarizeOptions> lengths, CancellationToken cancellationToken)
    {
        var language = LanguageGuess.Of(input.Text);
        var note = LanguageNote.For(language);
        var analysis = await AnalyzeAsync(input.Text, input.Title, cancellationToken).ConfigureAwait(false);
        if (analysis.Candidates.Count == 0)
        {
            return [.. lengths.Select(_ => new SummarizeOutput("", []) { Scorer = Scorer, SentencesInDocument = 0, SentencesScored = 0, Language = language, Note = note })];
        }

        var relevance = await RelevanceAsync(analysis, cancellationToken).ConfigureAwait(false);
        var words = analysis.Words();
        return [.. lengths.Select(options =>
        {
            var budget = LengthBudget.From(options, analysis.Candidates.Count, settings.DefaultSentences);
            var chosen = MmrSelector.Select(relevance, analysis.Similarity, words, budget, settings.MmrLambda, settings.DuplicateSimilarity);
            var sentences = chosen.Order()
                .Select(i => new SummarySentence(analysis.Candidates[i].Of(analysis.Text), analysis.Candidates[i].Start, analysis.Candidates[i].Length, Math.Round(relevance[i], 4)))
                .ToList();
            return new SummarizeOutput(string.Join(' ', sentences.Select(s => s.Text)), sentences)
            {
                Scorer = Scorer,
                SentencesInDocument = analysis.Sentences.Count(s => !s.IsHeading),
                SentencesScored = analysis.Candidates.Count,
                Language = language,
                Note = note,
            };
        })];
    }

    public async Task<double[]> RelevanceAsync(DocumentAnalysis analysis, CancellationToken cancellationToken) =>
        head is null
            ? UnsupervisedScorer.Score(analysis, settings)
            : await head.ScoreAsync(analysis.Features, cancellationToken).ConfigureAwait(false);

    public async Task<DocumentAnalysis> AnalyzeAsync(string text, string? title, CancellationToken cancellationToken)
    {
        var sentences = SentenceSegmenter.Split(text);
        title = string.IsNullOrWhiteSpace(title) ? (sentences is [{ IsHeading: true } first, ..] ? first.Of(text) : null) : title;
        var body = sentences.Where(s => !s.IsHeading).ToList();
        var candidates = Cap(body.Count > 0 ? body : sentences, settings.MaxSentences);
        if (candidates.Count == 0)
        {
            return new DocumentAnalysis(text, sentences, candidates, title, [], [], [], null, []);
        }

        var texts = candidates.Select(c => c.Of(text)).ToList();
        if (title is not null)
        {
            texts.Add(title);
        }

        var vectors = await backbone.EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        var embeddings = vectors.Take(candidates.Count).ToList();
        var titleVector = title is null ? null : vectors[^1];
        var similarity = SentenceGraph.Similarities(embeddings);
        var lexRank = SentenceGraph.LexRank(similarity);
        var titleSimilarity = titleVector is null ? null : embeddings.Select(e => TensorPrimitives.Dot(e, titleVector)).ToArray();
        var textRank = TextRank.Score(texts.Take(candidates.Count).ToList());
        var features = SentenceFeatures.Build(text, candidates, embeddings, lexRank, textRank, titleVector);
        return new DocumentAnalysis(text, sentences, candidates, title, similarity, lexRank, textRank, titleSimilarity, features);
    }

    /// <summary>
    /// Very long documents: score the first half of the cap and an even sample of the rest, so a 100k-word input
    /// costs about as much as a long article and still has a say from every part.
    /// </summary>
    public static List<Sentence> Cap(List<Sentence> sentences, int max)
    {
        if (sentences.Count <= max)
        {
            return sentences;
        }

        var lead = max / 2;
        var rest = max - lead;
        var step = (double)(sentences.Count - lead) / rest;
        return [.. sentences.Take(lead), .. Enumerable.Range(0, rest).Select(i => sentences[lead + (int)(i * step)])];
    }
}

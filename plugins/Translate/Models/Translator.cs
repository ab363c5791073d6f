using Microsoft.Extensions.Logging;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Translate.Generation;
using NlpHost.Tasks.Translate.Text;
using NlpHost.Tasks.Translate.Text.Protection;

namespace NlpHost.Tasks.Translate.Models;

/// <summary>How long a sentence's translation may get, and how it is searched.</summary>
/// <param name="Search">Beam size, length penalty, repetition guard.</param>
/// <param name="MaxLength">Cap on generated tokens per sentence.</param>
/// <param name="Ratio">Budget relative to the source: ratio × source tokens + offset, within the cap.</param>
/// <param name="Offset">Tokens added to every budget, so short sentences are not cut.</param>
internal sealed record TranslationRequest(GenerationSettings Search, int MaxLength, double Ratio, int Offset)
{
    /// <summary>Keep figures, addresses and code as written (<see cref="CopyGuard"/>).</summary>
    public bool Protect { get; init; } = true;

    /// <summary>Target language, for the number words the repair recognises.</summary>
    public string Target { get; init; } = "es";

    /// <summary>Sentences whose confidence is below this are flagged.</summary>
    public double LowConfidence { get; init; }

    public int Budget(int sourceTokens) => Math.Min(MaxLength, (int)Math.Ceiling(sourceTokens * Ratio) + Offset);
}

/// <summary>
/// One language pair: source encoder, batched generation, target vocabulary. Owns its generation queue. Every budget
/// is capped by the decoder's position table (<c>maxTargetPositions</c>): a learned table has no row past it.
/// </summary>
internal sealed class Translator(string pair, ISourceEncoder encoder, ITargetVocabulary target, GenerationQueue queue, int maxTargetPositions) : IAsyncDisposable
{
    public string Pair { get; } = pair;

    /// <summary>Translates a document sentence by sentence, keeping the whitespace between sentences as it was.</summary>
    public async Task<TranslateOutput> TranslateAsync(string text, TranslationRequest request, ILogger logger, IProgress<TaskProgress>? progress, CancellationToken cancellationToken)
    {
        var spans = Reassembly.Split(text);
        if (spans.Count == 0)
        {
            return new TranslateOutput(text, []);
        }

        var sentenceTexts = spans.Select(s => text.Substring(s.Start, s.Length)).ToList();
        var guards = sentenceTexts.Select(s => request.Protect ? CopyGuard.Protect(s) : null).ToList();
        var sources = sentenceTexts.Select((s, i) => encoder.Prepare(guards[i]?.Masked ?? s)).ToList();
        var states = await encoder.EncodeAsync(sources, cancellationToken).ConfigureAwait(false);
        var done = 0;
        var budgets = sources.Select(s => Math.Min(request.Budget(s.Kept), maxTargetPositions)).ToList();
        var generated = await Task.WhenAll(sources.Select(async (s, i) =>
        {
            var hypothesis = await queue.GenerateAsync(states[i], budgets[i], request.Search, cancellationToken).ConfigureAwait(false);
            progress?.Report(new TaskProgress((double)Interlocked.Increment(ref done) / sources.Count, "sentences translated"));
            return hypothesis;
        })).ConfigureAwait(false);
        var translations = new List<string>(spans.Count);
        var sentences = new List<TranslatedSentence>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var truncated = sources[i].Truncated;
            if (truncated)
            {
                Log.Truncated(logger, spans[i].Start, sources[i].Tokens, sources[i].Kept);
            }

            var decoded = target.Decode(generated[i].Tokens);
            var (translation, lost) = guards[i]?.Restore(decoded, request.Target) ?? (decoded, null);
            translations.Add(translation);

            // A hypothesis that used its whole length budget was cut there, not ended by the model (maxLength: 1 gave an
            // empty translation that claimed to be complete).
            var cut = generated[i].Tokens.Length >= budgets[i];
            var confidence = generated[i].Confidence;
            var low = confidence < request.LowConfidence;
            var warnings = new[]
            {
                truncated ? $"sentence too long: only its first {sources[i].Kept} of {sources[i].Tokens} source tokens (the encoder's maximum) were translated" : null,
                !truncated && cut ? $"translation cut at its length limit of {budgets[i]} tokens (options.maxLength, Plugins:translate:MaxLength); raise it for a complete sentence" : null,
                lost,
                low ? $"low confidence {confidence:0.00} (below Plugins:translate:LowConfidence {request.LowConfidence:0.00}): check this sentence" : null,
            }.OfType<string>().ToList();
            sentences.Add(new TranslatedSentence(translation, spans[i].Start, spans[i].Length)
            {
                Truncated = truncated || cut,
                Warning = warnings.Count == 0 ? null : string.Join("; ", warnings),
                Confidence = Math.Round(confidence, 4),
                LowConfidence = low,
            });
        }

        return new TranslateOutput(Reassembly.Join(text, spans, translations), sentences);
    }

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}

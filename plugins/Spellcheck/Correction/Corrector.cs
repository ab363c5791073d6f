using System.Text;
using NlpHost.Tasks.Spellcheck.Context;
using NlpHost.Tasks.Spellcheck.Text;

namespace NlpHost.Tasks.Spellcheck.Correction;

/// <summary>
/// Corrects a text: scans it into tokens, leaves known words, skipped kinds and likely names alone, joins a word
/// split by a stray space, and replaces each remaining unknown word by its best suggestion in the original's
/// capitalisation. With a context head, the head chooses among the candidates in the sentence and may also
/// replace a known word of a confusion set (their/there). Everything between corrected words is copied unchanged.
/// </summary>
internal sealed class Corrector(SpellcheckModel model, RankingWeights weights, ContextScorer? context = null)
{
    private const int NoWord = -1;
    private readonly CandidateRanker _ranker = new(model, weights);

    /// <summary>Whether a context head takes part (and so whether real-word errors are looked for).</summary>
    public bool HasContextHead => context is not null;

    /// <summary>Corrects with the noisy channel alone (no backbone).</summary>
    public SpellcheckOutput Correct(string text, SpellcheckOptions options, CancellationToken cancellationToken = default)
    {
        var plan = Plan(text, options, realWords: false, cancellationToken);
        return Apply(plan, [.. plan.Suspects.Select(Choice.NoisyChannel)], options);
    }

    /// <summary>Corrects with the context head when there is one, otherwise as <see cref="Correct"/>.</summary>
    public async Task<SpellcheckOutput> CorrectAsync(string text, SpellcheckOptions options, CancellationToken cancellationToken)
    {
        if (context is null || !options.Context)
        {
            return Correct(text, options, cancellationToken);
        }

        var plan = Plan(text, options, options.RealWords, cancellationToken);
        var choices = await context.ChooseAsync(plan, cancellationToken).ConfigureAwait(false);
        return Apply(plan, choices, options);
    }

    /// <summary>Longest word questioned: well above two of the longest English words together.</summary>
    internal const int MaxCheckedLength = 64;

    /// <summary>Finds the words to question and their candidates; joins are made here, since they need no choice.</summary>
    public CorrectionPlan Plan(string text, SpellcheckOptions options, bool realWords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var tokens = TextScanner.Scan(text);
        var shouting = IsShouting(tokens);
        var ids = new int[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            ids[t] = Checkable(tokens[t], shouting) && model.Lexicon.TryGetId(Normalize(text, tokens[t]), out var id) ? id : NoWord;
        }

        var joins = new List<SpellcheckCorrection>();
        var suspects = new List<Suspect>();
        var done = new bool[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (done[t] || !Checkable(token, shouting))
            {
                continue;
            }

            if (ids[t] != NoWord)
            {
                // A capitalised word inside a sentence may be a name ("Grate Hall"), as for unknown words below.
                if (realWords && model.Confusables.Members(ids[t]) is { } members
                    && (token.SentenceStart || CasePatterns.Of(text.AsSpan(token.Start, token.Length)) != CasePattern.Title))
                {
                    var lowerKnown = Normalize(text, token);
                    var ranked = _ranker.RankConfusable(lowerKnown, members, Previous(text, tokens, ids, t), Next(text, tokens, ids, t));
                    suspects.Add(new Suspect(t, text.Substring(token.Start, token.Length), SuspectKind.Confusable, ranked, ranked.FindIndex(s => s.FirstId == ids[t])));
                }

                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var original = text.Substring(token.Start, token.Length);
            var lower = Normalize(text, token);
            // A run longer than any word (or pair of words) is a code, hash or URL: no candidate can be near it, and
            // searching its splits costs time quadratic in its length (a 999,990-character word held a worker 429 s).
            if (lower.Length < 2 || lower.Length > MaxCheckedLength || IsKnownPossessive(lower) || IsElision(lower) || (CasePatterns.Of(original) == CasePattern.Title && !token.SentenceStart))
            {
                continue;
            }

            if (TryJoin(text, tokens, ids, done, t - 1, joins) || TryJoin(text, tokens, ids, done, t, joins))
            {
                continue;
            }

            var candidates = _ranker.Rank(lower, Previous(text, tokens, ids, t), Next(text, tokens, ids, t), options.MaxEditDistance);
            if (candidates.Count > 0)
            {
                suspects.Add(new Suspect(t, original, SuspectKind.Unknown, candidates, TypedIndex: -1));

                // Later words see this one as its likeliest correction, for their bigram context.
                ids[t] = candidates[0].LastId;
            }

            done[t] = true;
        }

        // A join may swallow a confusable word questioned before its unknown neighbour was reached.
        suspects.RemoveAll(s => joins.Exists(j => tokens[s.Token].Start >= j.Start && tokens[s.Token].Start < j.Start + j.Length));
        return new CorrectionPlan(text, tokens, joins, suspects);
    }

    private static int Previous(string text, List<WordToken> tokens, int[] ids, int t) => t > 0 && Adjacent(text, tokens, t - 1) ? ids[t - 1] : NoWord;

    private static int Next(string text, List<WordToken> tokens, int[] ids, int t) => t + 1 < tokens.Count && Adjacent(text, tokens, t) ? ids[t + 1] : NoWord;

    private static SpellcheckOutput Apply(CorrectionPlan plan, IReadOnlyList<Choice> choices, SpellcheckOptions options)
    {
        var corrections = new List<SpellcheckCorrection>(plan.Joins);
        for (var s = 0; s < plan.Suspects.Count; s++)
        {
            var suspect = plan.Suspects[s];
            var order = choices[s].Order.Where(i => i != suspect.TypedIndex).ToList();
            if (order.Count == 0 || (suspect.TypedIndex >= 0 && choices[s].Order[0] == suspect.TypedIndex))
            {
                continue;
            }

            var token = plan.Tokens[suspect.Token];
            var pattern = CasePatterns.Of(suspect.Original);
            var alternatives = order.Skip(1).Take(options.Alternatives).Select(i => Restyle(suspect.Candidates[i].Text, suspect.Original, pattern)).ToList();
            corrections.Add(new SpellcheckCorrection(token.Start, token.Length, suspect.Original, Restyle(suspect.Candidates[order[0]].Text, suspect.Original, pattern),
                Math.Round(choices[s].Confidence, 4), alternatives));
        }

        corrections.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new SpellcheckOutput(Rewrite(plan.Text, corrections), corrections);
    }

    // All-caps words are acronyms, unless most of the text is written in capitals.
    private static bool IsShouting(List<WordToken> tokens)
    {
        var upper = tokens.Count(t => t.Kind == TokenKind.Acronym);
        var words = upper + tokens.Count(t => t.Kind == TokenKind.Word);
        return words >= 3 && upper >= 0.6 * words;
    }

    private static bool Checkable(WordToken token, bool shouting) =>
        token.Kind == TokenKind.Word || (shouting && token.Kind == TokenKind.Acronym);

    /// <summary>A word as the lexicon spells it: lower case, typographic apostrophe made plain.</summary>
    public static string Normalize(string text, WordToken token) =>
        text.Substring(token.Start, token.Length).Replace('’', '\'').ToLowerInvariant();

    private bool IsKnownPossessive(string lower) =>
        lower.EndsWith("'s", StringComparison.Ordinal) && model.Lexicon.Contains(lower.AsSpan(0, lower.Length - 2));

    // c'est, l'homme, d'you: an elided article or pronoun marks a foreign or dialect word, not a typo ("I'v" still is).
    private static bool IsElision(string lower) => lower.Length > 2 && lower[1] == '\'' && lower[0] != 'i';

    // Two words of one sentence with only spaces between them.
    private static bool Adjacent(string text, List<WordToken> tokens, int left)
    {
        var gap = text.AsSpan(tokens[left].End, tokens[left + 1].Start - tokens[left].End);
        return !tokens[left + 1].SentenceStart && gap.Length > 0 && gap.IsWhiteSpace();
    }

    // "accom modation": one of the pair is unknown, the two written together are a known word.
    private bool TryJoin(string text, List<WordToken> tokens, int[] ids, bool[] done, int left, List<SpellcheckCorrection> corrections)
    {
        if (left < 0 || left + 1 >= tokens.Count || done[left] || done[left + 1]
            || tokens[left].Kind != TokenKind.Word || tokens[left + 1].Kind != TokenKind.Word
            || tokens[left + 1].Start != tokens[left].End + 1 || text[tokens[left].End] != ' '
            || (ids[left] != NoWord && ids[left + 1] != NoWord)
            || CasePatterns.Of(text.AsSpan(tokens[left + 1].Start, tokens[left + 1].Length)) != CasePattern.Lower)
        {
            return false;
        }

        var joined = Normalize(text, tokens[left]) + Normalize(text, tokens[left + 1]);
        if (!model.Lexicon.TryGetId(joined, out var id))
        {
            return false;
        }

        var start = tokens[left].Start;
        var original = text[start..tokens[left + 1].End];
        corrections.Add(new SpellcheckCorrection(start, original.Length, original, Restyle(joined, original, CasePatterns.Of(text.AsSpan(start, tokens[left].Length))), 1.0, []));
        done[left] = done[left + 1] = true;
        ids[left] = ids[left + 1] = id;
        return true;
    }

    private static string Restyle(string lower, string original, CasePattern pattern)
    {
        var cased = CasePatterns.Apply(lower, pattern);
        return original.Contains('’', StringComparison.Ordinal) ? cased.Replace('\'', '’') : cased;
    }

    private static string Rewrite(string text, List<SpellcheckCorrection> corrections)
    {
        var output = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var c in corrections)
        {
            output.Append(text, at, c.Start - at).Append(c.Replacement);
            at = c.Start + c.Length;
        }

        return output.Append(text, at, text.Length - at).ToString();
    }
}

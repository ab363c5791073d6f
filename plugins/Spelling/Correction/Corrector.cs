using System.Text;
using NlpHost.Tasks.Spelling.Text;

namespace NlpHost.Tasks.Spelling.Correction;

/// <summary>
/// Corrects a text: scans it into tokens, leaves known words, skipped kinds and likely names alone, joins a word
/// split by a stray space, and replaces each remaining unknown word by its best-ranked suggestion in the original's
/// capitalisation. Everything between corrected words is copied unchanged.
/// </summary>
internal sealed class Corrector(SpellingModel model, RankingWeights weights)
{
    private const int NoWord = -1;
    private readonly CandidateRanker _ranker = new(model, weights);

    public SpellcheckOutput Correct(string text, SpellcheckOptions options, CancellationToken cancellationToken = default)
    {
        var tokens = TextScanner.Scan(text);
        var shouting = IsShouting(tokens);
        var ids = new int[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            ids[t] = Checkable(tokens[t], shouting) && model.Lexicon.TryGetId(Normalize(text, tokens[t]), out var id) ? id : NoWord;
        }

        var corrections = new List<SpellingCorrection>();
        var done = new bool[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (done[t] || ids[t] != NoWord || !Checkable(token, shouting))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var original = text.Substring(token.Start, token.Length);
            var lower = Normalize(text, token);
            var pattern = CasePatterns.Of(original);
            if (lower.Length < 2 || IsKnownPossessive(lower) || IsElision(lower) || (pattern == CasePattern.Title && !token.SentenceStart))
            {
                continue;
            }

            if (TryJoin(text, tokens, ids, done, t - 1, corrections) || TryJoin(text, tokens, ids, done, t, corrections))
            {
                continue;
            }

            var previous = t > 0 && Adjacent(text, tokens, t - 1) ? ids[t - 1] : NoWord;
            var next = t + 1 < tokens.Count && Adjacent(text, tokens, t) ? ids[t + 1] : NoWord;
            var ranked = _ranker.Rank(lower, previous, next, options.MaxEditDistance);
            if (ranked.Count == 0)
            {
                continue;
            }

            var alternatives = ranked.Skip(1).Take(options.Alternatives).Select(s => Restyle(s.Text, original, pattern)).ToList();
            corrections.Add(new SpellingCorrection(token.Start, token.Length, original, Restyle(ranked[0].Text, original, pattern),
                Math.Round(CandidateRanker.Confidence(ranked), 4), alternatives));
            ids[t] = ranked[0].LastId;
            done[t] = true;
        }

        corrections.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new SpellcheckOutput(Apply(text, corrections), corrections);
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

    private static string Normalize(string text, WordToken token) =>
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
    private bool TryJoin(string text, List<WordToken> tokens, int[] ids, bool[] done, int left, List<SpellingCorrection> corrections)
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
        corrections.Add(new SpellingCorrection(start, original.Length, original, Restyle(joined, original, CasePatterns.Of(text.AsSpan(start, tokens[left].Length))), 1.0, []));
        done[left] = done[left + 1] = true;
        ids[left] = ids[left + 1] = id;
        return true;
    }

    private static string Restyle(string lower, string original, CasePattern pattern)
    {
        var cased = CasePatterns.Apply(lower, pattern);
        return original.Contains('’', StringComparison.Ordinal) ? cased.Replace('\'', '’') : cased;
    }

    private static string Apply(string text, List<SpellingCorrection> corrections)
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

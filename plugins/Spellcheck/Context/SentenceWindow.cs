using NlpHost.Tasks.Spellcheck.Text;

namespace NlpHost.Tasks.Spellcheck.Context;

/// <summary>
/// The tokens of a questioned word's sentence that the backbone sees: up to a number of words each side, and no
/// further than <see cref="MaxCharactersEachSide"/> from the word, so text between tokens (a long rule of dashes)
/// cannot make a window large.
/// </summary>
internal readonly record struct SentenceWindow(int First, int Last)
{
    public const int MaxCharactersEachSide = 400;

    public int Words => Last - First + 1;

    public static SentenceWindow Around(List<WordToken> tokens, int token, int wordsEachSide)
    {
        var first = token;
        while (first > 0 && !tokens[first].SentenceStart && token - first < wordsEachSide
            && tokens[token].Start - tokens[first - 1].Start <= MaxCharactersEachSide)
        {
            first--;
        }

        var last = token;
        while (last + 1 < tokens.Count && !tokens[last + 1].SentenceStart && last - token < wordsEachSide
            && tokens[last + 1].End - tokens[token].End <= MaxCharactersEachSide)
        {
            last++;
        }

        return new SentenceWindow(first, last);
    }

    public string Of(string text, List<WordToken> tokens) => text[tokens[First].Start..tokens[Last].End];
}

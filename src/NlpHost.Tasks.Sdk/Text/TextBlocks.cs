namespace NlpHost.Tasks.Sdk.Text;

/// <summary>
/// Cuts a text into blocks no sentence crosses: paragraphs (separated by blank lines) and list items (lines that
/// start with a bullet or a number). A single line break inside a paragraph is just a space, unless every line is to
/// end its sentence (<c>everyLineEnds</c>).
/// </summary>
internal static class TextBlocks
{
    /// <summary>A range no sentence crosses; <c>WholeParagraph</c>: its paragraph's only line (a candidate heading).</summary>
    public readonly record struct Block(int Start, int End, int Paragraph, bool WholeParagraph);

    public static List<Block> Read(string text, bool everyLineEnds)
    {
        var blocks = new List<Block>();
        var paragraph = 0;
        var (blockStart, blockEnd, blockLines, paragraphFirstBlock) = (-1, -1, 0, 0);
        var lineStart = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            if (line.IsWhiteSpace())
            {
                CloseParagraph();
            }
            else
            {
                if (blockStart >= 0 && (everyLineEnds || StartsListItem(line)))
                {
                    blocks.Add(new Block(blockStart, blockEnd, paragraph, false));
                    blockStart = -1;
                }

                if (blockStart < 0)
                {
                    (blockStart, blockLines) = (lineStart, 0);
                }

                blockEnd = lineEnd;
                blockLines++;
            }

            if (newline < 0)
            {
                CloseParagraph();
                return blocks;
            }

            lineStart = newline + 1;
        }

        void CloseParagraph()
        {
            if (blockStart >= 0)
            {
                var alone = blocks.Count == paragraphFirstBlock && blockLines == 1;
                blocks.Add(new Block(blockStart, blockEnd, paragraph, alone));
                blockStart = -1;
            }

            if (blocks.Count > paragraphFirstBlock)
            {
                paragraph++;
                paragraphFirstBlock = blocks.Count;
            }
        }
    }

    private static bool StartsListItem(ReadOnlySpan<char> line)
    {
        line = line.TrimStart();
        if (line.Length >= 2 && line[0] is '-' or '*' or '\u2022' or '\u2013' or '\u25cf' && line[1] == ' ')
        {
            return true;
        }

        var digits = 0;
        while (digits < line.Length && digits < 3 && char.IsDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] == ' ';
    }
}

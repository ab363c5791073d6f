using System.Text;

namespace NlpHost.Tasks.Summarize.Evaluation;

/// <summary>RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, line breaks and doubled quotes.</summary>
internal static class CsvReader
{
    public static IEnumerable<List<string>> Read(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
                any = false;
            }
            else
            {
                field.Append((char)c);
            }
        }

        if (quoted)
        {
            throw new FormatException("the file ends inside a quoted field (a missing closing quote)");
        }

        if (any)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}

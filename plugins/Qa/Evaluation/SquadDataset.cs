using System.Text.Json;
using NlpHost.Abstractions.Plugins;

namespace NlpHost.Tasks.Qa.Evaluation;

/// <summary>Reads SQuAD v1.1 JSON (<c>data[].paragraphs[].qas[]</c>) into flat questions, keeping the article title for splits by article.</summary>
internal static class SquadDataset
{
    public sealed record Question(string Id, string Title, string Context, string Text, IReadOnlyList<string> Answers);

    public static List<Question> Read(string path, int? limit = null)
    {
        using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new TaskInputException("data", $"'{path}' is not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("data", out var articles) || articles.ValueKind != JsonValueKind.Array)
            {
                throw new TaskInputException("data", $"'{path}' is not SQuAD JSON: no top-level \"data\" array");
            }

            var questions = new List<Question>();
            foreach (var article in articles.EnumerateArray())
            {
                var title = article.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
                foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
                {
                    var context = paragraph.GetProperty("context").GetString() ?? "";
                    foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                    {
                        if (limit is { } max && questions.Count >= max)
                        {
                            return questions;
                        }

                        var answers = qa.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString() ?? "").ToList();
                        questions.Add(new Question(qa.GetProperty("id").GetString()!, title, context, qa.GetProperty("question").GetString() ?? "", answers));
                    }
                }
            }

            return questions;
        }
    }
}

using NlpHost.Abstractions.Evaluation;
using NlpHost.Abstractions.Plugins;
using NlpHost.Tasks.Summarize.Evaluation;
using NlpHost.Testing;

namespace NlpHost.Tasks.Summarize.Tests;

public sealed class SummarizeEvaluatorTests(RealBackbone backbone) : IClassFixture<RealBackbone>
{
    [Fact]
    public async Task Every_system_is_scored_on_the_same_documents_and_each_row_gets_a_prediction()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "document,summary\n"
                + "\"" + SummarizeTaskTests.Article.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",\"A powerful storm closed hundreds of schools across the region on Tuesday. Power was cut to 40,000 homes.\"\n"
                + "\"Rain fell. The river rose. Roads closed.\",\"The river rose.\"\n");

            var report = await new SummarizeEvaluator().EvaluateAsync(new EvaluationRequest(path, null, null), backbone.Context(), CancellationToken.None);

            Assert.Equal(["nlphost", "lead", "textrank", "oracle", "nlphost@3", "lead-3", "nlphost@one-line", "lead-1"], report.Metrics.Keys);
            Assert.All(report.Metrics.Values, m => Assert.InRange(m["rouge1"], 0, 100));
            Assert.True(report.Metrics["oracle"]["rouge2"] >= report.Metrics["lead"]["rouge2"]);
            Assert.True(report.Metrics["nlphost@one-line"]["summaryWords"] < report.Metrics["nlphost@3"]["summaryWords"]);
            Assert.Equal(2, report.Predictions.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Json_lines_are_read_and_a_document_with_two_references_is_scored_against_each()
    {
        var path = Path.GetTempFileName() + ".jsonl";
        try
        {
            var article = System.Text.Json.JsonSerializer.Serialize(SummarizeTaskTests.Article);
            await File.WriteAllTextAsync(path,
                $"{{\"id\":\"a\",\"document\":{article},\"summary\":\"A storm closed schools.\",\"source\":\"test\"}}\n"
                + $"{{\"id\":\"b\",\"document\":{article},\"summary\":\"Power was cut to 40,000 homes.\",\"source\":\"test\"}}\n");

            var report = await new SummarizeEvaluator().EvaluateAsync(new EvaluationRequest(path, null, null), backbone.Context(), CancellationToken.None);

            Assert.Equal(2, report.Metrics["nlphost"]["documents"]);
            Assert.Equal(2, report.Predictions.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_csv_without_the_columns_is_refused_with_what_it_found()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "body,label\nx,y\n");

            var error = await Assert.ThrowsAsync<TaskInputException>(() => new SummarizeEvaluator().EvaluateAsync(new EvaluationRequest(path, null, null), backbone.Context(), CancellationToken.None));

            Assert.Contains("no document column", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

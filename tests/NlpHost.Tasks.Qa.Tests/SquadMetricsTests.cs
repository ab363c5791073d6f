using NlpHost.Tasks.Qa.Evaluation;

namespace NlpHost.Tasks.Qa.Tests;

public sealed class SquadMetricsTests
{
    [Theory]
    [InlineData("The Eiffel Tower!", "eiffel tower")]
    [InlineData("  an   apple, a day ", "apple day")]
    [InlineData("Theatre", "theatre")] // an article only as a whole word
    public void Normalization_follows_the_official_script(string text, string expected) =>
        Assert.Equal(expected, SquadMetrics.Normalize(text));

    [Fact]
    public void A_prediction_scores_its_best_gold_answer()
    {
        string[] golds = ["Denver Broncos", "the Broncos"];

        Assert.Equal(1, SquadMetrics.ExactMatch("Broncos", golds));
        Assert.Equal(0, SquadMetrics.ExactMatch("Carolina Panthers", golds));
        Assert.Equal(1, SquadMetrics.F1("broncos", golds));
    }

    [Fact]
    public void F1_counts_shared_tokens()
    {
        // prediction "denver broncos team" vs gold "denver broncos": precision 2/3, recall 1, F1 0.8.
        Assert.Equal(0.8, SquadMetrics.F1("Denver Broncos team", ["Denver Broncos"]), 9);
        Assert.Equal(0, SquadMetrics.F1("nothing shared", ["Denver Broncos"]));
    }

    [Fact]
    public void The_shared_squad_file_reads_into_questions_with_titles()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "squad-sample.json");
        File.WriteAllText(path, """
            {"data":[{"title":"T1","paragraphs":[{"context":"Paris is in France.","qas":[
              {"id":"q1","question":"Where is Paris?","answers":[{"text":"France","answer_start":12}]}]}]}]}
            """);

        var question = Assert.Single(SquadDataset.Read(path));

        Assert.Equal(("q1", "T1", "France"), (question.Id, question.Title, question.Answers[0]));
    }
}

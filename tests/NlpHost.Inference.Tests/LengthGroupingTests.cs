using NlpHost.Abstractions.Backbone;
using NlpHost.Inference.Internal;

namespace NlpHost.Inference.Tests;

public sealed class LengthGroupingTests
{
    [Fact]
    public void The_oldest_sequence_runs_with_those_closest_to_it_in_length()
    {
        var next = LengthGrouping.Next(Waiting(10, 100, 12, 9, 50, 11), maxBatch: 3);

        Assert.Equal([0, 3, 5], next);
    }

    [Fact]
    public void Among_equally_close_sequences_the_older_go_first()
    {
        Assert.Equal([0, 1], LengthGrouping.Next(Waiting(10, 11, 9, 11), maxBatch: 2));
        Assert.Equal([0, 1, 2], LengthGrouping.Next(Waiting(10, 11, 9, 11), maxBatch: 3));
    }

    [Fact]
    public void A_long_text_is_not_starved_by_short_ones_and_a_small_backlog_runs_whole()
    {
        Assert.Equal([0, 3], LengthGrouping.Next(Waiting(300, 5, 5, 280, 5), maxBatch: 2));
        Assert.Equal([0, 1, 2], LengthGrouping.Next(Waiting(300, 5, 5), maxBatch: 4));
    }

    private static SequenceRequest[] Waiting(params int[] lengths) =>
        [.. lengths.Select(n => new SequenceRequest(new EncoderInput([.. Enumerable.Repeat(101, n)]), 0))];
}

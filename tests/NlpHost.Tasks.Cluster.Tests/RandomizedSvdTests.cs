using NlpHost.Tasks.Cluster.Representation;

namespace NlpHost.Tasks.Cluster.Tests;

public sealed class RandomizedSvdTests
{
    [Fact]
    public void Document_factors_carry_the_largest_singular_values()
    {
        // Rows are orthogonal with lengths 3, 2 and 1: the rank-2 factors keep the first two rows'
        // lengths and collapse the third, whatever the rotation of the latent space.
        SparseVector[] rows =
        [
            new([0, 1], [3 / MathF.Sqrt(2), 3 / MathF.Sqrt(2)]),
            new([2], [2]),
            new([3], [1]),
        ];

        var factors = RandomizedSvd.DocumentFactors(rows, columns: 5, rank: 2, new Random(1));

        var lengths = factors.Select(f => Math.Sqrt(f.Sum(x => x * x))).ToArray();
        Assert.Equal(3, lengths[0], 3);
        Assert.Equal(2, lengths[1], 3);
        Assert.Equal(0, lengths[2], 3);
    }

    [Fact]
    public void Tfidf_rows_are_unit_length_and_drop_stop_words()
    {
        var vectors = TfIdfVectorizer.Vectorize(["the cat sat", "the cat ran", "a dog ran", "the dog sat"], minDf: 1, out var vocabulary);

        Assert.Equal(4, vocabulary); // cat, dog, ran, sat: "the" and "a" are stop words
        Assert.All(vectors, v => Assert.Equal(1, Math.Sqrt(v.Value.Sum(x => x * x)), 5));
    }
}

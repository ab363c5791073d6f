using NlpHost.Tasks.Spellcheck.Candidates;

namespace NlpHost.Tasks.Spellcheck.Tests;

public sealed class CandidateSearchTests(SpellcheckModelFixture fixture) : IClassFixture<SpellcheckModelFixture>
{
    [Theory]
    [InlineData("ab", "ba", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("receive", "recieve", 1)]
    [InlineData("same", "same", 0)]
    [InlineData("", "abc", 3)]
    public void Osa_distance_counts_an_adjacent_swap_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Osa(a, b, 5));
        Assert.Equal(expected, EditDistance.Osa(b, a, 5));
    }

    [Fact]
    public void Osa_distance_stops_at_the_bound()
    {
        Assert.Equal(3, EditDistance.Osa("abcdef", "uvwxyz", 2));
    }

    [Fact]
    public void Symmetric_delete_finds_exactly_the_words_a_brute_force_scan_finds()
    {
        var lexicon = fixture.Model.Lexicon;
        var words = lexicon.Words.Take(3000).Concat(lexicon.Words.Where(w => w.Length > 9).Take(1000)).ToList();
        var index = SymmetricDeleteIndex.Build(words);
        var searcher = index.CreateSearcher();
        var random = new Random(7);
        for (var trial = 0; trial < 1000; trial++)
        {
            var input = Mutate(words[random.Next(words.Count)], random);
            var found = new List<Candidate>();
            searcher.Search(input, 2, found);

            var expected = words.Select((w, id) => (id, d: EditDistance.Osa(input, w, 2))).Where(x => x.d <= 2).OrderBy(x => x.id).ToList();
            Assert.Equal(expected, found.Select(c => (c.WordId, c.Distance)).OrderBy(x => x.WordId).ToList());
        }
    }

    [Fact]
    public void Distances_of_several_words_at_once_equal_the_table_distance()
    {
        var random = new Random(5);
        var osa = new BitParallelOsa();
        var distances = new int[BitParallelOsa.Lanes];
        for (var trial = 0; trial < 3000; trial++)
        {
            var pattern = RandomText(random, 1, 12);
            var words = Enumerable.Range(0, random.Next(1, BitParallelOsa.Lanes + 1)).Select(_ => RandomText(random, 0, 14)).ToArray();
            // Unpadded, the last word cannot be read past its end and the batch is measured one word at a time.
            var pool = string.Concat(words) + (trial % 2 == 0 ? new string('x', 14) : "");
            var starts = words.Select((_, i) => words.Take(i).Sum(w => w.Length)).ToArray();
            var max = random.Next(1, 4);
            osa.Prepare(pattern);
            osa.Distances(pool, starts, [.. words.Select(w => w.Length)], max, distances);

            Assert.Equal(words.Select(w => EditDistance.Osa(pattern, w, max)), distances.Take(words.Length));
        }
    }

    [Fact]
    public void Distance_one_searches_return_only_single_edits()
    {
        var found = new List<Candidate>();
        fixture.Model.RentSearcher().Search("speling", 1, found);

        Assert.Contains(found, c => fixture.Model.Lexicon.Words[c.WordId] == "spelling");
        Assert.All(found, c => Assert.True(c.Distance <= 1));
    }

    [Theory]
    [InlineData("nolege", "knowledge")]
    [InlineData("fisicks", "physics")]
    [InlineData("fone", "phone")]
    [InlineData("kwik", "quick")]
    public void Sound_alike_spellings_share_a_phonetic_key(string typed, string word)
    {
        Assert.Equal(PhoneticKey.Of(word), PhoneticKey.Of(typed));
    }

    // Few letters, so that matches, swaps and repeats are common; now and then one beyond ASCII.
    private static string RandomText(Random random, int shortest, int longest) =>
        new([.. Enumerable.Range(0, random.Next(shortest, longest + 1)).Select(_ => "abcd'é"[random.Next(random.Next(40) == 0 ? 6 : 5)])]);

    private static string Mutate(string word, Random random)
    {
        var chars = word.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && chars.Count > 1; edits--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, (char)('a' + random.Next(26))); break;
                case 2: chars[at] = (char)('a' + random.Next(26)); break;
                default:
                    if (at + 1 < chars.Count)
                    {
                        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    }

                    break;
            }
        }

        return new string([.. chars]);
    }
}

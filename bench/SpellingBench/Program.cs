// Usage: dotnet run --project bench/SpellingBench -c Release -- [data folder] [sentences]
// Single thread throughout. Prints the time to load and index the lexicon, the isolated-word lookup rate of the
// candidate stage (symmetric delete, distance 2, every misspelling of mitton-missp.dat), the rate of the whole
// ranking for one word, and end-to-end sentences/s on big.txt sentences with one synthetic typo in every other one.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NlpHost.Tasks.Spelling;
using NlpHost.Tasks.Spelling.Candidates;
using NlpHost.Tasks.Spelling.Correction;
using NlpHost.Tasks.Spelling.Evaluation;

var data = args.Length > 0 ? args[0] : "../shared/data/spelling";
var sentenceCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var clock = Stopwatch.StartNew();
var model = SpellingModel.Load("models/spelling/words.txt.gz", "models/spelling/bigrams.txt.gz");
Console.WriteLine($"load+index: {clock.ElapsedMilliseconds} ms ({model.Lexicon.Count} words, {model.Index.DeleteCount} deletes, {model.PhoneticIndex.DeleteCount} sound-alike deletes, {model.Bigrams.Count} bigrams)");

var words = MisspellingSet.Read(Path.Combine(data, "mitton-missp.dat")).Select(m => m.Wrong.ToLowerInvariant()).Where(w => !w.Contains(' ', StringComparison.Ordinal)).ToArray();
var searcher = model.Index.CreateSearcher();
var found = new List<Candidate>();
long candidates = 0;
foreach (var word in words)
{
    found.Clear();
    searcher.Search(word, 2, found);
}

clock.Restart();
var cpu = Environment.CpuUsage.TotalTime;
const int Rounds = 5;
for (var round = 0; round < Rounds; round++)
{
    foreach (var word in words)
    {
        found.Clear();
        searcher.Search(word, 2, found);
        candidates += found.Count;
    }
}

var lookups = Rounds * words.Length;
Console.WriteLine($"candidate stage: {lookups / clock.Elapsed.TotalSeconds:F0} lookups/s wall, {lookups / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F0} per CPU second ({lookups} lookups, {(double)candidates / lookups:F1} candidates each, distance 2)");

var ranker = new CandidateRanker(model, new RankingWeights());
clock.Restart();
foreach (var word in words)
{
    ranker.Rank(word, -1, -1, 2);
}

Console.WriteLine($"ranked words (edit + sound-alike candidates, scored): {words.Length / clock.Elapsed.TotalSeconds:F0} words/s");

var sentences = Regex.Split(File.ReadAllText(Path.Combine(data, "big.txt")), @"(?<=[.!?])\s+")
    .Select(s => Regex.Replace(s, @"\s+", " ").Trim()).Where(s => s.Length is > 40 and < 300).Take(sentenceCount).ToList();
var random = new Random(11);
var typed = sentences.Select((s, i) => i % 2 == 0 ? Typo(s, random) : s).ToList();
var corrector = new Corrector(model, new RankingWeights());
var options = new SpellcheckOptions();
corrector.Correct(typed[0], options);
clock.Restart();
var corrections = typed.Sum(s => corrector.Correct(s, options).Corrections.Count);
Console.WriteLine($"end to end: {typed.Count / clock.Elapsed.TotalSeconds:F0} sentences/s ({typed.Count} sentences, {typed.Average(s => s.Length):F0} characters on average, {corrections} corrections)");

// One random edit inside a random lower-case word of at least 4 letters.
static string Typo(string sentence, Random random)
{
    var matches = Regex.Matches(sentence, @"\b[a-z]{4,}\b");
    if (matches.Count == 0)
    {
        return sentence;
    }

    var m = matches[random.Next(matches.Count)];
    var at = m.Index + 1 + random.Next(m.Length - 2);
    return random.Next(3) switch
    {
        0 => sentence.Remove(at, 1),
        1 => sentence.Insert(at, ((char)('a' + random.Next(26))).ToString()),
        _ => string.Concat(sentence.AsSpan(0, at), sentence.AsSpan(at + 1, 1), sentence.AsSpan(at, 1), sentence.AsSpan(at + 2)),
    };
}

// Usage: dotnet run --project bench/SpellcheckBench -c Release -- [data folder] [sentences]
// One thread throughout; every rate is given per wall second and per CPU second of the process (the second is
// steadier on a shared machine). Prints: the time to load and index the lexicon; the candidate stage alone
// (symmetric delete, every word within distance 2) on each misspelling of mitton-missp.dat; the known-word check
// that most words of real text stop at; the full ranking of one unknown word (edit + sound-alike candidates,
// scored); and end-to-end sentences/s on big.txt sentences, every other one with one synthetic typo.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NlpHost.Tasks.Spellcheck;
using NlpHost.Tasks.Spellcheck.Candidates;
using NlpHost.Tasks.Spellcheck.Correction;
using NlpHost.Tasks.Spellcheck.Evaluation;

var data = args.Length > 0 ? args[0] : "../shared/data/spelling";
var sentenceCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; date: {DateTime.UtcNow:yyyy-MM-dd}");

var load = Measure(() => SpellcheckModel.Load("models/spellcheck/words.txt.gz", "models/spellcheck/bigrams.txt.gz"), out var model);
Console.WriteLine($"load+index: {load.Wall.TotalMilliseconds:F0} ms wall, {load.Cpu.TotalMilliseconds:F0} ms CPU ({model.Lexicon.Count} words, " +
    $"{model.Index.DeleteCount} deletes, {model.PhoneticIndex.DeleteCount} sound-alike deletes, {model.Bigrams.Count} bigrams)");

var lexiconLoad = Measure(() => NlpHost.Tasks.Spellcheck.Lexicon.WordLexicon.Load("models/spellcheck/words.txt.gz"), out var lexicon);
var bigramLoad = Measure(() => NlpHost.Tasks.Spellcheck.Lexicon.BigramModel.Load("models/spellcheck/bigrams.txt.gz", lexicon), out _);
var editIndex = Measure(() => SymmetricDeleteIndex.Build(lexicon.Words), out _);
var soundIndex = Measure(() => SymmetricDeleteIndex.Build([.. lexicon.Words.Select(PhoneticKey.Of)], maxDistance: 1), out _);
Console.WriteLine($"  of which (CPU ms, measured again separately): lexicon {lexiconLoad.Cpu.TotalMilliseconds:F0}, bigrams {bigramLoad.Cpu.TotalMilliseconds:F0}, " +
    $"edit index {editIndex.Cpu.TotalMilliseconds:F0}, sound-alike index {soundIndex.Cpu.TotalMilliseconds:F0}");

var words = MisspellingSet.Read(Path.Combine(data, "mitton-missp.dat")).Select(m => m.Wrong.ToLowerInvariant())
    .Where(w => !w.Contains(' ', StringComparison.Ordinal)).ToArray();
var searcher = model.Index.CreateSearcher();
var found = new List<Candidate>();
long candidates = 0;
const int Rounds = 5;
SearchAll();
var search = Measure(() =>
{
    for (var round = 0; round < Rounds; round++)
    {
        candidates += SearchAll();
    }

    return 0;
}, out _);
Report("candidate stage (distance 2, all candidates)", Rounds * words.Length, search, $"{(double)candidates / (Rounds * words.Length):F1} candidates each");

var known = model.Lexicon.Words.Take(20000).ToArray();
var hits = 0;
var check = Measure(() =>
{
    for (var round = 0; round < 50; round++)
    {
        foreach (var word in known)
        {
            hits += model.Lexicon.Contains(word) ? 1 : 0;
        }
    }

    return 0;
}, out _);
Report("known-word check", 50 * known.Length, check, "the 20,000 most frequent words");

var ranker = new CandidateRanker(model, new SpellcheckSettings().Weights());
var ranking = Measure(() => words.Sum(w => ranker.Rank(w, -1, -1, 2).Count), out _);
Report("ranked unknown words (edit + sound-alike candidates, scored)", words.Length, ranking, "");

var sentences = Regex.Split(File.ReadAllText(Path.Combine(data, "big.txt")), @"(?<=[.!?])\s+")
    .Select(s => Regex.Replace(s, @"\s+", " ").Trim()).Where(s => s.Length is > 40 and < 300).Take(sentenceCount).ToList();
var random = new Random(11);
var typed = sentences.Select((s, i) => i % 2 == 0 ? Typo(s, random) : s).ToList();
var corrector = new Corrector(model, new SpellcheckSettings().Weights());
var options = new SpellcheckOptions();
corrector.Correct(typed[0], options);
var endToEnd = Measure(() => typed.Select(s => corrector.Correct(s, options).Text).ToList(), out var corrected);
Report("end to end (sentences)", typed.Count, endToEnd, $"{typed.Average(s => s.Length):F0} characters on average");
var withTypo = Enumerable.Range(0, typed.Count).Where(i => typed[i] != sentences[i]).ToList();
var clean = Enumerable.Range(0, typed.Count).Where(i => typed[i] == sentences[i]).ToList();
Console.WriteLine($"  quality: {withTypo.Count(i => corrected[i] == sentences[i])} of {withTypo.Count} sentences with a typo restored exactly; " +
    $"{clean.Count(i => corrected[i] != sentences[i])} of {clean.Count} clean sentences changed");

int SearchAll()
{
    var total = 0;
    foreach (var word in words)
    {
        found.Clear();
        searcher.Search(word, 2, found);
        total += found.Count;
    }

    return total;
}

static (TimeSpan Wall, TimeSpan Cpu) Measure<T>(Func<T> work, out T result)
{
    var cpu = Environment.CpuUsage.TotalTime;
    var clock = Stopwatch.StartNew();
    result = work();
    return (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);
}

static void Report(string what, int count, (TimeSpan Wall, TimeSpan Cpu) time, string note) =>
    Console.WriteLine($"{what}: {count / time.Wall.TotalSeconds:F0}/s wall, {count / time.Cpu.TotalSeconds:F0}/s per CPU second ({count} items{(note.Length > 0 ? ", " + note : "")})");

// One random edit (delete, insert, swap) inside a random lower-case word of at least 4 letters.
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

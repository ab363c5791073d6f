#:project ../common/TrainingBackbone/TrainingBackbone.csproj
#:project ../../plugins/Spellcheck/Spellcheck.csproj
#:property NoWarn=$(NoWarn);CA5394;CA1859;CA1865;CA1866;CA1846
// Builds the spellcheck context head's training data: English sentences (Norvig's big.txt: 19th-century books;
// the English side of the Tatoeba pairs in ../shared/data/translation: modern everyday English) given synthetic
// misspellings (one word a sentence, 60 %) and real-word swaps from the confusion sets, plus single misspelled words
// without context (15 % of items, as the evaluation lists). A confusable word w is swapped for a set member v with
// probability min(Q * count(v) / count(w), MaxSwap) (counts over the sentences used, at most one swap a sentence):
// swapping uniformly would make a rare "too" mostly a slip for "to" and teach the head to distrust rare words; the
// ratio keeps each typed word's share of errors near Q, and the cap keeps most of a rare word's own occurrences
// (without it every "too" became "to" and the head learnt that "too" is always wrong). Each sentence goes through the task's own Corrector.Plan and
// ContextRowBuilder.BuildAsync, so the rows are exactly the head's inputs.
// Split by sentence: FNV-1a(sentence) % 10 == 0 is dev. Written in parts of 1,000 items; a rerun skips finished
// parts (resumable), then embeds every candidate word once (words.txt, words.f32).
// Per part: items.jsonl (one line per questioned word: split, kind, label = index of the intended word among the
// rows or -1, the candidate words), contexts.f32 (hidden size floats per questioned word), features.f32
// (ContextFeatures.Count floats per row). Also dev.tsv: misspelled sentence TAB original, for nlphost eval spellcheck.
// Usage (repository root): dotnet run --file training/spellcheck/DumpExamples.cs -- <out-dir> <train items> <dev items> <source>...
//   a source is a text file (split into sentences) or a .tsv whose first column is one sentence a line.
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NlpHost.Abstractions.Backbone;
using NlpHost.Tasks.Spellcheck;
using NlpHost.Tasks.Spellcheck.Context;
using NlpHost.Tasks.Spellcheck.Correction;
using NlpHost.Tasks.Spellcheck.Text;
using NlpHost.Training;

var outDir = args[0];
var trainItems = int.Parse(args[1], CultureInfo.InvariantCulture);
var devItems = int.Parse(args[2], CultureInfo.InvariantCulture);
var sources = args[3..];
const int PartSize = 1_000;
const double Q = 0.08;
const double MaxSwap = 0.2;
Directory.CreateDirectory(outDir);

await using var training = TrainingBackbone.Open();
var backbone = training.Backbone;
var model = SpellcheckModel.Load("models/spellcheck/words.txt.gz", "models/spellcheck/bigrams.txt.gz", "models/spellcheck/confusables.txt");
var corrector = new Corrector(model, new SpellcheckSettings().Weights());
var embeddings = new CandidateEmbeddings(backbone);
var scorer = new ContextRowBuilder(backbone, embeddings, new SpellcheckSettings().Context());
var hidden = backbone.Info.HiddenSize;

var sentences = sources.SelectMany(Read).Distinct().ToList();
var counts = new Dictionary<int, long>();
foreach (var sentence in sentences)
{
    foreach (var t in TextScanner.Scan(sentence))
    {
        if (model.Lexicon.TryGetId(sentence.Substring(t.Start, t.Length), out var id) && model.Confusables.Members(id) is not null)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
    }
}

var dev = sentences.Where(s => Fnv(s) % 10 == 0).ToList();
var train = sentences.Where(s => Fnv(s) % 10 != 0).ToList();
Console.WriteLine($"{sentences.Count} sentences: {train.Count} train, {dev.Count} dev");
var plans = new List<(string Split, List<string> Items)>
{
    ("dev", Shuffle(dev, 5).Take(devItems).ToList()),
    ("train", Shuffle(train, 7).Take(trainItems).ToList()),
};

var options = new SpellcheckOptions();
using (var devTsv = new StreamWriter(Path.Combine(outDir, "dev.tsv")))
{
    foreach (var (split, items) in plans)
    {
        for (var part = 0; part * PartSize < items.Count; part++)
        {
            var name = Path.Combine(outDir, $"{split}-{part:D3}");
            var random = new Random((split == "dev" ? 1_000_000 : 0) + part);
            var chunk = items.Skip(part * PartSize).Take(PartSize).Select(s => Corrupt(s, random)).ToList();
            if (split == "dev")
            {
                foreach (var (wrong, right) in chunk.Where(c => c.Wrong.Contains(' ', StringComparison.Ordinal)))
                {
                    devTsv.WriteLine($"{wrong}\t{right}");
                }
            }

            if (File.Exists(name + ".done"))
            {
                continue;
            }

            await DumpPartAsync(name, split, chunk);
            File.WriteAllText(name + ".done", "");
            Console.WriteLine($"{name}: {chunk.Count} items");
        }
    }
}

await DumpWordsAsync();
return 0;

async Task DumpPartAsync(string name, string split, List<(string Wrong, string Right)> chunk)
{
    using var itemsOut = new StreamWriter(name + ".items.jsonl");
    using var contexts = new FileStream(name + ".contexts.f32", FileMode.Create);
    using var features = new FileStream(name + ".features.f32", FileMode.Create);
    foreach (var batch in chunk.Chunk(32))
    {
        var work = batch.Select(async pair =>
        {
            var plan = corrector.Plan(pair.Wrong, options, realWords: true);
            return (pair, plan, rows: await scorer.BuildAsync(plan, CancellationToken.None));
        });
        foreach (var (pair, plan, rows) in await Task.WhenAll(work))
        {
            var truth = TextScanner.Scan(pair.Right);
            for (var s = 0; s < plan.Suspects.Count; s++)
            {
                var suspect = plan.Suspects[s];
                var r = rows[s];
                var candidates = suspect.Candidates.Take(r.Count).Select(c => c.Text).ToList();
                var token = truth[suspect.Token];
                var intended = Corrector.Normalize(pair.Right, token);
                var rowWidth = r.Rows.Length / r.Count;
                contexts.Write(Bytes(r.Rows.AsSpan(0, hidden)));
                for (var c = 0; c < r.Count; c++)
                {
                    features.Write(Bytes(r.Rows.AsSpan((c * rowWidth) + (2 * hidden), ContextFeatures.Count)));
                }

                itemsOut.WriteLine(JsonSerializer.Serialize(new
                {
                    split,
                    kind = suspect.Kind.ToString(),
                    label = candidates.IndexOf(intended),
                    typed = suspect.TypedIndex,
                    changed = !string.Equals(suspect.Original, pair.Right.Substring(token.Start, token.Length), StringComparison.OrdinalIgnoreCase),
                    context = r.HasContext,
                    candidates,
                }));
            }
        }
    }
}

async Task DumpWordsAsync()
{
    var words = Directory.GetFiles(outDir, "*.items.jsonl").Order(StringComparer.Ordinal)
        .SelectMany(File.ReadLines).SelectMany(l => JsonDocument.Parse(l).RootElement.GetProperty("candidates").EnumerateArray().Select(e => e.GetString()!))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    using var vectors = new FileStream(Path.Combine(outDir, "words.f32"), FileMode.Create);
    foreach (var batch in words.Chunk(256))
    {
        foreach (var v in await backbone.EmbedAsync(batch, CancellationToken.None))
        {
            vectors.Write(Bytes(v));
        }
    }

    File.WriteAllLines(Path.Combine(outDir, "words.txt"), words);
    Console.WriteLine($"{words.Count} candidate words embedded");
}

(string Wrong, string Right) Corrupt(string sentence, Random random)
{
    var tokens = TextScanner.Scan(sentence);
    var plain = tokens.Where(t => t.Kind == TokenKind.Word && t.Length >= 3 && IsLowerKnown(sentence.Substring(t.Start, t.Length))).ToList();
    if (random.NextDouble() < 0.15 && plain.Count > 0)
    {
        // A single word without context, as in the evaluation lists.
        var t = plain[random.Next(plain.Count)];
        var word = sentence.Substring(t.Start, t.Length);
        return (Typos.Make(word, random, w => model.Lexicon.Contains(w)) ?? word, word);
    }

    var text = new StringBuilder(sentence);
    var edits = new List<(int Start, int Length, string Replacement)>();
    if (random.NextDouble() < 0.6 && plain.Count > 0)
    {
        var t = plain[random.Next(plain.Count)];
        var typo = Typos.Make(sentence.Substring(t.Start, t.Length), random, w => model.Lexicon.Contains(w));
        if (typo is not null)
        {
            edits.Add((t.Start, t.Length, typo));
        }
    }

    var confusable = tokens.Where(t => t.Kind == TokenKind.Word && !edits.Exists(e => e.Start == t.Start)
        && model.Lexicon.TryGetId(sentence.Substring(t.Start, t.Length), out var id) && model.Confusables.Members(id) is not null).ToList();
    foreach (var t in confusable.OrderBy(_ => random.Next()))
    {
        model.Lexicon.TryGetId(sentence.Substring(t.Start, t.Length), out var id);
        var swap = model.Confusables.Members(id)!.Where(v => v != id)
            .FirstOrDefault(v => random.NextDouble() < Math.Min(Q * counts.GetValueOrDefault(v) / counts[id], MaxSwap), -1);
        if (swap >= 0)
        {
            edits.Add((t.Start, t.Length, model.Lexicon.Words[swap]));
            break;
        }
    }

    foreach (var (start, length, replacement) in edits.OrderByDescending(e => e.Start))
    {
        text.Remove(start, length).Insert(start, replacement);
    }

    return (text.ToString(), sentence);
}

bool IsLowerKnown(string word) => word.All(char.IsAsciiLetterLower) && model.Lexicon.Contains(word);

static IEnumerable<string> Read(string path) => path.EndsWith(".tsv", StringComparison.Ordinal)
    ? File.ReadLines(path).Select(l => l.Split('\t')[0]).Where(Keep)
    : Sentences(File.ReadAllText(path));

static bool Keep(string sentence)
{
    var words = sentence.Split(' ').Length;
    return words is >= 6 and <= 40 && sentence.All(c => c < 128) && !sentence.Any(char.IsDigit) && sentence.Count(char.IsUpper) < words / 2;
}

static IEnumerable<string> Sentences(string text)
{
    foreach (var paragraph in Regex.Split(text, @"\n\s*\n"))
    {
        var flat = Regex.Replace(paragraph, @"\s+", " ").Trim();
        foreach (var sentence in Regex.Split(flat, @"(?<=[.!?][""']?)\s+(?=[""']?[A-Z])").Where(Keep))
        {
            yield return sentence;
        }
    }
}

static List<string> Shuffle(List<string> items, int seed)
{
    var copy = items.ToList();
    new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(copy));
    return copy;
}

static uint Fnv(string s)
{
    var hash = 2166136261u;
    foreach (var c in s)
    {
        hash = (hash ^ c) * 16777619u;
    }

    return hash;
}

static byte[] Bytes(ReadOnlySpan<float> values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray();

// Synthetic misspellings for the context head's training data: the slips people make, not random noise.
internal static class Typos
{
    private const string Vowels = "aeiou";

    // QWERTY neighbours: a slipped finger.
    private static readonly Dictionary<char, string> Neighbours = new()
    {
        ['q'] = "wa", ['w'] = "qes", ['e'] = "wrd", ['r'] = "etf", ['t'] = "ryg", ['y'] = "tuh", ['u'] = "yij", ['i'] = "uok",
        ['o'] = "ipl", ['p'] = "ol", ['a'] = "qsz", ['s'] = "awdz", ['d'] = "sefx", ['f'] = "drgc", ['g'] = "fthv",
        ['h'] = "gyjb", ['j'] = "hukn", ['k'] = "jilm", ['l'] = "kop", ['z'] = "asx", ['x'] = "zsdc", ['c'] = "xdfv",
        ['v'] = "cfgb", ['b'] = "vghn", ['n'] = "bhjm", ['m'] = "njk",
    };

    // Spelling-by-sound: what a writer unsure of the word puts down.
    private static readonly (string From, string To)[] Sounds =
    [
        ("ph", "f"), ("f", "ph"), ("c", "k"), ("ck", "k"), ("k", "c"), ("s", "c"), ("c", "s"), ("ie", "ei"), ("ei", "ie"),
        ("tion", "sion"), ("sion", "tion"), ("ant", "ent"), ("ent", "ant"), ("ance", "ence"), ("ence", "ance"),
        ("able", "ible"), ("ible", "able"), ("er", "or"), ("or", "er"), ("ght", "t"), ("wh", "w"), ("y", "ie"),
        ("ous", "us"), ("ee", "ea"), ("ea", "ee"), ("al", "el"), ("le", "el"), ("ise", "ize"), ("x", "cks"), ("qu", "kw"),
    ];

    /// <summary>A misspelling of <paramref name="word"/> that is not a known word, or null after 20 tries.</summary>
    public static string? Make(string word, Random random, Func<string, bool> known)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var typo = Edit(word, random);
            if (random.NextDouble() < 0.25)
            {
                typo = Edit(typo, random);
            }

            if (typo.Length > 0 && typo != word && !known(typo))
            {
                return typo;
            }
        }

        return null;
    }

    private static string Edit(string w, Random random)
    {
        if (w.Length < 2)
        {
            return w;
        }

        // Mostly not the first letter: people rarely get that wrong.
        var i = random.NextDouble() < 0.9 ? random.Next(1, w.Length) : 0;
        switch (random.Next(7))
        {
            case 0:
                return w.Remove(i, 1);
            case 1:
                return w.Insert(i, (random.NextDouble() < 0.5 ? w[i] : Neighbour(w[i], random)).ToString());
            case 2:
                return Vowels.Contains(w[i]) ? Replace(w, i, Vowels[random.Next(Vowels.Length)]) : Replace(w, i, Neighbour(w[i], random));
            case 3:
                return i + 1 < w.Length ? string.Concat(w.AsSpan(0, i), w[i + 1].ToString(), w[i].ToString(), w.AsSpan(i + 2)) : w.Remove(i, 1);
            case 4:
                for (var j = 1; j < w.Length; j++)
                {
                    if (w[j] == w[j - 1])
                    {
                        return w.Remove(j, 1);
                    }
                }

                return Vowels.Contains(w[i]) ? w : w.Insert(i, w[i].ToString());
            case 5:
                var vowels = Enumerable.Range(0, w.Length).Where(j => Vowels.Contains(w[j])).ToList();
                return vowels.Count == 0 ? w : Replace(w, vowels[random.Next(vowels.Count)], Vowels[random.Next(Vowels.Length)]);
            default:
                var options = Sounds.Where(s => w.Contains(s.From, StringComparison.Ordinal)).ToList();
                if (options.Count == 0)
                {
                    return w.Remove(i, 1);
                }

                var (from, to) = options[random.Next(options.Count)];
                var at = w.IndexOf(from, StringComparison.Ordinal);
                return string.Concat(w.AsSpan(0, at), to, w.AsSpan(at + from.Length));
        }
    }

    private static char Neighbour(char c, Random random) => Neighbours.TryGetValue(c, out var n) ? n[random.Next(n.Length)] : c;

    private static string Replace(string w, int i, char c) => string.Concat(w.AsSpan(0, i), c.ToString(), w.AsSpan(i + 1));
}

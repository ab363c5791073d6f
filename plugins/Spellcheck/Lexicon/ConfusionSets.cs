namespace NlpHost.Tasks.Spellcheck.Lexicon;

/// <summary>
/// Groups of known words that are often written for one another (their/there/they're, than/then): the only known
/// words the corrector questions, and only with the context head. One set a line in
/// <c>models/spellcheck/confusables.txt</c>, words separated by spaces; <c>#</c> starts a comment. Words missing
/// from the lexicon are dropped, and so is a set left with fewer than two.
/// </summary>
internal sealed class ConfusionSets
{
    private readonly Dictionary<int, int[]> _members;

    private ConfusionSets(Dictionary<int, int[]> members) => _members = members;

    public static ConfusionSets Empty { get; } = new([]);

    /// <summary>Number of words that belong to some set.</summary>
    public int Count => _members.Count;

    public static ConfusionSets Load(string path, WordLexicon lexicon) => Parse(File.ReadLines(path), lexicon);

    public static ConfusionSets Parse(IEnumerable<string> lines, WordLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(lexicon);
        var sets = new Dictionary<int, HashSet<int>>();
        foreach (var raw in lines)
        {
            var line = raw.Split('#', 2)[0];
            var ids = new HashSet<int>();
            foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (lexicon.TryGetId(word.ToLowerInvariant(), out var id))
                {
                    ids.Add(id);
                }
            }

            if (ids.Count < 2)
            {
                continue;
            }

            // A word in several sets (to/too/two, too/two) is confused with all their members.
            foreach (var id in ids)
            {
                if (!sets.TryGetValue(id, out var members))
                {
                    sets[id] = members = [];
                }

                members.UnionWith(ids);
            }
        }

        return new ConfusionSets(sets.ToDictionary(p => p.Key, p => p.Value.Order().ToArray()));
    }

    /// <summary>The word's set (itself included), or null when it belongs to none.</summary>
    public int[]? Members(int id) => _members.GetValueOrDefault(id);
}

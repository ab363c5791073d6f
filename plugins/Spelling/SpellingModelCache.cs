using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace NlpHost.Tasks.Spelling;

/// <summary>Loads each lexicon once per process (about a second) and keeps it for later jobs; a DI singleton.</summary>
internal sealed partial class SpellingModelCache
{
    private readonly ConcurrentDictionary<string, Lazy<SpellingModel>> _models = new(StringComparer.Ordinal);

    public SpellingModel Get(string lexiconPath, string? bigramPath, string? confusablesPath, ILogger logger) =>
        _models.GetOrAdd(lexiconPath + "|" + bigramPath + "|" + confusablesPath, _ => new Lazy<SpellingModel>(() =>
        {
            var clock = Stopwatch.StartNew();
            var model = SpellingModel.Load(lexiconPath, bigramPath, confusablesPath);
            Log.Loaded(logger, model.Lexicon.Count, model.Index.DeleteCount, model.PhoneticIndex.DeleteCount, model.Bigrams.Count, clock.ElapsedMilliseconds);
            return model;
        })).Value;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "spellcheck: {Words} words, {Deletes} deletes, {SoundDeletes} sound-alike deletes, {Bigrams} bigrams loaded and indexed in {Milliseconds} ms")]
        public static partial void Loaded(ILogger logger, int words, int deletes, int soundDeletes, int bigrams, long milliseconds);
    }
}

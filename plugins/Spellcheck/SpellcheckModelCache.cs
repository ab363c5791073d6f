using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NlpHost.Tasks.Sdk.Models;

namespace NlpHost.Tasks.Spellcheck;

/// <summary>
/// Loads each lexicon once per process (about a second) and keeps it for later jobs; a DI singleton. A failed load is
/// not kept (the SDK's one policy), so a lexicon delivered or fixed later is picked up by the next job.
/// </summary>
internal sealed class SpellcheckModelCache : IAsyncDisposable
{
    private readonly ModelCache<SpellcheckModel> _models = new();

    public SpellcheckModel Get(string lexiconPath, string? bigramPath, string? confusablesPath, ILogger logger) =>
        _models.Get(lexiconPath + "|" + bigramPath + "|" + confusablesPath, () =>
        {
            var clock = Stopwatch.StartNew();
            var model = SpellcheckModel.Load(lexiconPath, bigramPath, confusablesPath);
            Log.Loaded(logger, model.Lexicon.Count, model.Index.DeleteCount, model.PhoneticIndex.DeleteCount, model.Bigrams.Count, clock.ElapsedMilliseconds);
            return model;
        });

    public ValueTask DisposeAsync() => _models.DisposeAsync();
}

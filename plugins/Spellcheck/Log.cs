using Microsoft.Extensions.Logging;

namespace NlpHost.Tasks.Spellcheck;

/// <summary>Source-generated log messages of the spellcheck plugin.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "spellcheck: {Words} words, {Deletes} deletes, {SoundDeletes} sound-alike deletes, {Bigrams} bigrams loaded and indexed in {Milliseconds} ms")]
    public static partial void Loaded(ILogger logger, int words, int deletes, int soundDeletes, int bigrams, long milliseconds);
}

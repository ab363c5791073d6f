namespace NlpHost.Cli;

/// <summary>Process exit codes a shell script can act on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The task ran and failed (a bug or a fault in the environment).</summary>
    public const int Failed = 1;

    /// <summary>Wrong usage: unknown verb or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>The input document or options are invalid.</summary>
    public const int InvalidInput = 3;

    /// <summary>The task is unknown or cannot run here (missing head, plugin failed to load).</summary>
    public const int Unavailable = 4;

    /// <summary>Configuration is invalid.</summary>
    public const int Configuration = 5;

    /// <summary>The job has not finished yet (EX_TEMPFAIL): ask again later.</summary>
    public const int NotFinished = 75;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}

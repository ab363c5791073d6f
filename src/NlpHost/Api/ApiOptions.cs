using System.ComponentModel.DataAnnotations;

namespace NlpHost.Api;

/// <summary>HTTP API settings; section <c>Api</c>.</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>When any key is set, every call must carry one in <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>).</summary>
    public IList<string> Keys { get; init; } = [];

    /// <summary>Largest request body for job submission; larger requests get 413.</summary>
    [Range(1024, 1L << 31, ErrorMessage = "Api:MaxRequestBytes must be between 1024 and 2147483648")]
    public long MaxRequestBytes { get; set; } = 32L << 20;

    /// <summary>Largest request body for a synchronous run (<c>POST /v1/tasks/{task}/run</c>).</summary>
    [Range(1024, 1L << 31, ErrorMessage = "Api:MaxSyncRequestBytes must be between 1024 and 2147483648")]
    public long MaxSyncRequestBytes { get; set; } = 1L << 20;

    /// <summary>Most jobs in one batch submission.</summary>
    [Range(1, 100_000, ErrorMessage = "Api:MaxBatchJobs must be between 1 and 100000")]
    public int MaxBatchJobs { get; set; } = 10_000;

    /// <summary>Longest a synchronous run may take before it is answered with 503 (it should be a job).</summary>
    [Range(0.1, 3600, ErrorMessage = "Api:RunTimeoutSeconds must be between 0.1 and 3600")]
    public double RunTimeoutSeconds { get; set; } = 30;

    /// <summary>Whether <c>/health/live</c> and <c>/health/ready</c> need an API key too (probes usually carry none).</summary>
    public bool ProtectHealth { get; set; }

    /// <summary>Whether <c>/metrics</c> needs an API key when keys are set.</summary>
    public bool ProtectMetrics { get; set; } = true;

    /// <summary>Run the background worker inside <c>nlphost serve</c> too (one box); false serves the API only.</summary>
    public bool RunWorker { get; set; } = true;
}

using System.ComponentModel.DataAnnotations;
using NlpHost.Tasks.Qa.Runtime;

namespace NlpHost.Tasks.Qa;

/// <summary><c>Plugins:qa</c>, bound and validated by the host; each default is stated here once.</summary>
internal sealed class QaSettings
{
    /// <summary>Which head reads: <c>span</c> (frozen backbone), <c>branch</c> (fine-tuned top layers) or <c>auto</c> (branch when installed).</summary>
    [AllowedValues("span", "branch", "auto", ErrorMessage = "must be span, branch or auto")]
    public string Head { get; set; } = "auto";

    /// <summary>A whole QA export to run instead of backbone + head.</summary>
    public QaModelSettings Model { get; set; } = new();
}

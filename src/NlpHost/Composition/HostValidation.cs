using Microsoft.Extensions.Options;

namespace NlpHost.Composition;

/// <summary>Start-up validation for verbs that use the host's services without starting it.</summary>
internal static class HostValidation
{
    /// <summary>Runs every <c>ValidateOnStart</c> check now; throws <see cref="OptionsValidationException"/> naming the bad keys.</summary>
    public static void ValidateOptions(this IHost host) => host.Services.GetService<IStartupValidator>()?.Validate();
}

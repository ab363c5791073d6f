namespace NlpHost.Abstractions.Plugins;

/// <summary>
/// Marks an assembly as an NlpHost plugin and names its registration type.
/// </summary>
/// <remarks>
/// The contract version parameters default to constants, which the compiler copies into the plugin
/// at build time: the attribute therefore records the contract the plugin was built against, not the
/// one the host happens to load.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class NlpHostPluginAttribute : Attribute
{
    /// <summary>Declares the plugin.</summary>
    /// <param name="registrationType">A public type implementing <see cref="IPluginRegistration"/> with a parameterless constructor.</param>
    /// <param name="contractMajor">Leave at its default.</param>
    /// <param name="contractMinor">Leave at its default.</param>
    public NlpHostPluginAttribute(Type registrationType, int contractMajor = ContractVersion.Major, int contractMinor = ContractVersion.Minor)
    {
        RegistrationType = registrationType;
        ContractMajor = contractMajor;
        ContractMinor = contractMinor;
    }

    /// <summary>The type the host instantiates to let the plugin register its services.</summary>
    public Type RegistrationType { get; }

    /// <summary>Contract major version the plugin was compiled against.</summary>
    public int ContractMajor { get; }

    /// <summary>Contract minor version the plugin was compiled against.</summary>
    public int ContractMinor { get; }
}

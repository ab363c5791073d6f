namespace NlpHost.Abstractions;

/// <summary>
/// The version of the plugin contract. A plugin records the version it was compiled against
/// (see <see cref="Plugins.NlpHostPluginAttribute"/>); the host refuses a plugin whose major differs
/// from its own, or whose minor is newer than its own.
/// </summary>
/// <remarks>
/// Compatibility rules for a minor version: add members, never change or remove them. Records keep their primary
/// constructors as they are; a new field is an optional <c>init</c> property with a default, so plugins compiled
/// against an older minor keep binding. New capabilities for a kind of plugin (e.g. a stateful decoder session
/// for generation heads) come as new interfaces, discovered with a type test, not as members added to existing ones.
/// <para>1.1: <see cref="Backbone.ITokenizerFactory"/> and <see cref="Backbone.ITextTokenizer"/> (tokenizers for models that bring their own vocabulary).</para>
/// <para>1.2: <see cref="Backbone.BoolTensor"/>, <see cref="Backbone.IOnnxModelMetadata"/> and <see cref="Plugins.TaskModelException"/>.</para>
/// <para>1.3: <see cref="Backbone.ILayeredBackbone"/> and <see cref="Backbone.LayeredHiddenStates"/> (hidden states after an intermediate layer, for branch heads; a head's manifest declares <c>"backboneLayer"</c>).</para>
/// <para>1.4: <see cref="Plugins.TaskDescriptor.SettingsType"/>, <see cref="Plugins.TaskContext.GetSettings{TSettings}"/> and <see cref="Plugins.TaskConfigurationException"/> (settings bound and validated by the host).</para>
/// </remarks>
public static class ContractVersion
{
    /// <summary>Incremented on a breaking change to any public type of this assembly.</summary>
    public const int Major = 1;

    /// <summary>Incremented when members are added without breaking existing plugins.</summary>
    public const int Minor = 4;

    /// <summary>The version as <c>major.minor</c>.</summary>
    public static string Text => $"{Major}.{Minor}";
}

using System.ComponentModel.DataAnnotations;

namespace NlpHost.PluginLoading;

/// <summary>Where plugins are found and which are used; section <c>Plugins</c>.</summary>
public sealed class PluginOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Plugins";

    /// <summary>Folder holding one sub-folder per plugin (<c>&lt;Name&gt;/&lt;Name&gt;.dll</c>); relative to the executable.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "plugins";

    /// <summary>Plugin folder names or task names to load; empty loads all.</summary>
    public IList<string> Enabled { get; init; } = [];

    /// <summary>Plugin folder names or task names never to load; wins over <see cref="Enabled"/>.</summary>
    public IList<string> Disabled { get; init; } = [];

    /// <summary>Folder that relative head paths resolve against; relative to the current directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelsPath { get; set; } = "models";

    /// <summary>The plugin folder as an absolute path.</summary>
    public string ResolvePath() => System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);
}

namespace NlpHost.PluginLoading.Integrity;

/// <summary>A model every task depends on (the backbone), checked before a task runs.</summary>
public interface IModelPrecondition
{
    /// <summary>What is wrong, naming the file and what to do; <see langword="null"/> when usable.</summary>
    string? Problem();
}

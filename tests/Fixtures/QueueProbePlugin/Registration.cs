using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(QueueProbePlugin.Registration))]

namespace QueueProbePlugin;

public sealed class Registration : IPluginRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddTaskPlugin<SleepTask>().AddTaskPlugin<TransientTask>().AddTaskPlugin<NoopTask>();
}

/// <summary>Input of every probe task: a marker the test chose, unique per job.</summary>
public sealed record ProbeInput(string Marker);

/// <summary>What a probe run returns: the job's marker and the id of this execution.</summary>
public sealed record ProbeOutput(string Marker, string Run);

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NlpHost.Abstractions.Plugins;

[assembly: NlpHostPlugin(typeof(EchoPlugin.Registration))]

namespace EchoPlugin;

public sealed class Registration : IPluginRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddTaskPlugin<EchoTask>();
}

public sealed record EchoInput(string Text);

public sealed record EchoOptions
{
    public bool Upper { get; init; }
}

public sealed record EchoOutput(string Text, string? Greeting);

/// <summary>Echoes its input, to prove a plugin built outside the solution runs in the host.</summary>
public sealed class EchoTask : TaskPlugin<EchoInput, EchoOptions, EchoOutput>
{
    public override TaskDescriptor Descriptor { get; } = Describe("echo", "9.9.9", "Echoes text back");

    protected override void Validate(EchoInput input, EchoOptions options)
    {
        if (input.Text is null)
        {
            throw new TaskInputException("input.text", "is required");
        }
    }

    protected override Task<EchoOutput> ExecuteAsync(EchoInput input, EchoOptions options, TaskContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EchoOutput(options.Upper ? input.Text.ToUpperInvariant() : input.Text, context.Settings["Greeting"]));
}

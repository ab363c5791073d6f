namespace NlpHost.Composition;

/// <summary>Builds the generic host the command-line verbs run in.</summary>
internal static class HostFactory
{
    public static IHost Build(string[] overrides, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "nlphost",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddNlpHostSources(overrides);
        builder.Services.AddNlpHostCore(builder.Configuration);
        configure?.Invoke(builder);
        return builder.Build();
    }
}

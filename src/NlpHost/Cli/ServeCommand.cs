using System.CommandLine;
using Microsoft.Extensions.Options;
using NlpHost.Api;
using NlpHost.Composition;
using NlpHost.Dashboard;

namespace NlpHost.Cli;

/// <summary><c>nlphost serve --urls &lt;url&gt;</c>: the HTTP API, with the background worker unless <c>Api:RunWorker</c> is false.</summary>
internal static class ServeCommand
{
    public static Command Create(string[] overrides)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080 (default http://localhost:5000)." };
        var command = new Command("serve", "Serve the HTTP API (and run the background worker).") { urls };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ApplicationName = "nlphost",
                ContentRootPath = Directory.GetCurrentDirectory(),
            });
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddNlpHostSources(overrides);
            if (parse.GetValue(urls) is { } addresses)
            {
                builder.WebHost.UseUrls(addresses);
            }

            var runWorker = builder.Configuration.GetValue($"{ApiOptions.SectionName}:{nameof(ApiOptions.RunWorker)}", true);
            builder.Services.AddNlpHostCore(builder.Configuration).AddQueue(builder.Configuration, runWorker).AddNlpHostApi(builder.Configuration)
                .AddNlpHostDashboard(builder.Configuration);
            await using var app = builder.Build();
            var apiOptions = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
            // Before the API: the dashboard's page must load without a key to show its login form.
            app.MapNlpHostDashboard(apiKeyRequired: apiOptions.Keys.Count > 0, runWorker);
            app.MapNlpHostApi(apiOptions);
            await app.RunAsync(token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}

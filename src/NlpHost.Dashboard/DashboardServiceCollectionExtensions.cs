using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NlpHost.Dashboard.Internal;

namespace NlpHost.Dashboard;

/// <summary>Registration and mapping of the web dashboard.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Binds and validates the <c>Dashboard</c> section and registers what the dashboard's endpoints use.</summary>
    public static IServiceCollection AddNlpHostDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BatchSizeRecorder>();
        services.TryAddSingleton<OverviewSnapshots>();
        services.TryAddSingleton<TaskForms>();
        services.TryAddSingleton<DocumentMap>();
        return services;
    }

    /// <summary>
    /// Serves the dashboard under <c>Dashboard:Path</c> unless <c>Dashboard:Enabled</c> is false. Call it before the
    /// API's key check is added: the static page and its scripts hold no data and must load to show the login form;
    /// every data call goes to endpoints behind that check.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <param name="apiKeyRequired">Whether <c>Api:Keys</c> is set, so the page asks for a key first.</param>
    /// <param name="runsWorker">Whether this process runs the background worker (shown as a live host).</param>
    public static WebApplication MapNlpHostDashboard(this WebApplication app, bool apiKeyRequired, bool runsWorker)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        // Started now so batches from the first job on are counted.
        _ = app.Services.GetRequiredService<BatchSizeRecorder>();
        app.UseMiddleware<DashboardAssets>(options.BasePath, new DashboardSession(apiKeyRequired, runsWorker));
        app.MapDashboardApi(options.BasePath, runsWorker);
        return app;
    }
}

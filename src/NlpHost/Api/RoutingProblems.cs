using Microsoft.AspNetCore.Http;

namespace NlpHost.Api;

/// <summary>
/// Problems the framework writes itself (no route, wrong method, an unexpected fault) get a field and a sentence too,
/// like the endpoints' own refusals.
/// </summary>
internal static class RoutingProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("field"))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var (field, title) = problem.Status switch
        {
            404 => ("path", $"no endpoint at {request.Path}; the endpoints are listed in /openapi/v1.json"),
            405 => ("method", $"{request.Method} is not allowed on {request.Path}; the endpoints are listed in /openapi/v1.json"),
            >= 500 => ("request", "the server failed unexpectedly; the log has the details (traceId)"),
            _ => ("request", problem.Title ?? "refused"),
        };
        problem.Title = $"{field}: {title}";
        problem.Extensions["field"] = field;
    }
}

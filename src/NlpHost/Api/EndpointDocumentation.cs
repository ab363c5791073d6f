using Microsoft.AspNetCore.Mvc;

namespace NlpHost.Api;

/// <summary>What the OpenAPI document says an endpoint takes and answers, for endpoints that read their body by hand.</summary>
internal static class EndpointDocumentation
{
    /// <summary>The body is JSON of <typeparamref name="T"/> (read by <see cref="RequestBody"/>); "*/*" and optional, so routing does not answer 415 to <c>curl -d</c> or a missing header.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
        where T : notnull => builder.Accepts<T>(isOptional: true, "application/json", "*/*");

    /// <summary>400 and 401 (every endpoint may answer them), plus <paramref name="statuses"/>, as RFC 7807 problems.</summary>
    public static RouteHandlerBuilder ProducesRefusals(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in (int[])[StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, .. statuses])
        {
            builder.Produces<ProblemDetails>(status, "application/problem+json");
        }

        return builder;
    }
}

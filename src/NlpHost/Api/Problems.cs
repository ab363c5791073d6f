using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace NlpHost.Api;

/// <summary>RFC 7807 problem answers that name the offending field.</summary>
internal static class Problems
{
    public static IResult From(SubmissionValidator.Problem problem) => problem.Status == 400
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Field] = [problem.Message] }, title: $"{problem.Field}: {problem.Message}")
        : TypedResults.Problem(statusCode: problem.Status, title: $"{problem.Field}: {problem.Message}",
            extensions: new Dictionary<string, object?> { ["field"] = problem.Field });

    public static NotFound<ProblemDetails> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = $"job '{id}' not found" });
}

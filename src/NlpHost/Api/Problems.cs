using NlpHost.Abstractions.Plugins;

namespace NlpHost.Api;

/// <summary>RFC 7807 problem answers that name the offending field (<c>field</c>, and <c>errors</c> for 400s).</summary>
internal static class Problems
{
    public static IResult From(ApiProblem problem)
    {
        var extensions = new Dictionary<string, object?> { ["field"] = problem.Field };
        if (problem.Status == 400)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [problem.Field] = [problem.Message] };
        }

        return TypedResults.Problem(statusCode: problem.Status, title: $"{problem.Field}: {problem.Message}", extensions: extensions);
    }

    public static IResult From(TaskInputException e) => From(ApiProblem.BadRequest(e.Field, Reason(e)));

    /// <summary>The problem for a failure of <see cref="Composition.Failures"/>.</summary>
    public static ApiProblem Of(Composition.Failure failure, string prefix = "") =>
        new(failure.HttpStatus, failure.Kind is Composition.FailureKind.InvalidInput ? prefix + failure.Field : failure.Field, failure.Reason);

    public static IResult NotFound(string id) => From(new ApiProblem(404, "id", $"job '{id}' not found"));

    /// <summary>The exception's message without the field it starts with (the title adds the field once).</summary>
    public static string Reason(TaskInputException e) =>
        e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Message[(e.Field.Length + 2)..] : e.Message;
}

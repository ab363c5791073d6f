namespace NlpHost.Api;

/// <summary>
/// A refused request: the status, the JSON path of the offending field (or the limit's key) and a sentence for a person.
/// Written as an RFC 7807 problem by <see cref="Problems"/>.
/// </summary>
internal sealed record ApiProblem(int Status, string Field, string Message)
{
    public static ApiProblem BadRequest(string field, string message) => new(400, field, message);
}

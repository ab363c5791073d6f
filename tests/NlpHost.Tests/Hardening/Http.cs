using System.Net;
using System.Text;
using System.Text.Json;

namespace NlpHost.Tests.Hardening;

/// <summary>Raw requests (bodies sent byte for byte, as a hostile client would) and their answers.</summary>
internal static class Http
{
    public sealed record Answer(HttpStatusCode Status, string Text, string? ContentType)
    {
        public int Code => (int)Status;

        public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

        public override string ToString() => $"{Code} {ContentType}: {Text}";
    }

    public static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string path, byte[]? body = null, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            }
        }

        using var response = await client.SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<Answer> PostAsync(HttpClient client, string path, string body, string? contentType = "application/json") =>
        SendAsync(client, HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>A refusal as the API promises it (4xx, or 503 for a timeout or unavailable model): an RFC 7807 problem naming a field or limit, with no .NET type names.</summary>
    public static void AssertNamedProblem(Answer answer, string? field = null)
    {
        Assert.True(answer.Code is (>= 400 and < 500) or 503, answer.ToString());
        Assert.True(answer.ContentType == "application/problem+json", answer.ToString());
        var problem = answer.Json;
        Assert.True(problem.TryGetProperty("field", out var named) && named.GetString() is { Length: > 0 }, answer.ToString());
        Assert.True(problem.GetProperty("title").GetString() is { Length: > 5 }, answer.ToString());
        if (field is not null)
        {
            Assert.True(named.GetString() == field, $"expected field {field}: {answer}");
        }

        Assert.DoesNotContain("System.", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("NlpHost.", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answer.Text, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Resources;

/// <summary>A response read in full: code, headers and the body as text and (if JSON) as a node.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Text, JsonNode? Json, HttpResponseMessage Message, ServerOutput? ServerOutput)
{
    public int Code => (int)Status;

    public JsonObject Object => Json as JsonObject ?? throw new Xunit.Sdk.XunitException($"expected a JSON object, got {Code}: {Text}");

    public string? ResourceVersion => (string?)Json?["metadata"]?["resourceVersion"];

    /// <summary>metav1.Status reason of an error response.</summary>
    public string? Reason => (string?)Json?["reason"];

    public IReadOnlyList<string> CauseFields =>
        (Json?["details"]?["causes"] as JsonArray)?.Select(c => (string?)c?["field"] ?? "").ToList() ?? [];

    public IReadOnlyList<string> ItemNames =>
        (Json?["items"] as JsonArray)?.Select(i => (string?)i?["metadata"]?["name"] ?? "").ToList() ?? [];

    public override string ToString() => $"{Code} {Status}: {Text}";

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage message, ServerOutput? serverOutput)
    {
        var text = await message.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // not JSON; Text has the body
        }

        return new ApiResponse(message.StatusCode, text, json, message, serverOutput);
    }

    /// <summary>Fails with the body unless the code is <paramref name="expected"/>.</summary>
    public ApiResponse Expect(int expected)
    {
        if (Code != expected)
        {
            throw new Xunit.Sdk.XunitException($"expected HTTP {expected}, got {this}\n--- server output (tail) ---\n{ServerOutput?.Tail()}");
        }

        return this;
    }
}

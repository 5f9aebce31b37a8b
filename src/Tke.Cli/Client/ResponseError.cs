using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.Cli.Client;

/// <summary>Turns a failed HTTP answer into a message: the metav1.Status message of the API,
/// or the error and error_description of the OAuth endpoints.</summary>
public static class ResponseError
{
    public static async Task<CommandFailedException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? message = null;
        try
        {
            if (JsonNode.Parse(text) is JsonObject body)
            {
                message = Text(body["message"])
                    ?? (Text(body["error"]) is { } error ? Text(body["error_description"]) is { } description ? $"{error}: {description}" : error : null);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): fall back to the status line.
        }

        message ??= text.Length is > 0 and <= 200 ? text.Trim() : response.ReasonPhrase;
        if (code == 429 && response.Headers.RetryAfter?.Delta is { } retry)
        {
            message += $" (retry in {(int)Math.Ceiling(retry.TotalSeconds)}s)";
        }

        return new CommandFailedException($"{code} {message}", code);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

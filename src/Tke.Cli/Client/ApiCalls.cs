using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tke.Cli.Client;

/// <summary>JSON requests to the platform API that throw <see cref="CommandFailedException"/>
/// with the server's message when the answer is not a success.</summary>
public static class ApiCalls
{
    public static async Task<JsonObject> GetObjectAsync(this HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public static async Task<JsonObject> PostObjectAsync(this HttpClient http, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public static async Task<JsonObject> PutObjectAsync(this HttpClient http, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(path, body, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public static async Task DeleteObjectAsync(this HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ResponseError.ReadAsync(response, cancellationToken);
        }
    }

    /// <summary>A non-JSON document (a kubeconfig, say) as text, asking for <paramref name="mediaType"/>.</summary>
    public static async Task<string> GetTextAsync(this HttpClient http, string path, string mediaType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(mediaType);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ResponseError.ReadAsync(response, cancellationToken);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Every item of a collection, following `continue` tokens page by page.</summary>
    public static async Task<List<JsonObject>> ListObjectsAsync(this HttpClient http, string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? next = null;
        do
        {
            var page = await http.GetObjectAsync(next is null ? $"{path}?limit=500" : $"{path}?limit=500&continue={Uri.EscapeDataString(next)}", cancellationToken);
            items.AddRange((page["items"] as JsonArray)?.OfType<JsonObject>() ?? []);
            next = (string?)page["metadata"]?["continue"];
        }
        while (!string.IsNullOrEmpty(next));

        return items;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ResponseError.ReadAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
            ?? throw new CommandFailedException($"{(int)response.StatusCode} the server sent an empty body");
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Resources;

/// <summary>Raw REST calls on one resource collection, e.g. /apis/platform.tkestack.io/v1/clusters.</summary>
public sealed class ResourceClient(HttpClient http, string collectionPath, ServerOutput? serverOutput = null)
{
    public static ResourceClient Clusters(TkeServer server) => new(server.Http, "/apis/platform.tkestack.io/v1/clusters", server.Output);

    public static ResourceClient Projects(TkeServer server) => new(server.Http, "/apis/business.tkestack.io/v1/projects", server.Output);

    public string CollectionPath => collectionPath;

    public string ItemPath(string name) => $"{collectionPath}/{Uri.EscapeDataString(name)}";

    public Task<ApiResponse> CreateAsync(JsonNode body, string query = "") => SendAsync(HttpMethod.Post, collectionPath + query, Json(body));

    public Task<ApiResponse> GetAsync(string name) => SendAsync(HttpMethod.Get, ItemPath(name), null);

    public Task<ApiResponse> ListAsync(string query = "") => SendAsync(HttpMethod.Get, collectionPath + query, null);

    public Task<ApiResponse> UpdateAsync(string name, JsonNode body, string subresource = "") =>
        SendAsync(HttpMethod.Put, ItemPath(name) + (subresource.Length > 0 ? "/" + subresource : ""), Json(body));

    public Task<ApiResponse> MergePatchAsync(string name, JsonNode patch) =>
        SendAsync(HttpMethod.Patch, ItemPath(name), Content(patch.ToJsonString(), "application/merge-patch+json"));

    public Task<ApiResponse> DeleteAsync(string name) => SendAsync(HttpMethod.Delete, ItemPath(name), null);

    public Task<ApiResponse> DeleteCollectionAsync(string query) => SendAsync(HttpMethod.Delete, collectionPath + query, null);

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content) => SendAsync(http, method, path, content, serverOutput);

    /// <summary>Sends one request; <paramref name="serverOutput"/> goes into failure messages.</summary>
    public static async Task<ApiResponse> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content, ServerOutput? serverOutput = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await client.SendAsync(request);
        return await ApiResponse.ReadAsync(response, serverOutput);
    }

    public static HttpContent Json(JsonNode body) => Content(body.ToJsonString(), "application/json");

    public static HttpContent Content(string text, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Creates the object and fails unless the server answers 201.</summary>
    public async Task<JsonObject> CreateExpectingSuccessAsync(JsonNode body) => (await CreateAsync(body)).Expect(201).Object;
}

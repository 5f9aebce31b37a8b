using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Resources;

/// <summary>Raw REST calls on one resource collection, e.g. /apis/platform.tkestack.io/v1/clusters.</summary>
public sealed class ResourceClient(HttpClient http, string collectionPath)
{
    public static ResourceClient Clusters(HttpClient http) => new(http, "/apis/platform.tkestack.io/v1/clusters");

    public static ResourceClient Projects(HttpClient http) => new(http, "/apis/business.tkestack.io/v1/projects");

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

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content) => SendAsync(http, method, path, content);

    public static async Task<ApiResponse> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await client.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
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

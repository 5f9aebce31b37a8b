using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.Kubernetes.Connections;
using Tke.Kubernetes.Discovery;

namespace Tke.Kubernetes.Client;

/// <summary>
/// A dynamic client of one cluster's API server: version, discovery and CRUD on unstructured
/// JSON objects, plus watches (<see cref="WatchAsync"/>). Thread-safe; keep one per cluster.
/// Failures: <see cref="KubernetesApiException"/> when the server refuses, <see cref="HttpRequestException"/>
/// when it cannot be reached or its certificate is not trusted (inner AuthenticationException),
/// <see cref="TimeoutException"/> when it does not answer in time.
/// </summary>
public sealed partial class KubernetesClient : IDisposable
{
    private static readonly TimeSpan WatchGrace = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _serverRoot;
    private readonly BearerTokenFile? _tokenFile;
    private readonly DiscoveryCache _discovery;

    public KubernetesClient(ClusterConnection connection, KubernetesClientOptions? options = null, TimeProvider? time = null)
    {
        Connection = connection;
        Options = options ?? new KubernetesClientOptions();
        _http = new HttpClient(ClusterHttpHandler.Create(connection, Options), disposeHandler: true)
        {
            // Timeouts are per call here: a watch stream must outlive any fixed client timeout.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = Options.UseHttp2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(Options.UserAgent);
        _serverRoot = connection.Server.GetLeftPart(UriPartial.Authority) + connection.Server.AbsolutePath.TrimEnd('/');
        _tokenFile = connection.BearerToken is null && connection.BearerTokenFile is { } file ? new BearerTokenFile(file) : null;
        _discovery = new DiscoveryCache(new DiscoveryReader(GetJsonAsync).ReadAsync, Options.DiscoveryCacheTtl, time ?? TimeProvider.System);
    }

    public ClusterConnection Connection { get; }

    public KubernetesClientOptions Options { get; }

    /// <summary>GET /version.</summary>
    public async Task<ServerVersion> GetVersionAsync(CancellationToken ct = default) =>
        ServerVersion.From(await GetJsonAsync("/version", ct) as JsonObject ?? throw Unexpected("/version", "no JSON object"));

    /// <summary>The resources the server serves; cached for <see cref="KubernetesClientOptions.DiscoveryCacheTtl"/>.</summary>
    public Task<ResourceMap> GetResourceMapAsync(bool refresh = false, CancellationToken ct = default) => _discovery.GetAsync(refresh, ct);

    /// <summary>GET of any path below the server's base address (e.g. "/api", "/healthz"), parsed as JSON.</summary>
    public Task<JsonNode?> GetJsonAsync(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, null, ct);

    public async Task<JsonObject> GetAsync(GroupVersionResource resource, string? ns, string name, CancellationToken ct = default, string? subresource = null) =>
        AsObject(await SendAsync(HttpMethod.Get, ResourcePaths.Object(resource, ns, name, subresource), null, null, ct), resource);

    /// <summary>One page of a list; items carry apiVersion and kind even though lists leave them out.</summary>
    public async Task<ResourceList> ListAsync(GroupVersionResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ListOptions();
        var query = new QueryString()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options.Continue)
            .Add("resourceVersion", options.ResourceVersion);
        var list = AsObject(await SendAsync(HttpMethod.Get, ResourcePaths.Collection(resource, ns) + query, null, null, ct), resource);
        var apiVersion = (string?)list["apiVersion"];
        var itemKind = (string?)list["kind"] is { } k && k.EndsWith("List", StringComparison.Ordinal) ? k[..^4] : null;
        var items = new List<JsonObject>();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (item["apiVersion"] is null && apiVersion is not null)
            {
                item["apiVersion"] = apiVersion;
            }

            if (item["kind"] is null && itemKind is not null)
            {
                item["kind"] = itemKind;
            }

            items.Add(item);
        }

        var metadata = list["metadata"];
        return new ResourceList(
            items,
            (string?)metadata?["resourceVersion"],
            (string?)metadata?["continue"] is { Length: > 0 } c ? c : null,
            metadata?["remainingItemCount"] is JsonValue r && r.TryGetValue<long>(out var remaining) ? remaining : null);
    }

    /// <summary>
    /// Every item, fetched page by page (<see cref="ListOptions.Limit"/> or the default page size). The
    /// result's resourceVersion is the first page's: all pages are one consistent snapshot.
    /// </summary>
    public async Task<ResourceList> ListAllAsync(GroupVersionResource resource, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ListOptions();
        var pageOptions = options with { Limit = options.Limit ?? Options.DefaultPageSize };
        var items = new List<JsonObject>();
        string? resourceVersion = null;
        while (true)
        {
            ResourceList page;
            try
            {
                page = await ListAsync(resource, ns, pageOptions, ct);
            }
            catch (KubernetesApiException e) when (e.IsGone && pageOptions.Continue is not null)
            {
                // The snapshot behind the continue token was compacted away; one unpaged list is consistent again.
                return await ListAsync(resource, ns, options with { Limit = null, Continue = null }, ct);
            }

            resourceVersion ??= page.ResourceVersion;
            items.AddRange(page.Items);
            if (page.Continue is null)
            {
                return new ResourceList(items, resourceVersion, null, null);
            }

            pageOptions = pageOptions with { Continue = page.Continue };
        }
    }

    public async Task<JsonObject> CreateAsync(GroupVersionResource resource, string? ns, JsonObject obj, CancellationToken ct = default) =>
        AsObject(await SendAsync(HttpMethod.Post, ResourcePaths.Collection(resource, ns), obj, "application/json", ct), resource);

    /// <summary>PUT of the whole object (named by its metadata.name); metadata.resourceVersion makes it conditional.</summary>
    public async Task<JsonObject> ReplaceAsync(GroupVersionResource resource, string? ns, JsonObject obj, CancellationToken ct = default, string? subresource = null)
    {
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        return AsObject(await SendAsync(HttpMethod.Put, ResourcePaths.Object(resource, ns, name, subresource), obj, "application/json", ct), resource);
    }

    public async Task<JsonObject> PatchAsync(GroupVersionResource resource, string? ns, string name, PatchType type, JsonNode patch, CancellationToken ct = default, string? subresource = null)
    {
        var contentType = type switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        return AsObject(await SendAsync(HttpMethod.Patch, ResourcePaths.Object(resource, ns, name, subresource), patch, contentType, ct), resource);
    }

    /// <summary>Deletes an object; answers the object (still there while finalizers run) or the server's Status.</summary>
    public async Task<JsonObject> DeleteAsync(GroupVersionResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default) =>
        AsObject(await SendAsync(HttpMethod.Delete, ResourcePaths.Object(resource, ns, name), DeleteBody(options), "application/json", ct), resource);

    /// <summary>Deletes every object the selectors match.</summary>
    public async Task<JsonObject> DeleteCollectionAsync(GroupVersionResource resource, string? ns, ListOptions? selectors = null, DeleteOptions? options = null, CancellationToken ct = default)
    {
        var query = new QueryString().Add("labelSelector", selectors?.LabelSelector).Add("fieldSelector", selectors?.FieldSelector);
        return AsObject(await SendAsync(HttpMethod.Delete, ResourcePaths.Collection(resource, ns) + query, DeleteBody(options), "application/json", ct), resource);
    }

    public void Dispose() => _http.Dispose();

    private static JsonObject? DeleteBody(DeleteOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (options.PropagationPolicy is { } policy)
        {
            body["propagationPolicy"] = policy.ToString();
        }

        if (options.GracePeriodSeconds is { } grace)
        {
            body["gracePeriodSeconds"] = grace;
        }

        if (options.PreconditionResourceVersion is { } rv)
        {
            body["preconditions"] = new JsonObject { ["resourceVersion"] = rv };
        }

        return body;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, string? contentType, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.RequestTimeout);
        using var request = CreateRequest(method, pathAndQuery, body, contentType);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var json = TryParseJson(bytes);
            if (!response.IsSuccessStatusCode)
            {
                throw KubernetesApiException.From(response.StatusCode, json, Encoding.UTF8.GetString(bytes), Describe(request));
            }

            return json ?? (bytes.Length == 0 ? null : throw Unexpected(pathAndQuery, "a body that is not JSON"));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{Describe(request)}: no answer within {Options.RequestTimeout.TotalSeconds:0.###}s");
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, JsonNode? body, string? contentType)
    {
        var request = new HttpRequestMessage(method, _serverRoot + pathAndQuery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Authenticate(request);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }

        return request;
    }

    private void Authenticate(HttpRequestMessage request)
    {
        if (Connection.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_tokenFile is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokenFile.Read());
        }
        else if (Connection.Basic is { } basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}")));
        }
    }

    private static JsonNode? TryParseJson(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject AsObject(JsonNode? node, GroupVersionResource resource) =>
        node as JsonObject ?? throw Unexpected(resource.ToString(), "no JSON object");

    private static InvalidDataException Unexpected(string what, string got) => new($"{what}: the server answered with {got}");

    private string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}";
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Client;

public sealed partial class KubernetesClient
{
    /// <summary>
    /// Streams the changes of a collection (newline-delimited watch events). The sequence ends when
    /// the server closes the stream or its timeout passes; an ERROR event (410 Expired, say) is thrown
    /// as <see cref="KubernetesApiException"/>; a dropped connection as <see cref="IOException"/> or
    /// <see cref="HttpRequestException"/>. Resume with the last event's resourceVersion.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource resource, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new WatchOptions();
        var query = new QueryString()
            .Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("timeoutSeconds", options.Timeout is { } t ? Math.Max(1, (long)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null);
        using var request = CreateRequest(HttpMethod.Get, ResourcePaths.Collection(resource, ns) + query, null, null);
        var described = Describe(request);

        // Headers must arrive within the request timeout; the stream may then run as long as the watch asked for.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lifetime.CancelAfter(Options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, lifetime.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{described}: no answer within {Options.RequestTimeout.TotalSeconds:0.###}s");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(lifetime.Token);
                throw KubernetesApiException.From(response.StatusCode, TryParseJson(bytes), Encoding.UTF8.GetString(bytes), described);
            }

            // A server that went silent without closing (a partitioned network) must not hold the watch forever.
            lifetime.CancelAfter(options.Timeout is { } limit ? limit + WatchGrace : System.Threading.Timeout.InfiniteTimeSpan);
            await using var stream = await response.Content.ReadAsStreamAsync(lifetime.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(lifetime.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    line = null;
                }

                if (line is null)
                {
                    yield break;
                }

                if (line.Length > 0)
                {
                    yield return ParseWatchEvent(line, described);
                }
            }
        }
    }

    internal static WatchEvent ParseWatchEvent(string line, string described)
    {
        JsonObject evt;
        try
        {
            evt = JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"{described}: a watch event is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{described}: a watch event is not valid JSON: {e.Message}", e);
        }

        var obj = evt["object"] as JsonObject ?? throw new InvalidDataException($"{described}: a watch event has no object");
        return (string?)evt["type"] switch
        {
            "ADDED" => new WatchEvent(WatchEventType.Added, obj),
            "MODIFIED" => new WatchEvent(WatchEventType.Modified, obj),
            "DELETED" => new WatchEvent(WatchEventType.Deleted, obj),
            "BOOKMARK" => new WatchEvent(WatchEventType.Bookmark, obj),
            "ERROR" => throw KubernetesApiException.FromStatus(obj, 500, described),
            var other => throw new InvalidDataException($"{described}: unknown watch event type \"{other}\""),
        };
    }
}

namespace Tke.Benchmarks;

/// <summary>What every phase needs: the settings, the server, the objects' shape and the resource meter.</summary>
public sealed class BenchmarkContext(BenchmarkOptions options, ApiTarget target, ResourceMonitor monitor, string runId)
{
    public BenchmarkOptions Options { get; } = options;

    public ApiTarget Target { get; } = target;

    public ResourceMonitor Monitor { get; } = monitor;

    /// <summary>Prefix of every object name this run creates, so runs against a shared server do not collide.</summary>
    public string RunId { get; } = runId;

    /// <summary>The collection path, e.g. /apis/platform.tkestack.io/v1/configmaps.</summary>
    public string Resource { get; } = options.Resource;

    public string ApiVersion { get; } = string.Join('/', options.Resource.Split('/', StringSplitOptions.RemoveEmptyEntries)[1..3]);

    public ConfigMapPayload Payload { get; } = new(string.Join('/', options.Resource.Split('/', StringSplitOptions.RemoveEmptyEntries)[1..3]), runId, options.ObjectBytes);

    public Uri CollectionUri => new(Target.BaseAddress, Resource);

    public Uri ObjectUri(string name) => new(Target.BaseAddress, Resource + "/" + name);

    public ApiClient CreateClient(HttpProtocol protocol, int concurrency, bool moreHttp2Connections = false, TimeSpan? requestTimeout = null) =>
        new(Target, protocol, concurrency, requestTimeout ?? TimeSpan.FromSeconds(60), moreHttp2Connections);
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming;
using Tke.SimCluster.Streaming.Pods;
using Tke.Storage.Sqlite;

namespace Tke.SimCluster.Tests.Streaming;

/// <summary>The streaming endpoint in process, over a real store: authorization, logs and their end.</summary>
public sealed class PodStreamingEndpointTests : IAsyncLifetime
{
    private static readonly RequestUser Alice = new("alice", ["developers"], "");

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-streaming-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingAuthorizer _authorizer = new();
    private SqliteKeyValueStore _kv = null!;
    private TypedStore<Pod> _pods = null!;
    private PodStreamingEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        var catalog = new KindCatalog(SimulatedClusterApi.Groups());
        var surface = new ApiSurface(catalog, _kv, AdmissionChain.Empty, TimeProvider.System, new ApiSurfaceOptions { Authorizer = _authorizer });
        _pods = new TypedStore<Pod>(surface.StoreFor(catalog.Find("", "v1", "pods")!), new WriteContext(new RequestUser("test", [RequestUser.AllTenantsGroup], "")));
        _endpoint = new PodStreamingEndpoint(surface, new PodPresence(_pods, TimeProvider.System), CancellationToken.None, NullLogger.Instance);
        var pod = SimulatedPods.Running();
        var status = pod.Status;
        var created = await _pods.CreateAsync(pod, CancellationToken.None);
        created.Status = status;
        await _pods.UpdateStatusAsync(created, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    [Theory]
    [InlineData("GET", "log", "get")]
    [InlineData("POST", "exec", "create")]
    [InlineData("GET", "exec", "create")]
    [InlineData("GET", "attach", "create")]
    [InlineData("POST", "portforward", "create")]
    public async Task A_refused_caller_gets_kubernetes_403_for_the_subresource_and_nothing_runs(string method, string subresource, string verb)
    {
        _authorizer.Allow = false;
        var context = Request(method, $"/api/v1/namespaces/shop/pods/web-1/{subresource}", "?command=ls&stdout=true");

        var e = await Assert.ThrowsAsync<StatusError>(() => _endpoint.HandleAsync(context, Alice));

        Assert.Equal(403, e.Code);
        Assert.Equal($"pods \"web-1\" is forbidden: User \"alice\" cannot {verb} resource \"pods/{subresource}\" in API group \"\" in the namespace \"shop\": not in a test role", e.Message);
        Assert.Equal(new ResourceAttributes(verb, "", "v1", "pods", subresource, "shop", "web-1"), _authorizer.Asked.Single());
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task An_allowed_caller_reads_the_log_as_text()
    {
        var context = Request("GET", "/api/v1/namespaces/shop/pods/web-1/log", "?tailLines=1");

        await _endpoint.HandleAsync(context, Alice);

        Assert.Equal("text/plain", context.Response.ContentType);
        Assert.Equal("declares ports 80/TCP (kubectl port-forward reaches a simulated HTTP responder on them)\n", Body(context));
        Assert.Equal("get", _authorizer.Asked.Single().Verb);
    }

    [Fact]
    public async Task A_followed_log_ends_once_the_pod_is_deleted()
    {
        var context = Request("GET", "/api/v1/namespaces/shop/pods/web-1/log", "?follow=true");
        var following = _endpoint.HandleAsync(context, Alice);
        await WaitForAsync(() => Body(context).Contains("(heartbeat 1)", StringComparison.Ordinal));

        await _pods.DeleteAsync("shop", "web-1", null, CancellationToken.None);

        await following.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("simulated container web of pod shop/web-1 started", Body(context), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_a_pod_that_does_not_exist_are_404()
    {
        var e = await Assert.ThrowsAsync<StatusError>(() => _endpoint.HandleAsync(Request("GET", "/api/v1/namespaces/shop/pods/gone/log", ""), Alice));

        Assert.Equal((404, "pods \"gone\" not found"), (e.Code, e.Message));
    }

    [Theory]
    [InlineData("POST", "log")]
    [InlineData("PUT", "exec")]
    [InlineData("DELETE", "portforward")]
    public async Task Methods_a_subresource_does_not_take_are_405(string method, string subresource)
    {
        var e = await Assert.ThrowsAsync<StatusError>(() => _endpoint.HandleAsync(Request(method, $"/api/v1/namespaces/shop/pods/web-1/{subresource}", ""), Alice));

        Assert.Equal(405, e.Code);
        Assert.Empty(_authorizer.Asked);
    }

    [Fact]
    public async Task Exec_and_port_forward_without_an_upgrade_are_400()
    {
        foreach (var subresource in new[] { "exec", "portforward" })
        {
            var e = await Assert.ThrowsAsync<StatusError>(() => _endpoint.HandleAsync(Request("POST", $"/api/v1/namespaces/shop/pods/web-1/{subresource}", "?command=ls&stdout=true"), Alice));
            Assert.Equal((400, "Upgrade request required"), (e.Code, e.Message));
        }
    }

    [Theory]
    [InlineData("exec", "gone", 404, "pods \"gone\" not found")]
    [InlineData("attach", "gone", 404, "pods \"gone\" not found")]
    [InlineData("portforward", "gone", 404, "pods \"gone\" not found")]
    [InlineData("exec", "pending-1", 400, "pod pending-1 does not have a host assigned")]
    [InlineData("attach", "pending-1", 400, "pod pending-1 does not have a host assigned")]
    [InlineData("portforward", "pending-1", 400, "pod pending-1 does not have a host assigned")]
    public async Task Connecting_to_a_missing_pod_or_one_without_a_node_is_refused(string subresource, string pod, int code, string message)
    {
        var pending = SimulatedPods.Running();
        pending.Metadata = new ObjectMeta { Name = "pending-1", Namespace = "shop" };
        pending.Spec.NodeName = null;
        await _pods.CreateAsync(pending, CancellationToken.None);
        var context = Request("POST", $"/api/v1/namespaces/shop/pods/{pod}/{subresource}", "?command=ls&stdout=true");

        var e = await Assert.ThrowsAsync<StatusError>(() => _endpoint.HandleAsync(context, Alice));

        Assert.Equal((code, message), (e.Code, e.Message));
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Theory]
    [InlineData("exec", "v5.channel.k8s.io v4.channel.k8s.io v4.base64.channel.k8s.io channel.k8s.io base64.channel.k8s.io")]
    [InlineData("portforward", "SPDY/3.1+portforward.k8s.io")]
    public async Task A_websocket_upgrade_offering_no_known_subprotocol_is_400(string subresource, string supported)
    {
        var context = Request("GET", $"/api/v1/namespaces/shop/pods/web-1/{subresource}", "?command=ls&stdout=true");
        context.Request.Headers.Upgrade = "websocket";
        context.Request.Headers.SecWebSocketProtocol = "nope.k8s.io, v9.channel.k8s.io";

        var e = await Assert.ThrowsAsync<StatusError>(() => _endpoint.HandleAsync(context, Alice));

        Assert.Equal((400, $"unable to upgrade: requested protocol(s) are not supported: [nope.k8s.io v9.channel.k8s.io]; supports [{supported}]"), (e.Code, e.Message));
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static DefaultHttpContext Request(string method, string path, string query) => new()
    {
        Request = { Method = method, Path = path, QueryString = new QueryString(query) },
        Response = { Body = new CapturedBody() },
    };

    private static string Body(HttpContext context) => ((CapturedBody)context.Response.Body).Text;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }

    /// <summary>A response body the test reads while the endpoint is still writing it.</summary>
    private sealed class CapturedBody : Stream
    {
        private readonly MemoryStream _bytes = new();
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return Encoding.UTF8.GetString(_bytes.ToArray());
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length
        {
            get
            {
                lock (_lock)
                {
                    return _bytes.Length;
                }
            }
        }

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_lock)
            {
                _bytes.Write(buffer, offset, count);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private sealed class RecordingAuthorizer : IRequestAuthorizer
    {
        public bool Allow { get; set; } = true;

        public List<ResourceAttributes> Asked { get; } = [];

        public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken)
        {
            Asked.Add(request);
            return ValueTask.FromResult(Allow ? AuthorizationVerdict.Allow("test") : AuthorizationVerdict.Deny("not in a test role"));
        }
    }
}

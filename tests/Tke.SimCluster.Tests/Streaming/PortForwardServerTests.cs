using Microsoft.Extensions.Logging.Abstractions;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.PortForward;
using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class PortForwardServerTests : IAsyncLifetime
{
    private readonly InMemoryConnection _wire = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Pod _pod = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "shop", Uid = "uid-1" },
        Spec = new PodSpec
        {
            Containers =
            [
                new Container { Name = "nginx", Image = "nginx:1.25", Ports = [new ContainerPort { Port = 80 }, new ContainerPort { Port = 53, Protocol = "UDP" }] },
                new Container { Name = "sidecar", Image = "envoy", Ports = [new ContainerPort { Port = 9901 }] },
            ],
        },
    };

    private SpdyConnection _server = null!;
    private SpdyTestClient _client = null!;
    private Task _running = Task.CompletedTask;
    private Task _serving = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _server = new SpdyConnection(_wire.Server);
        _client = new SpdyTestClient(_wire.Client);
        _running = _server.RunAsync(_stop.Token);
        _serving = new PortForwardServer(_server, _pod, NullLogger.Instance).ServeAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _serving;
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_declared_port_answers_http_naming_the_pod_container_and_port()
    {
        await OpenPairAsync(1, "9901", "0");
        await _client.SendAsync(new SpdyDataFrame(3, true, "GET /stats HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray()));

        var others = new List<SpdyFrame>();
        var response = await _client.ReadStreamToEndAsync(3, others);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains("simulated pod shop/web, container sidecar, port 9901: GET /stats", response, StringComparison.Ordinal);
        Assert.Equal("", await ReadErrorStreamAsync(1, others));
    }

    [Fact]
    public async Task Several_requests_share_one_kept_alive_connection()
    {
        await OpenPairAsync(1, "80", "4");
        await _client.SendAsync(new SpdyDataFrame(3, false, "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"u8.ToArray()));
        await _client.SendAsync(new SpdyDataFrame(3, true, "HEAD /c HTTP/1.1\r\n\r\n"u8.ToArray()));

        var response = await _client.ReadStreamToEndAsync(3);

        Assert.Equal(3, response.Split("HTTP/1.1 200 OK").Length - 1);
        Assert.Contains("GET /a", response, StringComparison.Ordinal);
        Assert.Contains("POST /b", response, StringComparison.Ordinal);
        Assert.DoesNotContain("HEAD /c answered", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_no_container_declares_is_refused_on_the_error_stream()
    {
        await OpenPairAsync(1, "81", "0");

        var others = new List<SpdyFrame>();
        var error = await _client.ReadStreamToEndAsync(1, others);

        Assert.Contains("error forwarding port 81 to pod web_shop, uid uid-1", error, StringComparison.Ordinal);
        Assert.Contains("connect: connection refused", error, StringComparison.Ordinal);
        Assert.Contains("declares: 80, 9901", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_udp_port_does_not_answer_tcp()
    {
        await OpenPairAsync(1, "53", "0");

        Assert.Contains("connection refused", await _client.ReadStreamToEndAsync(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_without_request_ids_pair_a_data_stream_with_the_error_stream_before_it()
    {
        await _client.OpenAsync(1, ("streamtype", "error"), ("port", "80"));
        await _client.OpenAsync(3, ("streamtype", "data"), ("port", "80"));
        await _client.SendAsync(new SpdyDataFrame(3, true, "GET / HTTP/1.0\r\n\r\n"u8.ToArray()));

        Assert.Contains("200 OK", await _client.ReadStreamToEndAsync(3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stream_type_is_reset()
    {
        await _client.OpenAsync(1, ("streamtype", "stdin"), ("port", "80"));

        Assert.IsType<SpdySynReplyFrame>(await _client.ReadAsync());
        Assert.Equal(new SpdyRstStreamFrame(1, SpdyResetStatus.ProtocolError), await _client.ReadAsync());
    }

    [Fact]
    public async Task An_invalid_port_header_is_reported_on_the_error_stream()
    {
        await OpenPairAsync(1, "http", "0");

        Assert.Contains("invalid port header \"http\"", await _client.ReadStreamToEndAsync(1), StringComparison.Ordinal);
    }

    private async Task OpenPairAsync(uint errorStream, string port, string requestId)
    {
        await _client.OpenAsync(errorStream, ("streamtype", "error"), ("port", port), ("requestid", requestId));
        await _client.SendAsync(new SpdyDataFrame(errorStream, true, ReadOnlyMemory<byte>.Empty));
        await _client.OpenAsync(errorStream + 2, ("streamtype", "data"), ("port", port), ("requestid", requestId));
    }

    /// <summary>The error stream's data, from frames already read and then from the wire.</summary>
    private async Task<string> ReadErrorStreamAsync(uint streamId, List<SpdyFrame> seen)
    {
        var data = seen.OfType<SpdyDataFrame>().Where(f => f.StreamId == streamId).ToList();
        if (data.Any(f => f.Fin))
        {
            return string.Concat(data.Select(f => System.Text.Encoding.UTF8.GetString(f.Data.Span)));
        }

        return await _client.ReadStreamToEndAsync(streamId);
    }
}

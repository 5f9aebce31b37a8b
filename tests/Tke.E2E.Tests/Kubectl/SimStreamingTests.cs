using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>
/// The real kubectl streaming from `tke sim-cluster` directly: logs (plain, tail, follow),
/// exec and attach (WebSocket, and SPDY when kubectl is told not to use WebSocket), port-forward
/// (SPDY tunnelled in WebSocket, and plain SPDY), and the errors a real cluster gives.
/// </summary>
public sealed partial class SimStreamingTests(SimStreamingFixture fixture) : IClassFixture<SimStreamingFixture>
{
    private const string Ns = SimStreamingFixture.Namespace;

    private static readonly Dictionary<string, string> SpdyExec = new() { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" };
    private static readonly Dictionary<string, string> SpdyPortForward = new() { ["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = "false" };
    private static readonly Dictionary<string, string> WebSocketsFirst = [];

    private KubectlRunner Kubectl => fixture.Kubectl;

    [Fact]
    public async Task Logs_are_the_same_generated_lines_every_time()
    {
        var first = (await Kubectl.RunAsync("logs", "-n", Ns, "web")).EnsureSuccess();
        var second = (await Kubectl.RunAsync("logs", "-n", Ns, "web")).EnsureSuccess();

        Assert.Equal(
            [
                $"simulated container web of pod {Ns}/web started (image nginx:1.25); no process runs in a simulated cluster",
                "command: the image's default entrypoint",
                "declares ports 80/TCP (kubectl port-forward reaches a simulated HTTP responder on them)",
            ],
            first.Lines);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task Logs_honour_tail_timestamps_and_limit_bytes()
    {
        var tail = (await Kubectl.RunAsync("logs", "-n", Ns, "web", "--tail", "1")).EnsureSuccess();
        Assert.Equal(["declares ports 80/TCP (kubectl port-forward reaches a simulated HTTP responder on them)"], tail.Lines);

        var stamped = (await Kubectl.RunAsync("logs", "-n", Ns, "web", "--tail=2", "--timestamps")).EnsureSuccess();
        Assert.Equal(2, stamped.Lines.Count);
        Assert.All(stamped.Lines, line => Assert.Matches(TimestampedLine(), line));
        Assert.EndsWith(" command: the image's default entrypoint", stamped.Lines[0], StringComparison.Ordinal);

        var limited = (await Kubectl.RunAsync("logs", "-n", Ns, "web", "--limit-bytes=9")).EnsureSuccess();
        Assert.Equal("simulated", limited.Stdout);
    }

    [Fact]
    public async Task Followed_logs_get_a_new_line_every_second()
    {
        await using var follow = Start(WebSocketsFirst, "logs", "-f", "-n", Ns, "web");

        await follow.WaitForLineAsync(l => l.StartsWith("declares ports", StringComparison.Ordinal), "the last of the existing lines");
        var first = await follow.WaitForLineAsync(l => l.Contains("(heartbeat 1)", StringComparison.Ordinal), "a first heartbeat");
        var second = await follow.WaitForLineAsync(l => l.Contains("(heartbeat 2)", StringComparison.Ordinal), "a second heartbeat");

        Assert.Equal($"simulated container web of pod {Ns}/web is running (heartbeat 1)", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_followed_log_ends_when_its_pod_is_deleted()
    {
        (await Kubectl.RunAsync("run", "-n", Ns, "short-lived", "--image=busybox")).EnsureSuccess();
        (await Kubectl.RunAsync("wait", "-n", Ns, "pod/short-lived", "--for=condition=Ready", "--timeout=60s")).EnsureSuccess();
        await using var follow = Start(WebSocketsFirst, "logs", "-f", "-n", Ns, "short-lived");
        await follow.WaitForLineAsync(l => l.Contains("(heartbeat 1)", StringComparison.Ordinal), "a first heartbeat");

        (await Kubectl.RunAsync("delete", "pod", "-n", Ns, "short-lived", "--wait=false")).EnsureSuccess();

        Assert.Equal(0, await follow.WaitForExitAsync());
    }

    [Fact]
    public async Task Logs_of_what_has_no_log_are_refused_as_a_real_cluster_does()
    {
        var missing = (await Kubectl.RunAsync("logs", "-n", Ns, "nosuch")).EnsureFailure();
        Assert.Contains("pods \"nosuch\" not found", missing.Stderr, StringComparison.Ordinal);

        var container = (await Kubectl.RunAsync("logs", "-n", Ns, "web", "-c", "nosuch")).EnsureFailure();
        Assert.Contains("container nosuch is not valid for pod web", container.Stderr, StringComparison.Ordinal);

        var previous = (await Kubectl.RunAsync("logs", "-n", Ns, "web", "--previous")).EnsureFailure();
        Assert.Contains("previous terminated container \"web\" in pod \"web\" not found", previous.Stderr, StringComparison.Ordinal);

        var waiting = (await Kubectl.RunAsync("logs", "-n", Ns, "stuck")).EnsureFailure();
        Assert.Contains("container \"stuck\" in pod \"stuck\" is waiting to start: ContainerCreating", waiting.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_api_wants_a_container_name_when_a_pod_has_several()
    {
        using var api = fixture.Api();

        using var response = await api.GetAsync($"/api/v1/namespaces/{Ns}/pods/duo/log");
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("a container name must be specified for pod duo, choose one of: [app sidecar]", (string?)status["message"]);

        using var invalid = await api.GetAsync($"/api/v1/namespaces/{Ns}/pods/web/log?tailLines=-3");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);

        using var named = await api.GetAsync($"/api/v1/namespaces/{Ns}/pods/duo/log?container=sidecar");
        Assert.Equal("text/plain", named.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"simulated container sidecar of pod {Ns}/duo started (image example/proxy:1)", await named.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_runs_simulated_commands_over_websocket()
    {
        var echo = (await Kubectl.RunAsync("exec", "-n", Ns, "web", "--", "echo", "hi")).EnsureSuccess();
        Assert.Equal("hi\n", echo.Stdout);

        var script = await Kubectl.RunAsync("exec", "-n", Ns, "web", "--", "sh", "-c", "echo $GREETING && hostname; exit 3");
        Assert.Equal(3, script.ExitCode);
        Assert.Equal("hello from the pod spec\nweb\n", script.Stdout);

        var sidecar = (await Kubectl.RunAsync("exec", "-n", Ns, "duo", "-c", "sidecar", "--", "hostname")).EnsureSuccess();
        Assert.Equal("duo", sidecar.Stdout.Trim());

        Assert.Contains("over websocket v5.channel.k8s.io: echo hi exited 0", fixture.Sim.Output.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_with_stdin_copies_it_through_cat()
    {
        var cat = (await Kubectl.RunAsync(["exec", "-i", "-n", Ns, "web", "--", "cat"], "line one\nline two\n", null)).EnsureSuccess();

        Assert.Equal("line one\nline two\n", cat.Stdout);
    }

    [Fact]
    public async Task Exec_exit_codes_become_kubectls()
    {
        var failing = await Kubectl.RunAsync("exec", "-n", Ns, "web", "--", "false");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("command terminated with exit code 1", failing.Stderr, StringComparison.Ordinal);

        var missing = await Kubectl.RunAsync("exec", "-n", Ns, "web", "--", "nosuchcmd");
        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("sh: nosuchcmd: not found", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("command terminated with exit code 127", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_into_what_cannot_run_a_command_is_refused()
    {
        var missing = (await Kubectl.RunAsync("exec", "-n", Ns, "nosuch", "--", "echo")).EnsureFailure();
        Assert.Contains("pods \"nosuch\" not found", missing.Stderr, StringComparison.Ordinal);

        var container = (await Kubectl.RunAsync("exec", "-n", Ns, "web", "-c", "nosuch", "--", "echo")).EnsureFailure();
        Assert.Contains("container nosuch is not valid for pod web", container.Stderr, StringComparison.Ordinal);

        var waiting = (await Kubectl.RunAsync("exec", "-n", Ns, "stuck", "--", "echo")).EnsureFailure();
        Assert.Contains("container not found (\"stuck\")", waiting.Stderr, StringComparison.Ordinal);

        using var api = fixture.Api();
        using var plain = await api.PostAsync($"/api/v1/namespaces/{Ns}/pods/web/exec?command=ls&stdout=true", null);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("Upgrade request required", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_echoes_stdin_back()
    {
        var attached = (await Kubectl.RunAsync(["attach", "-i", "-n", Ns, "web"], "hello attach\n", null)).EnsureSuccess();

        Assert.Contains("hello attach", attached.Lines);
    }

    [Fact]
    public async Task Exec_also_works_over_spdy()
    {
        var echo = (await Kubectl.RunAsync(["exec", "-n", Ns, "web", "--", "echo", "spdy-check"], null, SpdyExec)).EnsureSuccess();
        Assert.Equal("spdy-check\n", echo.Stdout);

        var cat = (await Kubectl.RunAsync(["exec", "-i", "-n", Ns, "web", "--", "cat"], "over spdy\n", SpdyExec)).EnsureSuccess();
        Assert.Equal("over spdy\n", cat.Stdout);

        var failing = await Kubectl.RunAsync(["exec", "-n", Ns, "web", "--", "false"], null, SpdyExec);
        Assert.Equal(1, failing.ExitCode);

        Assert.Contains("over SPDY/3.1 v4.channel.k8s.io: echo spdy-check exited 0", fixture.Sim.Output.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_forward_over_websocket_reaches_the_simulated_http_responder()
    {
        await using var forward = Start(WebSocketsFirst, "port-forward", "-n", Ns, "pod/web", ":80");
        var port = await LocalPortAsync(forward);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var first = await http.GetStringAsync($"http://127.0.0.1:{port}/");
        var second = await http.GetStringAsync($"http://127.0.0.1:{port}/health");

        Assert.Equal($"simulated pod {Ns}/web, container web, port 80: GET / answered by the tke sim-cluster; no process runs in a simulated cluster\n", first);
        Assert.Contains("GET /health", second, StringComparison.Ordinal);
        Assert.Contains($"port-forward to pod {Ns}/web over SPDY tunnelled in WebSocket", fixture.Sim.Output.All(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_forward_also_works_over_plain_spdy()
    {
        await using var forward = Start(SpdyPortForward, "port-forward", "-n", Ns, "pod/duo", ":9090");
        var port = await LocalPortAsync(forward);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var body = await http.GetStringAsync($"http://127.0.0.1:{port}/status");

        Assert.StartsWith($"simulated pod {Ns}/duo, container sidecar, port 9090: GET /status", body, StringComparison.Ordinal);
        Assert.Matches(PlainSpdyPortForward(), fixture.Sim.Output.All());
    }

    [Fact]
    public async Task Port_forward_to_a_port_no_container_declares_is_refused()
    {
        await using var forward = Start(WebSocketsFirst, "port-forward", "-n", Ns, "pod/web", ":81");
        var port = await LocalPortAsync(forward);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{port}/"));

        await forward.WaitForStderrAsync("connect: connection refused");
        Assert.Contains("error forwarding port 81 to pod web_streaming", forward.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_subresources_refuse_methods_they_do_not_take()
    {
        using var api = fixture.Api();

        using var postLog = await api.PostAsync($"/api/v1/namespaces/{Ns}/pods/web/log", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postLog.StatusCode);

        using var missing = await api.GetAsync($"/api/v1/namespaces/{Ns}/pods/nosuch/portforward");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private KubectlBackgroundProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Kubectl.Start(environment, arguments);

    private static async Task<int> LocalPortAsync(KubectlBackgroundProcess forward)
    {
        var line = await forward.WaitForLineAsync(l => ForwardingLine().IsMatch(l), "the Forwarding from line");
        return int.Parse(ForwardingLine().Match(line).Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Forwarding from 127\.0\.0\.1:(?<port>\d+) ->")]
    private static partial Regex ForwardingLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S")]
    private static partial Regex TimestampedLine();

    [GeneratedRegex(@"port-forward to pod streaming/duo over SPDY(?! tunnelled)")]
    private static partial Regex PlainSpdyPortForward();
}

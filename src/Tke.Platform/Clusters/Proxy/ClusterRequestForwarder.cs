using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// Sends one caller's request to a cluster with the cluster's credential, impersonating the
/// caller, and streams the answer back as it arrives (watches included). A connection upgrade
/// (exec, attach, port-forward over WebSocket or SPDY) is relayed byte for byte once the cluster
/// agrees to it; a refusal reaches the caller as the cluster's own error.
/// </summary>
public sealed class ClusterRequestForwarder(TimeSpan requestTimeout)
{
    // Hop-by-hop headers (RFC 9110 7.6.1) and those the proxy sets itself.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Authorization", ClusterProxyRoute.ClusterHeader,
    };

    private const string ImpersonatePrefix = "Impersonate-";

    public async Task ForwardAsync(HttpContext context, ClusterProxyTransport transport, string targetPath, RequestUser user)
    {
        var aborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var longRunning = ClusterProxyVerb.IsLongRunning(context.Request, targetPath);
        if (!longRunning)
        {
            deadline.CancelAfter(requestTimeout);
        }

        var upgrade = ClusterProxyVerb.UpgradeOf(context);
        using var outgoing = BuildRequest(context, transport, targetPath, user, upgrade, longRunning);
        HttpResponseMessage response;
        try
        {
            response = await transport.Invoker.SendAsync(outgoing, deadline.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            throw StatusError.Timeout($"the cluster did not answer within {requestTimeout.TotalSeconds:0}s");
        }
        catch (HttpRequestException e)
        {
            throw StatusError.ServiceUnavailable($"the cluster cannot be reached at {transport.ServerRoot}: {Describe(e)}");
        }

        using (response)
        {
            if (upgrade is not null && response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                await UpgradedConnectionRelay.RelayAsync(context, upgrade, response, aborted);
                return;
            }

            CopyResponseHead(response, context.Response);
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                if (longRunning)
                {
                    // A watch on a quiet resource may send nothing for minutes: its status line must
                    // not wait for the first event, or clients give up on a stream that is working.
                    await context.Response.StartAsync(deadline.Token);
                    await context.Response.Body.FlushAsync(deadline.Token);
                }

                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                await StreamAsync(body, context.Response, flushEachChunk: longRunning, deadline.Token);
            }
            catch (Exception e) when (!aborted.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
            {
                // The status line is out already: all that is left to tell the caller is a broken stream.
                context.Abort();
            }
        }
    }

    private static HttpRequestMessage BuildRequest(HttpContext context, ClusterProxyTransport transport, string targetPath, RequestUser user, string? upgrade, bool longRunning)
    {
        var incoming = context.Request;
        // Short requests go over a pool of HTTP/1.1 connections (measured faster under concurrency than
        // one multiplexed HTTP/2 connection); watches and followed logs share HTTP/2 connections so that
        // thousands of them do not each hold a socket; upgrades exist only in HTTP/1.1.
        var multiplexed = longRunning && upgrade is null;
        var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method), transport.ServerRoot + targetPath + incoming.QueryString.Value)
        {
            Version = multiplexed ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = multiplexed ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact,
        };

        if (upgrade is not null)
        {
            outgoing.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            outgoing.Headers.TryAddWithoutValidation("Upgrade", upgrade);
        }
        else if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? incoming.ContentLength > 0)
        {
            // Streamed as it comes, whatever its type (JSON, YAML, protobuf, patches).
            outgoing.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            // The caller's credential is for the platform; client-sent impersonation would let anyone be anyone.
            if (NotForwarded.Contains(name) || name.StartsWith(ImpersonatePrefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(':'))
            {
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        var connection = transport.Connection;
        if (connection.BearerToken is { } token)
        {
            outgoing.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The platform-wide admin acts as the cluster credential itself; everyone else is impersonated
        // so the cluster's own authorization and audit see the real user.
        if (user.TenantScope is not null)
        {
            outgoing.Headers.TryAddWithoutValidation("Impersonate-User", user.Name);
            foreach (var group in user.Groups)
            {
                outgoing.Headers.TryAddWithoutValidation("Impersonate-Group", group);
            }
        }

        return outgoing;
    }

    internal static void CopyResponseHead(HttpResponseMessage response, HttpResponse target)
    {
        target.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                target.Headers[name] = values.ToArray();
            }
        }
    }

    private static async Task StreamAsync(Stream source, HttpResponse target, bool flushEachChunk, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await target.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (flushEachChunk)
                {
                    // Watch events and log lines must reach the caller when they happen, not when a buffer fills.
                    await target.Body.FlushAsync(cancellationToken);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        System.Security.Authentication.AuthenticationException => "its certificate is not trusted",
        { } inner => inner.Message,
        null => e.Message,
    };
}

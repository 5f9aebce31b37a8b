using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// A third-party Helm repository for import tests: index.yaml and chart archives over plain HTTP
/// on 127.0.0.1, behind Basic authentication, with charts that can be added while it runs.
/// </summary>
public sealed class RegistryRemoteChartRepository : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _archives = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly string _expectedAuthorization;

    public RegistryRemoteChartRepository(string username, string password)
    {
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}/";

    public void Add(string name, string version, byte[] archive)
    {
        lock (_lock)
        {
            _archives[$"{name}-{version}.tgz"] = archive;
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Headers["Authorization"] != _expectedAuthorization)
            {
                response.StatusCode = 401;
                continue;
            }

            var file = context.Request.Url!.AbsolutePath.TrimStart('/');
            byte[]? body;
            lock (_lock)
            {
                body = file == "index.yaml" ? Encoding.UTF8.GetBytes(Index()) : _archives.GetValueOrDefault(file);
            }

            if (body is null)
            {
                response.StatusCode = 404;
                continue;
            }

            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }

    // Called under _lock.
    private string Index()
    {
        var yaml = new StringBuilder("apiVersion: v1\nentries:\n");
        foreach (var group in _archives.Keys.Select(f => (File: f, Name: f[..f.LastIndexOf('-')], Version: f[(f.LastIndexOf('-') + 1)..^4])).GroupBy(c => c.Name))
        {
            yaml.Append("  ").Append(group.Key).Append(":\n");
            foreach (var chart in group)
            {
                yaml.Append("  - apiVersion: v2\n")
                    .Append("    name: ").Append(chart.Name).Append('\n')
                    .Append("    version: ").Append(chart.Version).Append('\n')
                    .Append("    digest: ").Append(Convert.ToHexStringLower(SHA256.HashData(_archives[chart.File]))).Append('\n')
                    .Append("    created: \"2026-11-22T00:00:00Z\"\n")
                    .Append("    urls:\n    - ").Append(chart.File).Append('\n');
            }
        }

        return yaml.Append("generated: \"2026-11-22T00:00:00Z\"\n").ToString();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tke.Benchmarks;

/// <summary>
/// Debian's `docker-registry` (the reference Distribution implementation) as the baseline:
/// filesystem storage in a temporary directory, on a free loopback port, with TLS from a
/// certificate generated here so that both registries pay for TLS. Disposing kills it and
/// deletes the directory.
/// </summary>
public sealed class RegistryBaselineProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _directory;

    private RegistryBaselineProcess(Process process, string directory, RegistryEndpoint endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    public RegistryEndpoint Endpoint { get; }

    public static async Task<RegistryBaselineProcess> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} not found; install the baseline with `apt-get install docker-registry`");
        }

        var dir = Directory.CreateTempSubdirectory("tke-bench-registry-").FullName;
        var certDir = Directory.CreateDirectory(Path.Combine(dir, "certs")).FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPem = cert.ExportCertificatePem();
        await File.WriteAllTextAsync(Path.Combine(certDir, "ca.crt"), certPem, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "server.crt"), certPem, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "server.key"), key.ExportPkcs8PrivateKeyPem(), cancellationToken);

        var port = FreePort();
        var config = Path.Combine(dir, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(dir, "storage")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
              tls:
                certificate: {Path.Combine(dir, "server.crt")}
                key: {Path.Combine(dir, "server.key")}

            """, cancellationToken);

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var trust = new X509Certificate2Collection();
        trust.ImportFromPem(certPem);
        var endpoint = new RegistryEndpoint("docker-registry", new Uri($"https://127.0.0.1:{port}"), process.Id, trust, certDir, null, null, "bench/");
        var baseline = new RegistryBaselineProcess(process, dir, endpoint);
        try
        {
            await baseline.WaitUntilServingAsync(cancellationToken);
        }
        catch
        {
            await baseline.DisposeAsync();
            throw;
        }

        return baseline;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // already gone, or left for the OS
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException e)
        {
            Progress.Report($"could not delete {_directory}: {e.Message}");
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var client = new RegistryHttpClient(Endpoint, 1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Binary} exited with {_process.ExitCode} during start-up");
            }

            try
            {
                using var response = await client.Http.GetAsync("/v2/", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{Binary} did not answer /v2/ within 30 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Security.Cryptography.X509Certificates;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Hosting;

/// <summary>
/// A server with its own temporary data directory. It can be killed and started again on the
/// same directory; the directory is deleted on dispose.
/// </summary>
public sealed class TkeServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyList<string> _arguments;
    private TkeServerProcess? _process;
    private HttpClient? _http;
    private X509Certificate2? _ca;

    public TkeServer(params string[] extraServeArguments)
    {
        _arguments = extraServeArguments;
        DataDir = Path.Combine(Path.GetTempPath(), "tke-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDir);
    }

    public string DataDir { get; }

    public string KubeconfigPath => Path.Combine(DataDir, "admin.kubeconfig");

    public string Token => File.ReadAllText(Path.Combine(DataDir, "pki", "admin.token")).Trim();

    public Uri BaseAddress => Running.Address;

    /// <summary>Output of every run of the server on this directory.</summary>
    public ServerOutput Output { get; } = new();

    /// <summary>Authenticated as the bootstrap admin.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("the server is not running");

    public KubectlRunner Kubectl => new(KubeconfigPath, Path.Combine(DataDir, "kubectl-cache"), Output);

    public int ProcessId => Running.ProcessId;

    private TkeServerProcess Running => _process ?? throw new InvalidOperationException("the server is not running");

    public async Task StartAsync()
    {
        // A kubeconfig from an earlier run names the old port; wait for this run's.
        File.Delete(KubeconfigPath);
        _process = await TkeServerProcess.StartAsync(DataDir, _arguments, Output);
        await WaitForFileAsync(KubeconfigPath);
        _ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(DataDir, "pki", "ca.crt")));
        _http = CreateHttpClient(Token);
        await WaitUntilReadyAsync();
    }

    /// <summary>A client trusting the server's CA, sending <paramref name="bearerToken"/> if given.</summary>
    public HttpClient CreateHttpClient(string? bearerToken) =>
        CaTrustingHttpClient.Create(BaseAddress, _ca ?? throw new InvalidOperationException("the server is not running"), bearerToken);

    /// <summary>Kills the process with SIGKILL.</summary>
    public async Task KillAsync()
    {
        _http?.Dispose();
        _http = null;
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _ca?.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }

    private async Task WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} was not written within {ReadyTimeout}:\n{Output.Tail()}");
            }

            await Task.Delay(50);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var anonymous = CreateHttpClient(null);
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        string last = "";
        while (true)
        {
            try
            {
                using var response = await anonymous.GetAsync("/readyz", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"/readyz did not succeed within {ReadyTimeout} (last: {last}):\n{Output.Tail()}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}

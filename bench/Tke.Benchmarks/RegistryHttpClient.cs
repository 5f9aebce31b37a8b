using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tke.Benchmarks;

/// <summary>
/// A fast registry client for the server-side figures: HTTP/1.1 keep-alive connections, large
/// socket buffers, and Docker's token flow done once per repository scope (the token is reused).
/// </summary>
public sealed partial class RegistryHttpClient : IDisposable
{
    private readonly RegistryEndpoint _endpoint;
    private readonly ConcurrentDictionary<string, string?> _tokens = new(StringComparer.Ordinal);

    public RegistryHttpClient(RegistryEndpoint endpoint, int connections)
    {
        _endpoint = endpoint;
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.AddRange(endpoint.Trust);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = trust },
        };
        Http = new HttpClient(handler) { BaseAddress = endpoint.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
    }

    public HttpClient Http { get; }

    /// <summary>Sends a request built by <paramref name="build"/> with the repository's token, fetching
    /// one on the first 401.</summary>
    public async Task<HttpResponseMessage> SendAsync(string repository, Func<HttpRequestMessage> build, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = build();
        if (_tokens.TryGetValue(repository, out var known) && known is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", known);
        }

        var response = await Http.SendAsync(request, completion, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || _endpoint.Username is null)
        {
            return response;
        }

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer")?.Parameter;
        response.Dispose();
        if (challenge is null)
        {
            throw new InvalidOperationException($"{_endpoint.Name}: 401 without a Bearer challenge");
        }

        var token = await FetchTokenAsync(challenge, repository, cancellationToken);
        _tokens[repository] = token;
        var retry = build();
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(retry, completion, cancellationToken);
    }

    public void Dispose() => Http.Dispose();

    private async Task<string> FetchTokenAsync(string challenge, string repository, CancellationToken cancellationToken)
    {
        var parameters = ChallengeParameter().Matches(challenge).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.OrdinalIgnoreCase);
        var realm = new Uri(parameters["realm"]);
        var service = parameters.GetValueOrDefault("service") ?? "";
        var uri = new Uri(_endpoint.BaseAddress, $"{realm.AbsolutePath}?service={Uri.EscapeDataString(service)}&scope={Uri.EscapeDataString($"repository:{repository}:pull,push")}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_endpoint.Username}:{_endpoint.Password}")));
        using var response = await Http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{_endpoint.Name}: token service answered {(int)response.StatusCode}: {body}");
        }

        var json = JsonNode.Parse(body)!;
        return (string?)json["token"] ?? (string?)json["access_token"] ?? throw new InvalidOperationException($"{_endpoint.Name}: no token in {body}");
    }

    [GeneratedRegex("(?<key>[A-Za-z]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex ChallengeParameter();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// Docker's token flow as a registry client performs it: a request answered 401 names the token
/// endpoint and scope in its WWW-Authenticate challenge; the client asks that endpoint for a token
/// with its Basic credentials and repeats the request with the bearer token.
/// </summary>
public static partial class RegistryTokenFlow
{
    /// <summary>Sends the request built by <paramref name="build"/>; on a Bearer challenge fetches a
    /// token (with <paramref name="username"/>/<paramref name="password"/>, or anonymously when null)
    /// and sends it again. Returns the final response.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> build, string? username, string? password)
    {
        var first = await client.SendAsync(build());
        if (first.StatusCode != HttpStatusCode.Unauthorized || ParseChallenge(first) is not { } challenge)
        {
            return first;
        }

        first.Dispose();
        var token = await FetchTokenAsync(client, challenge, username, password);
        if (token is null)
        {
            return await client.SendAsync(build());
        }

        var retry = build();
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(retry);
    }

    /// <summary>The realm, service and scope of a Bearer challenge, or null when there is none.</summary>
    public static IReadOnlyDictionary<string, string>? ParseChallenge(HttpResponseMessage response)
    {
        var header = response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (header?.Parameter is null)
        {
            return null;
        }

        return ChallengeParameter().Matches(header.Parameter).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The token for a challenge; null when the token endpoint refuses.</summary>
    public static async Task<string?> FetchTokenAsync(HttpClient client, IReadOnlyDictionary<string, string> challenge, string? username, string? password)
    {
        var query = new List<string>();
        if (challenge.TryGetValue("service", out var service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        if (challenge.TryGetValue("scope", out var scope))
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        var realm = new Uri(challenge["realm"]);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseAddress!, realm.PathAndQuery + (query.Count == 0 ? "" : (realm.Query.Length > 0 ? "&" : "?") + string.Join('&', query))));
        if (username is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (string?)json["token"] ?? (string?)json["access_token"];
    }

    [GeneratedRegex("(?<key>[A-Za-z]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex ChallengeParameter();
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// Importing a cluster by uploading its kubeconfig to the platform: the chosen context is
/// checked and connected to before anything is kept, and bad uploads change nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterKubeconfigImportTests(ClusterFixture fixture)
{
    private const string ImportPath = PlatformClusterApi.Clusters + "/import";

    private IClusterUnderTest Target => fixture.Target;

    private string SimKubeconfig => Kubeconfig("sim", ["sim"]);

    [Fact]
    public async Task An_uploaded_kubeconfig_imports_the_cluster_with_a_credential_holding_its_token_and_CA()
    {
        var (code, text) = await UploadAsync(SimKubeconfig, "?displayName=uploaded");

        Assert.True(code == 201, text);
        var cluster = JsonNode.Parse(text)!;
        var name = (string)cluster["metadata"]!["name"]!;
        Assert.StartsWith("cls-", name, StringComparison.Ordinal);
        Assert.Equal("Imported", (string?)cluster["spec"]!["type"]);
        Assert.Equal("uploaded", (string?)cluster["spec"]!["displayName"]);
        Assert.Equal(Target.Port, (int?)cluster["status"]!["addresses"]![0]!["port"]);
        await fixture.Api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", TimeSpan.FromSeconds(30), "Running");

        var credentialName = (string)cluster["spec"]!["clusterCredentialRef"]!["name"]!;
        var (_, credential) = await fixture.Api.GetAsync($"{PlatformClusterApi.Credentials}/{credentialName}");
        // The platform administrator reads credentials in full (others see them redacted).
        Assert.Equal(Target.Token, (string?)credential!["token"]);
        Assert.Equal(Target.CaPem.Trim(), Encoding.UTF8.GetString(Convert.FromBase64String((string)credential["caCert"]!)).Trim());
        Assert.DoesNotContain(Target.Token ?? Target.ClientKeyPem!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_context_is_used_and_an_unknown_one_is_refused()
    {
        var kubeconfig = Kubeconfig("sim", ["sim", "other"]);
        var (code, text) = await UploadAsync(kubeconfig, "?displayName=ctx&context=no-such");
        Assert.Equal(400, code);
        Assert.Contains("context \\\"no-such\\\" not found", text, StringComparison.Ordinal);

        (code, text) = await UploadAsync(kubeconfig, "?displayName=ctx&context=other");
        Assert.True(code == 201, text);
    }

    [Fact]
    public async Task Bad_uploads_are_refused_with_the_reason_and_leave_nothing_behind()
    {
        var before = await CountAsync(PlatformClusterApi.Credentials);
        var sim = SimKubeconfig;

        var cases = new (string Body, string Query, int Code, string Says)[]
        {
            ("clusters: [unclosed", "?displayName=x", 400, "kubeconfig"),
            (sim, "", 400, "displayName"),
            (sim, "?displayName=" + new string('n', 61), 400, "displayName"),
            (Kubeconfig(null, ["sim", "other"]), "?displayName=x", 400, "no usable context"),
            (Kubeconfig("sim", ["sim"], caAsFile: true), "?displayName=x", 400, "inline"),
            (Kubeconfig("sim", ["sim"], port: ClosedPort()), "?displayName=x", 422, "connection refused"),
            (Kubeconfig("sim", ["sim"], token: "wrong-token"), "?displayName=x", 422, "401"),
        };
        foreach (var (body, query, expected, says) in cases)
        {
            var (code, text) = await UploadAsync(body, query);
            Assert.True(code == expected, $"{says}: expected {expected}, got {code}: {text}");
            Assert.Contains(says, text, StringComparison.Ordinal);
        }

        var (tooLarge, _) = await UploadAsync(sim + "\n#" + new string('x', 1024 * 1024), "?displayName=x");
        Assert.Equal(413, tooLarge);
        Assert.Equal(before, await CountAsync(PlatformClusterApi.Credentials));
    }

    [Fact]
    public async Task Only_POST_is_served()
    {
        using var response = await fixture.Server.Http.PutAsync(ImportPath + "?displayName=x", new StringContent(SimKubeconfig));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<(int Code, string Body)> UploadAsync(string kubeconfig, string query)
    {
        using var content = new StringContent(kubeconfig, Encoding.UTF8, "application/yaml");
        using var response = await fixture.Server.Http.PostAsync(ImportPath + query, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> CountAsync(string path)
    {
        var (code, body) = await fixture.Api.GetAsync(path);
        Assert.Equal(200, code);
        return body!["items"]!.AsArray().Count;
    }

    /// <summary>A kubeconfig for the cluster under test with the given contexts, all on its one cluster and user.</summary>
    private string Kubeconfig(string? current, string[] contexts, int? port = null, string? token = null, bool caAsFile = false)
    {
        var ca = caAsFile
            ? "    certificate-authority: /etc/ssl/certs/ca-certificates.crt\n"
            : $"    certificate-authority-data: {Base64(Target.CaPem)}\n";
        var host = Target.Host.Contains(':', StringComparison.Ordinal) ? $"[{Target.Host}]" : Target.Host;
        var user = token is null && Target.Token is null
            ? $"    client-certificate-data: {Base64(Target.ClientCertificatePem!)}\n    client-key-data: {Base64(Target.ClientKeyPem!)}\n"
            : $"    token: {token ?? Target.Token}\n";
        var text = new StringBuilder()
            .Append("apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n")
            .Append($"    server: https://{(port is null ? host : "127.0.0.1")}:{port ?? Target.Port}{Target.PathPrefix}\n").Append(ca)
            .Append("users:\n- name: admin\n  user:\n").Append(user).Append("contexts:\n");
        foreach (var context in contexts)
        {
            text.Append($"- name: {context}\n  context:\n    cluster: sim\n    user: admin\n");
        }

        if (current is not null)
        {
            text.Append($"current-context: {current}\n");
        }

        return text.ToString();
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static int ClosedPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

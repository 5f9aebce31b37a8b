using System.Text;
using Tke.Kubernetes.Kubeconfig;
using Tke.Kubernetes.Tests.Hosting;

namespace Tke.Kubernetes.Tests.Kubeconfig;

public sealed class KubeconfigParserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tke-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Data_fields_give_ca_client_certificate_token_and_namespace()
    {
        var ca = TestCertificates.SelfSignedCa();
        var client = TestCertificates.ClientCertificate();
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {B64(ca.CertificatePem)}
                tls-server-name: kubernetes.default
            users:
            - name: alice
              user:
                token: abc.def
                client-certificate-data: {B64(client.CertificatePem)}
                client-key-data: {B64(client.KeyPem)}
            contexts:
            - name: alice@prod
              context:
                cluster: prod
                user: alice
                namespace: team-a
            current-context: alice@prod
            """;

        var connection = KubeconfigParser.Parse(yaml).ToConnection();

        Assert.Equal(new Uri("https://10.0.0.1:6443"), connection.Server);
        Assert.Equal("CN=test-ca", Assert.Single(connection.CertificateAuthorities).Subject);
        Assert.Equal("kubernetes.default", connection.TlsServerName);
        Assert.Equal("abc.def", connection.BearerToken);
        Assert.NotNull(connection.ClientCertificate);
        Assert.True(connection.ClientCertificate!.HasPrivateKey);
        Assert.Equal("team-a", connection.DefaultNamespace);
        Assert.False(connection.InsecureSkipTlsVerify);
    }

    [Fact]
    public void Relative_file_paths_resolve_against_the_kubeconfig_directory()
    {
        var ca = TestCertificates.SelfSignedCa();
        var client = TestCertificates.ClientCertificate();
        Directory.CreateDirectory(Path.Combine(_dir, "pki"));
        File.WriteAllText(Path.Combine(_dir, "pki", "ca.crt"), ca.CertificatePem);
        File.WriteAllText(Path.Combine(_dir, "pki", "client.crt"), client.CertificatePem);
        File.WriteAllText(Path.Combine(_dir, "pki", "client.key"), client.KeyPem);
        File.WriteAllText(Path.Combine(_dir, "token"), "from-file\n");
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, """
            clusters:
            - name: c
              cluster: {server: "https://k8s.example:6443", certificate-authority: pki/ca.crt}
            users:
            - name: cert
              user: {client-certificate: pki/client.crt, client-key: ./pki/client.key}
            - name: tok
              user: {tokenFile: token}
            contexts:
            - {name: cert, context: {cluster: c, user: cert}}
            - {name: tok, context: {cluster: c, user: tok}}
            current-context: cert
            """);

        // Read from another working directory: paths must not depend on it.
        var kubeconfig = KubeconfigParser.Load(path);

        Assert.Equal(Path.Combine(_dir, "pki", "ca.crt"), kubeconfig.Clusters["c"].CertificateAuthorityFile);
        var cert = kubeconfig.ToConnection();
        Assert.Single(cert.CertificateAuthorities);
        Assert.Equal("CN=alice, O=system:masters", cert.ClientCertificate!.Subject);
        var token = kubeconfig.ToConnection("tok");
        Assert.Equal(Path.Combine(_dir, "token"), token.BearerTokenFile);
        Assert.Null(token.BearerToken);
    }

    [Fact]
    public void A_missing_file_names_the_field_and_path()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse("""
            clusters: [{name: c, cluster: {server: "https://h", certificate-authority: nope.crt}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """, _dir).ToConnection("x"));
        Assert.Contains("cluster \"c\" certificate-authority", e.Message);
        Assert.Contains(Path.Combine(_dir, "nope.crt"), e.Message);
    }

    private const string TwoContexts = """
        clusters: [{name: c, cluster: {server: "https://h:6443", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: t}}, {name: nobody, user: {}}, {name: plugin, user: {exec: {command: aws}}}]
        contexts:
        - {name: a, context: {cluster: c, user: u}}
        - {name: b, context: {cluster: c, user: u}}
        - {name: anon, context: {cluster: c, user: nobody}}
        - {name: exec, context: {cluster: c, user: plugin}}
        - {name: lost, context: {cluster: gone, user: u}}
        """;

    [Fact]
    public void A_named_context_that_does_not_exist_is_reported()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse(TwoContexts).ToConnection("x"));
        Assert.Equal("context \"x\" not found", e.Message);
    }

    [Fact]
    public void Without_current_context_several_contexts_are_not_guessed_between()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse(TwoContexts).ToConnection());
        Assert.StartsWith("kubeconfig has no usable context", e.Message);
        Assert.Contains("\"a\", \"anon\", \"b\"", e.Message);
    }

    [Fact]
    public void Without_current_context_a_single_context_is_used()
    {
        var connection = KubeconfigParser.Parse("""
            clusters: [{name: c, cluster: {server: "https://h:6443", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {username: admin, password: secret}}]
            contexts: [{name: only, context: {cluster: c, user: u}}]
            """).ToConnection();
        Assert.True(connection.InsecureSkipTlsVerify);
        Assert.Equal(new("admin", "secret"), connection.Basic);
        Assert.DoesNotContain("secret", connection.Basic!.ToString());
    }

    [Fact]
    public void No_contexts_at_all_is_no_usable_context()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse("apiVersion: v1\nkind: Config\nclusters: []\n").ToConnection());
        Assert.StartsWith("kubeconfig has no usable context", e.Message);
    }

    [Fact]
    public void A_current_context_that_does_not_exist_is_reported()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse(TwoContexts + "\ncurrent-context: gone\n").ToConnection());
        Assert.Equal("current-context \"gone\" not found", e.Message);
    }

    [Theory]
    [InlineData("anon", "user \"nobody\" has neither token nor client certificate")]
    [InlineData("exec", "user \"plugin\" relies on an exec credential plugin, which is not supported")]
    [InlineData("lost", "context \"lost\" refers to cluster \"gone\", which is not defined")]
    public void Unusable_contexts_say_why(string context, string message)
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse(TwoContexts).ToConnection(context));
        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData("clusters: [unclosed", "kubeconfig is not valid YAML")]
    [InlineData("", "kubeconfig is empty")]
    [InlineData("- a\n- b\n", "kubeconfig must be a YAML mapping")]
    [InlineData("clusters: {}\n", "clusters must be a list")]
    [InlineData("clusters: [{cluster: {server: x}}]\n", "an entry of clusters has no name")]
    [InlineData("clusters: [{name: a}, {name: a}]\n", "cluster \"a\" is defined twice")]
    [InlineData("users: [{name: u, user: {client-key-data: '%%%'}}]\n", "user \"u\" client-key-data is not valid base64")]
    public void Bad_documents_are_rejected_with_a_reason(string yaml, string message)
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse(yaml));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_rejected()
    {
        var client = TestCertificates.ClientCertificate();
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse($"""
            clusters: [{"{"}name: c, cluster: {"{"}server: "https://h"{"}"}{"}"}]
            users: [{"{"}name: u, user: {"{"}client-certificate-data: {B64(client.CertificatePem)}{"}"}{"}"}]
            contexts: [{"{"}name: x, context: {"{"}cluster: c, user: u{"}"}{"}"}]
            """).ToConnection());
        Assert.Equal("user \"u\" has a client certificate but no client key", e.Message);
    }

    [Fact]
    public void Ca_together_with_insecure_skip_is_refused()
    {
        var ca = TestCertificates.SelfSignedCa();
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigParser.Parse($"""
            clusters:
            - name: c
              cluster:
                server: https://h
                insecure-skip-tls-verify: true
                certificate-authority-data: {B64(ca.CertificatePem)}
            users: [{"{"}name: u, user: {"{"}token: t{"}"}{"}"}]
            contexts: [{"{"}name: x, context: {"{"}cluster: c, user: u{"}"}{"}"}]
            """).ToConnection());
        Assert.Contains("both a certificate authority and insecure-skip-tls-verify", e.Message);
    }

    [Fact]
    public void A_numeric_token_stays_text()
    {
        var connection = KubeconfigParser.Parse("""
            clusters: [{name: c, cluster: {server: "https://h"}}]
            users: [{name: u, user: {token: 0123456789}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """).ToConnection();
        Assert.Equal("0123456789", connection.BearerToken);
    }
}

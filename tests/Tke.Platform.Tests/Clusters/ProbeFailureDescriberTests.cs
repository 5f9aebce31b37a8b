using System.Net.Sockets;
using System.Security.Authentication;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Resources;
using Tke.Platform.Clusters;

namespace Tke.Platform.Tests.Clusters;

public sealed class ProbeFailureDescriberTests
{
    private static readonly Uri Server = new("https://10.0.0.1:6443");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_refused_connection_names_the_address()
    {
        var error = new HttpRequestException("Connection refused (10.0.0.1:6443)", new SocketException((int)SocketError.ConnectionRefused));
        var result = ProbeFailureDescriber.Describe(error, Server, Timeout);
        Assert.Equal(ProbeFailureKind.Unreachable, result.Failure);
        Assert.Equal("cannot reach https://10.0.0.1:6443: connection refused", result.Message);
    }

    [Fact]
    public void A_401_says_the_token_was_rejected()
    {
        var result = ProbeFailureDescriber.Describe(new KubernetesApiException(401, "Unauthorized", "GET /version: Unauthorized"), Server, Timeout);
        Assert.Equal(ProbeFailureKind.Unauthorized, result.Failure);
        Assert.StartsWith("the cluster rejected the token (401)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untrusted_certificate_says_the_CA_does_not_sign_it()
    {
        var error = new HttpRequestException("The SSL connection could not be established", new AuthenticationException("remote certificate is invalid"));
        var result = ProbeFailureDescriber.Describe(error, Server, Timeout);
        Assert.Equal(ProbeFailureKind.UntrustedCertificate, result.Failure);
        Assert.StartsWith("the cluster's certificate is not signed by the given CA", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_answer_in_time_is_unreachable_with_the_timeout()
    {
        var result = ProbeFailureDescriber.Describe(new TimeoutException("GET /version"), Server, Timeout);
        Assert.Equal("cannot reach https://10.0.0.1:6443: no answer within 5s", result.Message);
    }

    [Fact]
    public void Node_resources_are_summed_per_name_in_canonical_form()
    {
        var node = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("8"), ["memory"] = Quantity.Parse("32Gi") };
        var half = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("500m") };
        var total = ClusterProber.Sum([node, node, node, half]);
        Assert.Equal("24500m", total["cpu"]);
        Assert.Equal("96Gi", total["memory"]);
    }
}

using Tke.Kubernetes.Client;
using Tke.Kubernetes.Connections;

namespace Tke.Cli.Client;

/// <summary>
/// A managed cluster reached through the platform's cluster proxy with the caller's own platform
/// credentials, so the platform's tenancy and policies apply to every request.
/// </summary>
public static class ProxiedCluster
{
    public static KubernetesClient Connect(Kubeconfig platform, string clusterId)
    {
        if (clusterId.Length == 0 || clusterId.Contains('/', StringComparison.Ordinal))
        {
            throw new CommandFailedException($"--cluster \"{clusterId}\" is not a cluster name");
        }

        var connection = new ClusterConnection
        {
            Server = new Uri($"{platform.Server.TrimEnd('/')}/apis/platform.tkestack.io/v1/clusters/{Uri.EscapeDataString(clusterId)}/proxy"),
            CertificateAuthorities = platform.CaPem is { } ca ? PemCertificates.ParseBundle(ca) : [],
            InsecureSkipTlsVerify = platform.InsecureSkipVerify,
            BearerToken = platform.Token,
            ClientCertificate = platform.ClientCertPem is { } cert && platform.ClientKeyPem is { } key ? PemCertificates.ParseCertificateWithKey(cert, key) : null,
        };
        return new KubernetesClient(connection);
    }

    /// <summary>Runs a command against a cluster; API errors become one line on stderr and exit code 1.</summary>
    public static Task<int> RunAsync(string command, Func<Task<int>> body) =>
        CommandErrorBoundary.RunAsync(command, async () =>
        {
            try
            {
                return await body();
            }
            catch (KubernetesApiException e)
            {
                throw new CommandFailedException(e.Message, e.Code);
            }
            catch (TimeoutException e)
            {
                throw new CommandFailedException(e.Message);
            }
        });
}

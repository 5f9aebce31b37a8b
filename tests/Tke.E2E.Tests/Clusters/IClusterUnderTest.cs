namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// The cluster the platform's cluster tests import and reach: the simulated cluster, or a real
/// one named by TKE_TEST_KUBECONFIG. What the tests need of it is what an operator gives the
/// import form: an address, the CA, and a token or client certificate.
/// </summary>
public interface IClusterUnderTest
{
    /// <summary>The API server's host, as the import form takes it (no scheme, no brackets).</summary>
    string Host { get; }

    int Port { get; }

    /// <summary>A path prefix of an API server behind a proxy, or null.</summary>
    string? PathPrefix { get; }

    /// <summary>The CA bundle (PEM) the API server's certificate chains to.</summary>
    string CaPem { get; }

    /// <summary>The bearer token, or null when the cluster is reached with a client certificate.</summary>
    string? Token { get; }

    string? ClientCertificatePem { get; }

    string? ClientKeyPem { get; }

    /// <summary>A kubeconfig with administrator rights on the cluster, reaching it directly.</summary>
    string AdminKubeconfigPath { get; }

    /// <summary>True for `tke sim-cluster`: only then may tests kill it, drain its nodes or rely on simulated behaviour.</summary>
    bool IsSimulated { get; }
}

using Tke.Kubernetes.Kubeconfig;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// A real cluster named by TKE_TEST_KUBECONFIG (and TKE_TEST_CONTEXT, else its current context):
/// the cluster tests that do not depend on simulation run against it instead of the simulated one.
/// The kubeconfig must grant cluster-admin; tests create namespaces, pods and RBAC objects in it.
/// </summary>
public sealed class ExternalCluster : IClusterUnderTest
{
    public const string KubeconfigVariable = "TKE_TEST_KUBECONFIG";
    public const string ContextVariable = "TKE_TEST_CONTEXT";

    private readonly ImportedClusterAccess _access;

    private ExternalCluster(string kubeconfigPath, ImportedClusterAccess access)
    {
        AdminKubeconfigPath = kubeconfigPath;
        _access = access;
    }

    public string Host => _access.Host;

    public int Port => _access.Port;

    public string? PathPrefix => _access.PathPrefix;

    public string CaPem => _access.CaPem ?? throw new InvalidOperationException($"{KubeconfigVariable} names a cluster without a CA certificate; the platform imports clusters with their CA");

    public string? Token => _access.Token;

    public string? ClientCertificatePem => _access.ClientCertPem;

    public string? ClientKeyPem => _access.ClientKeyPem;

    public string AdminKubeconfigPath { get; }

    public bool IsSimulated => false;

    /// <summary>The cluster TKE_TEST_KUBECONFIG names, or null when it is not set.</summary>
    public static ExternalCluster? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(KubeconfigVariable);
        return string.IsNullOrEmpty(path) ? null : FromKubeconfig(path, Environment.GetEnvironmentVariable(ContextVariable));
    }

    public static ExternalCluster FromKubeconfig(string path, string? context)
    {
        try
        {
            return new ExternalCluster(Path.GetFullPath(path), ImportedClusterAccess.FromFile(path, string.IsNullOrEmpty(context) ? null : context));
        }
        catch (KubeconfigException e)
        {
            throw new InvalidOperationException($"{KubeconfigVariable}={path}: {e.Message}", e);
        }
    }
}

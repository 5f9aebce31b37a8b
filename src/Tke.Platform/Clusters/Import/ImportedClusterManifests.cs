using System.Text;
using System.Text.Json.Nodes;
using Tke.Kubernetes.Kubeconfig;

namespace Tke.Platform.Clusters.Import;

/// <summary>
/// TKEStack's import as two objects: a ClusterCredential holding what the cluster's kubeconfig
/// grants, and an Imported Cluster that references it and carries the API server address.
/// The CLI sends them itself; the kubeconfig upload endpoint creates them on the server.
/// </summary>
public static class ImportedClusterManifests
{
    public const string ApiVersion = "platform.tkestack.io/v1";
    public const int MaxDisplayNameLength = 60;

    public static JsonObject Credential(ImportedClusterAccess access, string? tenantId = null)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "ClusterCredential",
            ["metadata"] = new JsonObject { ["generateName"] = "cc-" },
        };
        if (!string.IsNullOrEmpty(tenantId))
        {
            body["tenantID"] = tenantId;
        }

        if (access.CaPem is { } ca)
        {
            body["caCert"] = Base64(ca);
        }

        if (access.Token is { } token)
        {
            body["token"] = token;
        }

        if (access.ClientCertPem is { } cert && access.ClientKeyPem is { } key)
        {
            body["clientCert"] = Base64(cert);
            body["clientKey"] = Base64(key);
        }

        return body;
    }

    public static JsonObject Cluster(string displayName, string? tenantId, string credentialName, ImportedClusterAccess access)
    {
        var spec = new JsonObject
        {
            ["type"] = "Imported",
            ["displayName"] = displayName,
            ["clusterCredentialRef"] = new JsonObject { ["name"] = credentialName },
        };
        if (!string.IsNullOrEmpty(tenantId))
        {
            spec["tenantID"] = tenantId;
        }

        var address = new JsonObject { ["type"] = "Advertise", ["host"] = access.Host, ["port"] = access.Port };
        if (access.PathPrefix is { } path)
        {
            address["path"] = path;
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["generateName"] = "cls-" },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["addresses"] = new JsonArray(address) },
        };
    }

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}

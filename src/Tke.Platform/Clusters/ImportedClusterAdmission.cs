using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Connections;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters;

/// <summary>
/// An Imported cluster is only accepted once the platform has reached it with its credential:
/// an unreachable address, a refused token or an untrusted certificate is a 422 that says which,
/// and nothing is stored.
/// </summary>
public sealed class ImportedClusterAdmission(ClusterHealthOptions options, Func<ClusterCredentialResolver?> resolver) : IAdmissionPlugin
{
    public string Name => "ImportedClusterConnection";

    public AdmissionPhase Phase => AdmissionPhase.Validating;

    public bool Handles(KindDefinition kind) => kind.ObjectType == typeof(Cluster);

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation != AdmissionOperation.Create || request.Subresource is not null
            || request.Object is not Cluster { Spec.Type: ClusterTypes.Imported } cluster)
        {
            return;
        }

        var credentials = resolver() ?? throw StatusError.ServiceUnavailable("the cluster component is starting; try again");
        var credential = await credentials.FindAsync(cluster, cancellationToken);
        if (credential is null)
        {
            throw Refuse(request, cluster.Spec.ClusterCredentialRef?.Name is { Length: > 0 } name
                ? new FieldError(FieldErrorKind.NotFound, "spec.clusterCredentialRef.name", "", name)
                : new FieldError(FieldErrorKind.Required, "spec.clusterCredentialRef", "an imported cluster needs a ClusterCredential with its CA certificate and token"));
        }

        ClusterConnection connection;
        try
        {
            connection = ClusterConnectionFactory.Create(cluster, credential);
        }
        catch (ArgumentException e)
        {
            throw Refuse(request, new FieldError(FieldErrorKind.Invalid, "spec.clusterCredentialRef", e.Message, credential.Metadata.Name));
        }

        using var client = new KubernetesClient(connection, new KubernetesClientOptions
        {
            ConnectTimeout = options.ImportTimeout,
            RequestTimeout = options.ImportTimeout,
        });
        var result = await ClusterProber.ProbeAsync(client, options.ImportTimeout, cancellationToken);
        if (result.Succeeded)
        {
            return;
        }

        var field = result.Failure is ProbeFailureKind.Unauthorized or ProbeFailureKind.Forbidden
            ? new FieldError(FieldErrorKind.Invalid, "spec.clusterCredentialRef", result.Message!, credential.Metadata.Name)
            : new FieldError(FieldErrorKind.Invalid, "status.addresses", result.Message!, connection.Server.Authority);
        throw Refuse(request, field);
    }

    private static StatusError Refuse(AdmissionRequest request, FieldError error) =>
        StatusError.Invalid(request.Kind.Group, request.Kind.Kind, request.Name, [error]);
}

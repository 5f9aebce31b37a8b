using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Store;
using Tke.ApiMachinery.Validation;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Connections;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters.Import;

/// <summary>
/// An Imported cluster is only accepted once the platform has reached it with its credential:
/// an unreachable address, a refused token or an untrusted certificate is a 422 that says which,
/// and nothing is stored. The same check runs again when an imported cluster's address or
/// credential reference changes, and when a credential an imported cluster uses is edited, so a
/// typo cannot cut the platform off from a cluster that was working.
/// </summary>
public sealed class ImportedClusterAdmission(ClusterHealthOptions options, Func<ClusterStores?> stores) : IAdmissionPlugin
{
    public string Name => "ImportedClusterConnection";

    public AdmissionPhase Phase => AdmissionPhase.Validating;

    public bool Handles(KindDefinition kind) => kind.ObjectType == typeof(Cluster) || kind.ObjectType == typeof(ClusterCredential);

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.DryRun && request.Operation == AdmissionOperation.Update)
        {
            return;
        }

        switch (request)
        {
            case { Operation: AdmissionOperation.Create, Subresource: null, Object: Cluster { Spec.Type: ClusterTypes.Imported } cluster }:
                await CheckAsync(request, cluster, null, cancellationToken);
                break;
            case { Operation: AdmissionOperation.Update, Object: Cluster { Spec.Type: ClusterTypes.Imported } cluster, OldObject: Cluster old }
                when cluster.Metadata.DeletionTimestamp is null && ClusterConnectionFactory.ConnectionChanged(old, cluster):
                await CheckAsync(request, cluster, null, cancellationToken);
                break;
            case { Operation: AdmissionOperation.Update, Object: ClusterCredential credential, OldObject: ClusterCredential old }
                when SecretsChanged(old, credential):
                await CheckUsersOfAsync(request, credential, cancellationToken);
                break;
        }
    }

    private async Task CheckUsersOfAsync(AdmissionRequest request, ClusterCredential credential, CancellationToken cancellationToken)
    {
        var current = Stores();
        var name = credential.Metadata.Name;
        var clusters = await current.Clusters.ListAsync(null, new ListQuery(), cancellationToken);
        var user = clusters.Items.Select(i => (Cluster)i.Object).FirstOrDefault(c =>
            c.Spec.Type == ClusterTypes.Imported && c.Metadata.DeletionTimestamp is null
            && (c.Spec.ClusterCredentialRef?.Name == name || (c.Spec.ClusterCredentialRef is null && c.Metadata.Name == credential.ClusterName)));
        if (user is not null)
        {
            await CheckAsync(request, user, credential, cancellationToken);
        }
    }

    private async Task CheckAsync(AdmissionRequest request, Cluster cluster, ClusterCredential? edited, CancellationToken cancellationToken)
    {
        var credential = edited ?? await new ClusterCredentialResolver(Stores().Credentials).FindAsync(cluster, cancellationToken);
        if (credential is null)
        {
            throw Refuse(request, cluster.Spec.ClusterCredentialRef?.Name is { Length: > 0 } name
                ? new FieldError(FieldErrorKind.NotFound, "spec.clusterCredentialRef.name", "", name)
                : new FieldError(FieldErrorKind.Required, "spec.clusterCredentialRef", "an imported cluster needs a ClusterCredential with its CA certificate and token"));
        }

        var credentialField = edited is null ? "spec.clusterCredentialRef" : "token";
        ClusterConnection connection;
        try
        {
            connection = ClusterConnectionFactory.Create(cluster, credential);
        }
        catch (ArgumentException e)
        {
            throw Refuse(request, new FieldError(FieldErrorKind.Invalid, credentialField, e.Message, credential.Metadata.Name));
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

        var message = edited is null ? result.Message! : $"cluster {cluster.Metadata.Name} uses this credential: {result.Message}";
        var field = edited is not null || result.Failure is ProbeFailureKind.Unauthorized or ProbeFailureKind.Forbidden
            ? new FieldError(FieldErrorKind.Invalid, credentialField, message, credential.Metadata.Name)
            : new FieldError(FieldErrorKind.Invalid, "status.addresses", message, connection.Server.Authority);
        throw Refuse(request, field);
    }

    private ClusterStores Stores() => stores() ?? throw StatusError.ServiceUnavailable("the cluster component is starting; try again");

    private static bool SecretsChanged(ClusterCredential before, ClusterCredential after) =>
        before.Token != after.Token
        || !Same(before.CACert, after.CACert) || !Same(before.ClientCert, after.ClientCert) || !Same(before.ClientKey, after.ClientKey);

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static StatusError Refuse(AdmissionRequest request, FieldError error) =>
        StatusError.Invalid(request.Kind.Group, request.Kind.Kind, request.Name, [error]);
}

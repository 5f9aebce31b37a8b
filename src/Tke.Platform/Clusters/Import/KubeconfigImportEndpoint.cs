using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Kubernetes.Kubeconfig;
using Tke.Platform.Apis;

namespace Tke.Platform.Clusters.Import;

/// <summary>
/// POST /apis/platform.tkestack.io/v1/clusters/import?displayName=N[&amp;context=C] with a
/// cluster's kubeconfig as the body: the console's "import from kubeconfig". The platform picks
/// the context, creates the ClusterCredential and the Imported Cluster as the caller (so the
/// caller's policies, tenant and the connection check all apply) and answers 201 with the
/// Cluster. A refused import leaves no credential behind.
/// </summary>
public sealed class KubeconfigImportEndpoint(ClusterStores stores, ApiSurface surface)
{
    public const string Path = Proxy.ClusterProxyRoute.ClustersPath + "import";

    // A kubeconfig is a few KiB; anything near the API's body limit is not one.
    private const int MaxKubeconfigBytes = 1024 * 1024;

    public static bool Accepts(HttpRequest request) => request.Path.Value == Path;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw StatusError.MethodNotSupported("clusters/import", context.Request.Method);
        }

        var cancellationToken = context.RequestAborted;
        var displayName = context.Request.Query["displayName"].ToString().Trim();
        if (displayName.Length is 0 or > ImportedClusterManifests.MaxDisplayNameLength)
        {
            throw StatusError.BadRequest($"displayName is required and must be at most {ImportedClusterManifests.MaxDisplayNameLength} characters");
        }

        await AuthorizeAsync(user, "clustercredentials", cancellationToken);
        await AuthorizeAsync(user, "clusters", cancellationToken);
        var body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (body.Length > MaxKubeconfigBytes)
        {
            throw StatusError.RequestEntityTooLarge(MaxKubeconfigBytes);
        }

        ImportedClusterAccess access;
        try
        {
            var contextName = context.Request.Query["context"].ToString();
            access = ImportedClusterAccess.FromUpload(Encoding.UTF8.GetString(body), contextName.Length == 0 ? null : contextName);
        }
        catch (KubeconfigException e)
        {
            throw StatusError.BadRequest($"kubeconfig: {e.Message}");
        }

        var write = new WriteContext(user) { FieldValidation = FieldValidationMode.Strict };
        var credential = await stores.Credentials.CreateAsync(null, ImportedClusterManifests.Credential(access), write, cancellationToken);
        var credentialJson = JsonNode.Parse(credential.Json)!;
        StoredItem cluster;
        try
        {
            cluster = await stores.Clusters.CreateAsync(
                null,
                ImportedClusterManifests.Cluster(displayName, (string?)credentialJson["tenantID"], credential.Object.Metadata.Name!, access),
                write,
                CancellationToken.None);
        }
        catch
        {
            await stores.Credentials.DeleteAsync(null, credential.Object.Metadata.Name!, new DeleteRequest(credential.Object.Metadata.Uid, null, null), write, CancellationToken.None);
            throw;
        }

        await ResponseWriter.WriteJsonBytesAsync(context, cluster.RedactedJson, StatusCodes.Status201Created);
    }

    private async Task AuthorizeAsync(RequestUser user, string resource, CancellationToken cancellationToken)
    {
        var attributes = new ResourceAttributes("create", PlatformApiGroup.GroupName, PlatformApiGroup.GroupVersion, resource, null, null, null);
        var verdict = await surface.Authorizer.AuthorizeAsync(user, attributes, cancellationToken);
        if (!verdict.Allowed)
        {
            throw StatusError.Forbidden($"{resource}.{PlatformApiGroup.GroupName} is forbidden: User \"{user.Name}\" cannot create resource \"{resource}\" in API group \"{PlatformApiGroup.GroupName}\" at the cluster scope: {verdict.Reason}");
        }
    }
}

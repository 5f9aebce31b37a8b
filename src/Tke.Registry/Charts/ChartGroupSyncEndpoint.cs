using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.Registry.Apis;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Charts;

/// <summary>
/// POST /apis/registry.tkestack.io/v1/chartgroups/{name}/repoupdating: the console's "sync
/// repository" button. Syncs an Imported chart group from its third-party repository now and
/// answers with the group, whose status says what was imported and what was skipped. The caller
/// needs create on chartgroups/repoupdating and sees only its tenant's groups.
/// </summary>
public sealed class ChartGroupSyncEndpoint(ChartObjects objects, ChartGroupImporter importer, ApiSurface surface)
{
    public const string Prefix = "/apis/" + RegistryApiGroup.GroupName + "/" + RegistryApiGroup.Version + "/chartgroups/";

    public static bool Accepts(HttpRequest request) => GroupName(request) is not null;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var name = GroupName(context.Request) ?? throw StatusError.PathNotFound(context.Request.Path.Value ?? "");
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw StatusError.MethodNotSupported("chartgroups/" + ChartGroupKind.SyncSubresource, context.Request.Method);
        }

        var cancellationToken = context.RequestAborted;
        await surface.AuthorizeAsync(user, new ResourceAttributes("create", RegistryApiGroup.GroupName, RegistryApiGroup.Version, "chartgroups", ChartGroupKind.SyncSubresource, null, name), cancellationToken);
        var group = (ChartGroup)(await objects.ChartGroups.GetAsync(null, name, cancellationToken, user.TenantScope)).Object;
        if (group.Spec.Type != RepoTypes.Imported)
        {
            throw StatusError.BadRequest($"chart group {name} is {group.Spec.Type}, not Imported: only imported repositories can be synced");
        }

        await importer.SyncAsync(group, cancellationToken);
        var synced = await objects.ChartGroups.GetAsync(null, name, cancellationToken, user.TenantScope);
        await ResponseWriter.WriteJsonBytesAsync(context, synced.RedactedJson);
    }

    private static string? GroupName(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[Prefix.Length..].Split('/');
        return rest.Length == 2 && rest[0].Length > 0 && rest[1] == ChartGroupKind.SyncSubresource ? rest[0] : null;
    }
}

using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis;
using Tke.Registry.Apis.Namespaces;

namespace Tke.Registry.Resources;

/// <summary>
/// Refuses to delete a registry Namespace that still holds image repositories (409), so images
/// are never orphaned by a namespace that disappears under them; TKEStack's Harbor-backed
/// registry refused the same way (a project with repositories cannot be deleted). Delete the
/// repositories (or their images) first.
/// </summary>
public sealed class NamespaceDeletionGuard(ResourceStore repositories) : IAdmissionPlugin
{
    public string Name => "RegistryNamespaceDeletion";

    public AdmissionPhase Phase => AdmissionPhase.Validating;

    public bool Handles(KindDefinition kind) => kind is NamespaceKind;

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Operation != AdmissionOperation.Delete || request.OldObject is not Namespace ns)
        {
            return;
        }

        var held = (await repositories.ListAsync(ns.Metadata.Name, new ListQuery { Limit = 1 }, cancellationToken)).Items;
        if (held.Count > 0)
        {
            var count = (await repositories.ListAsync(ns.Metadata.Name, new ListQuery(), cancellationToken)).Items.Count;
            throw StatusError.Conflict(RegistryApiGroup.GroupName, "namespaces", ns.Metadata.Name!,
                $"registry namespace \"{ns.Spec.Name}\" still holds {count} image repositor{(count == 1 ? "y" : "ies")}; delete them first");
        }
    }
}

using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;

namespace Tke.SimCluster.Controllers.Runtime;

/// <summary>Work queue keys: "namespace/name" for namespaced objects, "name" otherwise.</summary>
public static class ObjectKey
{
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public static string Of(ApiObject obj) => Of(obj.Metadata.Namespace, obj.Metadata.Name ?? "");

    public static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The key of the changed object itself.</summary>
    public static IEnumerable<string> Self(ResourceEvent e) => [Of(e.Item.Object)];

    /// <summary>The key of the changed object's controlling owner of the given kind, if it has one.</summary>
    public static Func<ResourceEvent, IEnumerable<string>> ControllerOfKind(string kind) => e =>
        ControllerOf(e.Item.Object) is { } owner && owner.Kind == kind ? [Of(e.Item.Object.Metadata.Namespace, owner.Name)] : [];

    public static OwnerReference? ControllerOf(ApiObject obj) =>
        obj.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
}

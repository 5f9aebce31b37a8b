using Tke.ApiMachinery.CustomResources;
using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>The kinds a definition is served as: one per served version, with its schema, status
/// subresource and printer columns.</summary>
public static class ServedCustomResources
{
    public static IReadOnlyList<CustomResourceKind> For(CustomResourceDefinition crd, TimeProvider clock)
    {
        var spec = crd.Spec;
        var names = new CustomResourceNames(
            spec.Names.Plural,
            string.IsNullOrEmpty(spec.Names.Singular) ? spec.Names.Kind.ToLowerInvariant() : spec.Names.Singular,
            spec.Names.Kind,
            string.IsNullOrEmpty(spec.Names.ListKind) ? spec.Names.Kind + "List" : spec.Names.ListKind,
            spec.Names.ShortNames ?? [],
            spec.Names.Categories ?? []);
        var scope = spec.Scope == "Namespaced" ? KindScope.Namespaced : KindScope.Cluster;
        return spec.Versions
            .Where(v => v.Served && v.Schema?.OpenApiV3Schema is not null)
            .Select(v => new CustomResourceKind(
                spec.Group,
                v.Name,
                names,
                scope,
                v.Schema!.OpenApiV3Schema!,
                v.Subresources?.Status is not null,
                (v.AdditionalPrinterColumns ?? [])
                    .Select(c => new PrinterColumn(c.Name, c.Type, c.Format, c.Description, c.Priority ?? 0, c.JsonPath, clock))
                    .ToArray()))
            .ToArray();
    }

    /// <summary>The version objects are stored as.</summary>
    public static string? StorageVersion(CustomResourceDefinition crd) => crd.Spec.Versions.FirstOrDefault(v => v.Storage)?.Name;
}

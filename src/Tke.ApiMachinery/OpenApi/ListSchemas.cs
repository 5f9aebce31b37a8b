using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>The schema of a kind's list (ClusterList and the like), which list operations return.</summary>
internal static class ListSchemas
{
    public static SchemaNode For(KindDefinition kind)
    {
        var item = kind.Schema;
        return new SchemaNode
        {
            Type = SchemaType.Object,
            Description = $"{kind.ListKind} is a list of {kind.Kind} objects.",
            DefinitionName = item.DefinitionName + "List",
            GroupVersionKind = (kind.Group, kind.Version, kind.ListKind),
            Required = ["items"],
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = SchemaType.String, Description = "Versioned schema of this representation of an object." },
                ["items"] = new() { Type = SchemaType.Array, Description = $"List of {kind.Kind} objects.", Items = item },
                ["kind"] = new() { Type = SchemaType.String, Description = "The REST resource this object represents." },
                ["metadata"] = new()
                {
                    Type = SchemaType.Object,
                    Description = "Standard list metadata.",
                    Properties = MetaSchemas.ListMeta.Properties,
                    DefinitionName = MetaSchemas.ListMeta.DefinitionName,
                },
            },
        };
    }
}

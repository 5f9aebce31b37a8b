namespace Tke.ApiMachinery.Schema;

public enum SchemaType
{
    Object,
    Array,
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>x-kubernetes-int-or-string.</summary>
    IntOrString,
    /// <summary>Anything (free-form JSON).</summary>
    Any,
}

/// <summary>
/// A structural schema of one JSON value, derived from a C# type (SchemaBuilder) or read from an
/// OpenAPI v3 schema (OpenApiSchemaReader, for custom resources). One tree drives OpenAPI
/// output, unknown-field detection and pruning, declarative validation (enum, length,
/// pattern, range, required) and strategic merge patch (list merge keys).
/// </summary>
public sealed class SchemaNode
{
    public SchemaType Type { get; init; }

    public string? Format { get; init; }

    public string? Description { get; set; }

    /// <summary>Properties of an object, in declaration order.</summary>
    public IReadOnlyDictionary<string, SchemaNode>? Properties { get; set; }

    /// <summary>Required property names of an object.</summary>
    public IReadOnlyList<string>? Required { get; set; }

    /// <summary>Element schema of an array.</summary>
    public SchemaNode? Items { get; set; }

    /// <summary>Value schema of a map (object with arbitrary keys).</summary>
    public SchemaNode? AdditionalProperties { get; set; }

    /// <summary>Unknown fields are kept rather than rejected or pruned.</summary>
    public bool PreserveUnknownFields { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>x-kubernetes-patch-merge-key of a list of objects.</summary>
    public string? PatchMergeKey { get; init; }

    /// <summary>x-kubernetes-patch-strategy ("merge" or null for replace).</summary>
    public string? PatchStrategy { get; init; }

    /// <summary>x-kubernetes-list-type: "atomic", "set" or "map".</summary>
    public string? ListType { get; init; }

    /// <summary>x-kubernetes-list-map-keys of a list of type "map".</summary>
    public IReadOnlyList<string>? ListMapKeys { get; init; }

    /// <summary>Duplicates in a "set" or "map" list are validation errors (schemas from data, as for custom
    /// resources; the built-in kinds' list types only steer strategic merge patch).</summary>
    public bool ChecksListType { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>The value filled in when the field is absent (or null and not nullable).</summary>
    public System.Text.Json.Nodes.JsonNode? Default { get; init; }

    /// <summary>JSON null is a value of this field and is kept; otherwise a null is dropped (or defaulted).</summary>
    public bool Nullable { get; init; }

    /// <summary>x-kubernetes-embedded-resource: the object is a whole Kubernetes object (apiVersion, kind, metadata).</summary>
    public bool EmbeddedResource { get; init; }

    /// <summary>Set on the root of a schema built from data: a body is defaulted (and its non-nullable nulls
    /// dropped) by SchemaDefaulting before validation. False for schemas derived from C# types.</summary>
    public bool AppliesDefaults { get; init; }

    /// <summary>The value is a secret (see SensitiveAttribute).</summary>
    public bool Sensitive { get; init; }

    /// <summary>Name under which a named object type is shared in OpenAPI definitions; null for inline schemas.</summary>
    public string? DefinitionName { get; init; }

    /// <summary>On a copy of a named type's node that carries a property's own description: the type's
    /// shared node, whose description is the type's.</summary>
    public SchemaNode? Definition { get; init; }

    /// <summary>Set on the root schema of a kind: its group, version and kind (x-kubernetes-group-version-kind).</summary>
    public (string Group, string Version, string Kind)? GroupVersionKind { get; set; }

    /// <summary>A copy of this node that keeps unknown fields, with every other setting unchanged.</summary>
    public SchemaNode WithPreservedUnknownFields() => new()
    {
        Type = Type,
        Format = Format,
        Description = Description,
        Properties = Properties,
        Required = Required,
        Items = Items,
        AdditionalProperties = AdditionalProperties,
        PreserveUnknownFields = true,
        Enum = Enum,
        MinLength = MinLength,
        MaxLength = MaxLength,
        Pattern = Pattern,
        Minimum = Minimum,
        Maximum = Maximum,
        PatchMergeKey = PatchMergeKey,
        PatchStrategy = PatchStrategy,
        ListType = ListType,
        ListMapKeys = ListMapKeys,
        ChecksListType = ChecksListType,
        MinItems = MinItems,
        MaxItems = MaxItems,
        Default = Default,
        Nullable = Nullable,
        EmbeddedResource = EmbeddedResource,
        AppliesDefaults = AppliesDefaults,
        Sensitive = Sensitive,
        DefinitionName = DefinitionName,
        Definition = Definition,
        GroupVersionKind = GroupVersionKind,
    };

    public bool IsMap => Type == SchemaType.Object && AdditionalProperties is not null;

    /// <summary>The schema of a property of an object, or the value schema of a map.</summary>
    public SchemaNode? Property(string name)
    {
        if (Properties is not null && Properties.TryGetValue(name, out var p))
        {
            return p;
        }

        return AdditionalProperties;
    }
}

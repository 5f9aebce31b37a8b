using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.ApiMachinery.Schema;

/// <summary>
/// Derives a <see cref="SchemaNode"/> tree from a C# type by reflection over its
/// [JsonPropertyName] properties and their data-annotation attributes.
/// Named object types are built once and shared.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly Dictionary<Type, SchemaNode> _named = [];

    public static SchemaBuilder Shared { get; } = new();

    private readonly Lock _lock = new();

    /// <summary>Builds the root schema of a kind; the root is a fresh node so that the same
    /// C# type can be registered under several groups.</summary>
    public SchemaNode BuildKindRoot(Type type, string group, string version, string kind)
    {
        lock (_lock)
        {
            var shared = ForType(type, null);
            return new SchemaNode
            {
                Type = SchemaType.Object,
                Description = shared.Description,
                Properties = shared.Properties,
                Required = shared.Required,
                PreserveUnknownFields = shared.PreserveUnknownFields,
                DefinitionName = KindDefinitionName(group, version, kind),
                GroupVersionKind = (group, version, kind),
            };
        }
    }

    /// <summary>The shared schema of a C# type, e.g. ObjectMeta for the metadata of a schema read from data.</summary>
    public SchemaNode For(Type type)
    {
        lock (_lock)
        {
            return ForType(type, null);
        }
    }

    /// <summary>The OpenAPI definition name of a kind's root schema, e.g. "io.tkestack.platform.v1.Cluster".</summary>
    public static string KindDefinitionName(string group, string version, string kind) => $"{ReverseDomain(group)}.{version}.{kind}";

    private static string ReverseDomain(string group) =>
        group.Length == 0 ? "io.k8s.api.core" : string.Join('.', group.Split('.').Reverse());

    private SchemaNode ForType(Type type, PropertyInfo? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var description = property?.GetCustomAttribute<DescriptionAttribute>()?.Description;

        if (property?.GetCustomAttribute<IntOrStringAttribute>() is not null)
        {
            // On a map (a ResourceList of quantities), the values are int-or-string.
            return MapValueType(type) is not null
                ? new SchemaNode { Type = SchemaType.Object, Description = description, AdditionalProperties = new SchemaNode { Type = SchemaType.IntOrString } }
                : new SchemaNode { Type = SchemaType.IntOrString, Description = description };
        }

        if (type == typeof(string))
        {
            var allowed = property?.GetCustomAttribute<AllowedValuesAttribute>();
            var lengths = property?.GetCustomAttribute<StringLengthAttribute>();
            return new SchemaNode
            {
                Type = SchemaType.String,
                Description = description,
                Enum = allowed?.Values.Select(v => v?.ToString() ?? "").ToArray(),
                MaxLength = lengths?.MaximumLength ?? property?.GetCustomAttribute<MaxLengthAttribute>()?.Length,
                MinLength = lengths is { MinimumLength: > 0 } ? lengths.MinimumLength : property?.GetCustomAttribute<MinLengthAttribute>()?.Length,
                Pattern = property?.GetCustomAttribute<RegularExpressionAttribute>()?.Pattern,
                Sensitive = property?.GetCustomAttribute<SensitiveAttribute>() is not null,
            };
        }

        if (type == typeof(bool))
        {
            return new SchemaNode { Type = SchemaType.Boolean, Description = description };
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong))
        {
            var range = property?.GetCustomAttribute<RangeAttribute>();
            return new SchemaNode
            {
                Type = SchemaType.Integer,
                Format = type == typeof(int) ? "int32" : "int64",
                Description = description,
                Minimum = range is null ? null : Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture),
                Maximum = range is null ? null : Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new SchemaNode { Type = SchemaType.Number, Format = "double", Description = description };
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new SchemaNode { Type = SchemaType.String, Format = "date-time", Description = description };
        }

        if (type == typeof(byte[]))
        {
            return new SchemaNode { Type = SchemaType.String, Format = "byte", Description = description, Sensitive = property?.GetCustomAttribute<SensitiveAttribute>() is not null };
        }

        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(object) || type == typeof(System.Text.Json.JsonElement))
        {
            return new SchemaNode { Type = typeof(JsonObject).IsAssignableFrom(type) ? SchemaType.Object : SchemaType.Any, PreserveUnknownFields = true, Description = description };
        }

        var sensitive = property?.GetCustomAttribute<SensitiveAttribute>() is not null;
        if (MapValueType(type) is { } valueType)
        {
            return new SchemaNode { Type = SchemaType.Object, Description = description, AdditionalProperties = SensitiveIf(sensitive, ForType(valueType, null)) };
        }

        if (ElementType(type) is { } elementType)
        {
            var mergeKey = property?.GetCustomAttribute<PatchMergeKeyAttribute>()?.Key;
            var listKind = property?.GetCustomAttribute<ListTypeAttribute>()?.Kind;
            return new SchemaNode
            {
                Type = SchemaType.Array,
                Description = description,
                Items = SensitiveIf(sensitive, ForType(elementType, null)),
                PatchMergeKey = mergeKey,
                PatchStrategy = mergeKey is not null || listKind == ListKind.Set ? "merge" : null,
                ListType = mergeKey is not null ? "map" : listKind?.ToString().ToLowerInvariant(),
            };
        }

        if (type.IsEnum)
        {
            return new SchemaNode { Type = SchemaType.String, Description = description, Enum = Enum.GetNames(type) };
        }

        var named = Named(type);
        if (description is null || description == named.Description)
        {
            return named;
        }

        // The property's own description wins over the type's, as in Kubernetes' OpenAPI.
        return new SchemaNode
        {
            Type = named.Type,
            Description = description,
            Properties = named.Properties,
            Required = named.Required,
            PreserveUnknownFields = named.PreserveUnknownFields,
            DefinitionName = named.DefinitionName,
            Definition = named,
        };
    }

    /// <summary>[Sensitive] on a list or map of strings makes each string a secret.</summary>
    private static SchemaNode SensitiveIf(bool sensitive, SchemaNode element) =>
        sensitive && element.Type == SchemaType.String
            ? new SchemaNode { Type = SchemaType.String, Format = element.Format, Description = element.Description, Sensitive = true }
            : element;

    private SchemaNode Named(Type type)
    {
        if (_named.TryGetValue(type, out var existing))
        {
            return existing;
        }

        var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        var required = new List<string>();
        var node = new SchemaNode
        {
            Type = SchemaType.Object,
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description,
            PreserveUnknownFields = type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null,
            DefinitionName = DefinitionNameOf(type),
        };
        node.Properties = properties; // filled in place below, so self-references see them
        _named[type] = node; // registered before recursion so self-referencing types terminate

        var ordered = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.GetCustomAttribute<JsonPropertyOrderAttribute>()?.Order ?? 0)
            .ThenBy(p => p.MetadataToken);
        foreach (var p in ordered)
        {
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyCamel(p.Name);
            var child = ForType(p.PropertyType, p);
            if (p.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null && !child.PreserveUnknownFields)
            {
                child = child.WithPreservedUnknownFields();
            }

            properties[name] = child;
            if (p.GetCustomAttribute<RequiredFieldAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        node.Required = required.Count > 0 ? required : null;
        return node;
    }

    private static string DefinitionNameOf(Type type)
    {
        if (type == typeof(ObjectMeta))
        {
            return "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
        }

        if (type == typeof(OwnerReference))
        {
            return "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference";
        }

        var ns = (type.Namespace ?? "tke").ToLowerInvariant();
        var name = type.IsNested ? $"{type.DeclaringType!.Name}{type.Name}" : type.Name;
        return $"{ns}.{name}";
    }

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static Type? MapValueType(Type type)
    {
        var dict = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dict is not null && dict.GetGenericArguments()[0] == typeof(string) ? dict.GetGenericArguments()[1] : null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type) || type == typeof(string))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}

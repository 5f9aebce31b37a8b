using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.Apis.Tests.Shared;

/// <summary>Assertions shared by the kind tests of every group.</summary>
public static class KindAssert
{
    /// <summary>The schema node at a dotted path; "[]" steps into list items and "{}" into map values.</summary>
    public static SchemaNode SchemaAt(KindDefinition kind, string path)
    {
        var node = kind.Schema;
        foreach (var step in path.Split('.'))
        {
            node = step switch
            {
                "[]" => node.Items ?? throw new Xunit.Sdk.XunitException($"{path}: {step} is not a list"),
                "{}" => node.AdditionalProperties ?? throw new Xunit.Sdk.XunitException($"{path}: {step} is not a map"),
                _ => node.Properties is not null && node.Properties.TryGetValue(step, out var child)
                    ? child
                    : throw new Xunit.Sdk.XunitException($"{kind.Kind} schema has no '{step}' in '{path}'; has: {string.Join(", ", node.Properties?.Keys ?? [])}"),
            };
        }

        return node;
    }

    public static void HasFields(KindDefinition kind, params string[] paths)
    {
        foreach (var path in paths)
        {
            SchemaAt(kind, path);
        }
    }

    public static FieldErrorList Validate(KindDefinition kind, ApiObject obj)
    {
        var errors = new FieldErrorList();
        kind.ValidateCreate(obj, errors);
        return errors;
    }

    public static FieldErrorList ValidateUpdate(KindDefinition kind, ApiObject obj, ApiObject old)
    {
        var errors = new FieldErrorList();
        kind.ValidateUpdate(obj, old, errors);
        return errors;
    }

    public static void Valid(KindDefinition kind, ApiObject obj)
    {
        var errors = Validate(kind, obj);
        Assert.True(errors.Count == 0, "expected no errors, got: " + string.Join("; ", errors.Select(e => e.Message)));
    }

    /// <summary>Asserts that an error of the given kind is reported at exactly this field.</summary>
    public static FieldError HasError(FieldErrorList errors, string field, FieldErrorKind kind)
    {
        var match = errors.FirstOrDefault(e => e.Field == field && e.Kind == kind);
        Assert.True(match is not null, $"expected {kind} at {field}, got: [{string.Join("; ", errors.Select(e => $"{e.Kind} {e.Field}"))}]");
        return match!;
    }

    /// <summary>Serialises with the API options, checks the top-level JSON shape and deserialises again.</summary>
    public static (JsonObject Json, T Back) RoundTrip<T>(T obj)
        where T : ApiObject
    {
        var text = JsonSerializer.Serialize(obj, ApiJson.Options);
        var json = JsonNode.Parse(text)!.AsObject();
        var back = JsonSerializer.Deserialize<T>(text, ApiJson.Options)!;
        Assert.Equal(text, JsonSerializer.Serialize(back, ApiJson.Options));
        return (json, back);
    }

    /// <summary>The JSON value at a path given step by step (map keys may contain dots).</summary>
    public static JsonNode? At(JsonObject json, params string[] steps)
    {
        JsonNode? node = json;
        foreach (var step in steps)
        {
            node = node?[step];
        }

        return node;
    }

    /// <summary>
    /// Asserts that properties carry [Sensitive]. Checked on the C# type because the schema
    /// builder does not yet propagate the marker for byte[] (base64) properties.
    /// </summary>
    public static void MarkedSensitive<T>(params string[] propertyNames)
    {
        foreach (var name in propertyNames)
        {
            var property = typeof(T).GetProperty(name) ?? throw new Xunit.Sdk.XunitException($"{typeof(T).Name} has no property {name}");
            Assert.True(property.IsDefined(typeof(SensitiveAttribute), inherit: true), $"{typeof(T).Name}.{name} is not marked [Sensitive]");
        }
    }

    public static void NotSensitive<T>(params string[] propertyNames)
    {
        foreach (var name in propertyNames)
        {
            Assert.False(typeof(T).GetProperty(name)!.IsDefined(typeof(SensitiveAttribute), inherit: true), $"{typeof(T).Name}.{name} should not be [Sensitive]");
        }
    }

    /// <summary>The Table cells of an object keyed by column name.</summary>
    public static Dictionary<string, object?> Cells(KindDefinition kind, ApiObject obj) =>
        kind.Columns.ToDictionary(c => c.Name, c => c.Cell(obj), StringComparer.Ordinal);

    public static string? Select(KindDefinition kind, ApiObject obj, string field)
    {
        Assert.True(kind.SelectableFields.ContainsKey(field), $"{kind.Kind} does not support the field selector {field}");
        return kind.SelectableFields[field](obj);
    }

    /// <summary>Checks what every group must satisfy: unique plurals, its own group name, buildable schemas.</summary>
    public static void WellFormedGroup(IApiGroup group)
    {
        Assert.NotEmpty(group.Kinds);
        var plurals = group.Kinds.Select(k => k.Plural).ToList();
        Assert.Equal(plurals.Count, plurals.Distinct(StringComparer.Ordinal).Count());
        var kinds = group.Kinds.Select(k => k.Kind).ToList();
        Assert.Equal(kinds.Count, kinds.Distinct(StringComparer.Ordinal).Count());
        foreach (var kind in group.Kinds)
        {
            Assert.Equal(group.Name, kind.Group);
            Assert.Equal(group.PreferredVersion, kind.Version);
            Assert.Equal(kind.Plural, kind.Plural.ToLowerInvariant());
            Assert.Equal((group.Name, kind.Version, kind.Kind), kind.Schema.GroupVersionKind);
            Assert.NotNull(kind.Schema.Properties);
            Assert.True(kind.Schema.Properties!.ContainsKey("metadata"));
            Assert.False(string.IsNullOrWhiteSpace(kind.Schema.Description), $"{kind.Kind} has no description for kubectl explain");
        }
    }
}

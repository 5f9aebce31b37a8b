using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.Apis.Tests;

/// <summary>Assertions shared by the tests of the auth, registry, notify, application and logagent kinds.</summary>
public static class ApiKindChecks
{
    /// <summary>The schema node at a dotted path; "[]" steps into array items, e.g. "spec.users[].id".</summary>
    public static SchemaNode Node(KindDefinition kind, string path)
    {
        var node = kind.Schema;
        foreach (var part in path.Split('.'))
        {
            var name = part.EndsWith("[]", StringComparison.Ordinal) ? part[..^2] : part;
            var child = node.Properties?.GetValueOrDefault(name);
            Assert.True(child is not null, $"{kind.Kind} schema has no field \"{path}\" (missing \"{name}\")");
            node = child!;
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                Assert.True(node.Items is not null, $"{path}: \"{name}\" is not a list");
                node = node.Items!;
            }
        }

        return node;
    }

    public static void HasFields(KindDefinition kind, params string[] paths)
    {
        foreach (var path in paths)
        {
            Node(kind, path);
        }
    }

    public static void IsRequired(KindDefinition kind, string parentPath, string field)
    {
        var parent = parentPath.Length == 0 ? kind.Schema : Node(kind, parentPath);
        Assert.Contains(field, parent.Required ?? []);
    }

    public static void HasEnum(KindDefinition kind, string path, params string[] values) =>
        Assert.Equal(values.Order(), (Node(kind, path).Enum ?? []).Order());

    public static bool PatternAccepts(KindDefinition kind, string path, string value)
    {
        var pattern = Node(kind, path).Pattern;
        Assert.False(string.IsNullOrEmpty(pattern), $"{path} has no pattern");
        return Regex.IsMatch(value, pattern!);
    }

    /// <summary>Runs the machinery's schema check on a request body, as the server does before decoding.</summary>
    public static SchemaValidationResult Body(KindDefinition kind, string json) =>
        SchemaValidation.Validate(JsonNode.Parse(json), kind.Schema);

    /// <summary>Schema-checks a body that must pass, then decodes it and runs the kind's own rules.</summary>
    public static T ValidBody<T>(KindDefinition kind, string json)
        where T : ApiObject
    {
        var result = Body(kind, json);
        Assert.True(result.IsValid, "schema errors: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Empty(result.UnknownFields);
        var obj = JsonSerializer.Deserialize<T>(json, ApiJson.Options)!;
        kind.ApplyDefaults(obj);
        Valid(Create(kind, obj));
        return obj;
    }

    public static FieldErrorList Create(KindDefinition kind, ApiObject obj)
    {
        var errors = new FieldErrorList();
        kind.ValidateCreate(obj, errors);
        return errors;
    }

    public static FieldErrorList Update(KindDefinition kind, ApiObject obj, ApiObject old)
    {
        var errors = new FieldErrorList();
        kind.ValidateUpdate(obj, old, errors);
        return errors;
    }

    public static void Valid(FieldErrorList errors) =>
        Assert.True(errors.Count == 0, "unexpected errors: " + string.Join("; ", errors.Select(e => e.Message)));

    /// <summary>Asserts that exactly one error was reported, on the given field and of the given kind.</summary>
    public static FieldError Single(FieldErrorList errors, string field, FieldErrorKind kind)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    /// <summary>Serialises, reads back and serialises again; both texts must match. Returns the JSON tree.</summary>
    public static JsonObject RoundTrip<T>(T obj)
        where T : ApiObject
    {
        var json = JsonSerializer.Serialize(obj, ApiJson.Options);
        var back = JsonSerializer.Deserialize<T>(json, ApiJson.Options);
        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, ApiJson.Options));
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>The JSON value at a dotted path of a serialised object.</summary>
    public static JsonNode? At(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            Assert.True(node is JsonObject o && o.ContainsKey(part), $"JSON has no \"{path}\" (missing \"{part}\"): {root.ToJsonString()}");
            node = node![part];
        }

        return node;
    }

    public static Dictionary<string, object?> Cells(KindDefinition kind, ApiObject obj) =>
        kind.Columns.ToDictionary(c => c.Name, c => c.Cell(obj));

    public static string? Selected(KindDefinition kind, ApiObject obj, string field)
    {
        Assert.True(kind.SelectableFields.ContainsKey(field), $"{kind.Kind} cannot be selected by {field}");
        return kind.SelectableFields[field](obj);
    }

    /// <summary>Every kind of the group belongs to it, builds its schema and is served under a unique plural.</summary>
    public static void WellFormedGroup(IApiGroup group)
    {
        Assert.NotEmpty(group.Kinds);
        Assert.Equal(group.Kinds.Count, group.Kinds.Select(k => k.Plural).Distinct().Count());
        Assert.Equal(group.Kinds.Count, group.Kinds.Select(k => k.Kind).Distinct().Count());
        var shortNames = group.Kinds.SelectMany(k => k.ShortNames).ToList();
        Assert.Equal(shortNames.Count, shortNames.Distinct().Count());
        foreach (var kind in group.Kinds)
        {
            Assert.Equal(group.Name, kind.Group);
            Assert.Equal(group.PreferredVersion, kind.Version);
            Assert.Equal(kind.Plural.ToLowerInvariant(), kind.Plural);
            Assert.Equal((group.Name, group.PreferredVersion, kind.Kind), kind.Schema.GroupVersionKind);
            Assert.NotNull(kind.Schema.Properties?.GetValueOrDefault("metadata"));
            Assert.False(string.IsNullOrEmpty(kind.Schema.Description), $"{kind.Kind} has no description");
        }

        _ = new KindCatalog([group]);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.Patching;

/// <summary>
/// Kubernetes strategic merge patch (application/strategic-merge-patch+json), driven by the
/// kind's <see cref="SchemaNode"/>: maps merge recursively, lists with a merge key merge by that
/// key, "merge"-strategy lists of scalars merge as sets and every other list is replaced.
/// Parts of the document without a schema merge like a JSON merge patch.
/// Supported directives: <c>$patch</c> (replace, delete, merge), <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;field&gt;</c> and <c>$deleteFromPrimitiveList/&lt;field&gt;</c>.
/// </summary>
public static class StrategicMergePatch
{
    internal const string DirectiveMarker = "$patch";
    internal const string RetainKeysDirective = "$retainKeys";
    internal const string SetElementOrderPrefix = "$setElementOrder/";
    internal const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Returns the patched copy of <paramref name="original"/>; neither input is modified.</summary>
    public static JsonNode Apply(JsonNode original, JsonObject patch, SchemaNode? schema)
    {
        var target = original is JsonObject obj ? (JsonObject)obj.DeepClone() : new JsonObject();
        return MergeObject(target, patch, schema);
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/>, which may be modified in
    /// place; the result is <paramref name="target"/> unless a directive replaced the whole map.</summary>
    internal static JsonObject MergeObject(JsonObject target, JsonObject patch, SchemaNode? schema)
    {
        if (patch.TryGetPropertyValue(DirectiveMarker, out var directive))
        {
            switch (DirectiveName(directive, patch))
            {
                case "replace":
                    var replaced = new JsonObject();
                    MergeFields(replaced, patch, schema);
                    return replaced;
                case "delete":
                    return new JsonObject();
                case "merge":
                    break;
                default:
                    throw UnknownDirective(directive, patch);
            }
        }

        MergeFields(target, patch, schema);
        return target;
    }

    internal static string DirectiveName(JsonNode? directive, JsonObject owner) =>
        directive is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw UnknownDirective(directive, owner);

    internal static PatchException UnknownDirective(JsonNode? directive, JsonObject owner) =>
        new($"Unknown patch type: {directive?.ToJsonString() ?? "null"} in map: {owner.ToJsonString()}", isMalformed: true);

    private static void MergeFields(JsonObject target, JsonObject patch, SchemaNode? schema)
    {
        if (patch.TryGetPropertyValue(RetainKeysDirective, out var retainKeys))
        {
            ApplyRetainKeys(target, patch, retainKeys);
        }

        Dictionary<string, JsonArray>? orders = null;
        Dictionary<string, JsonArray>? deletions = null;
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                (orders ??= new(StringComparer.Ordinal))[key[SetElementOrderPrefix.Length..]] = value as JsonArray
                    ?? throw new PatchException("invalid patch format of setElementOrder list", isMalformed: true);
            }
            else if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                (deletions ??= new(StringComparer.Ordinal))[key[DeleteFromPrimitiveListPrefix.Length..]] = value as JsonArray
                    ?? throw new PatchException("invalid patch format of primitive list", isMalformed: true);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (IsDirectiveKey(key))
            {
                continue;
            }

            MergeField(target, key, present: true, value, ChildSchema(schema, key), orders?.GetValueOrDefault(key), deletions?.GetValueOrDefault(key));
        }

        // Directives can name a list the patch itself leaves out (kubectl apply removing the last
        // added finalizer sends only $deleteFromPrimitiveList and $setElementOrder).
        foreach (var key in DirectiveOnlyFields(patch, orders, deletions))
        {
            MergeField(target, key, present: false, null, ChildSchema(schema, key), orders?.GetValueOrDefault(key), deletions?.GetValueOrDefault(key));
        }
    }

    private static IEnumerable<string> DirectiveOnlyFields(JsonObject patch, Dictionary<string, JsonArray>? orders, Dictionary<string, JsonArray>? deletions)
    {
        if (orders is null && deletions is null)
        {
            return [];
        }

        return (orders?.Keys ?? Enumerable.Empty<string>())
            .Concat(deletions?.Keys ?? Enumerable.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .Where(key => !patch.ContainsKey(key))
            .ToList();
    }

    private static bool IsDirectiveKey(string key) =>
        key == DirectiveMarker
        || key == RetainKeysDirective
        || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
        || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);

    private static SchemaNode? ChildSchema(SchemaNode? schema, string key) =>
        schema is null || schema.Type != SchemaType.Object ? null : schema.Property(key);

    private static void MergeField(JsonObject target, string key, bool present, JsonNode? value, SchemaNode? schema, JsonArray? order, JsonArray? deletions)
    {
        if (present)
        {
            switch (value)
            {
                case null:
                    target.Remove(key);
                    return;
                case JsonObject patchObject:
                {
                    var existing = target[key] as JsonObject;
                    var merged = MergeObject(existing ?? new JsonObject(), patchObject, schema);
                    if (!ReferenceEquals(merged, existing))
                    {
                        target[key] = merged;
                    }

                    return;
                }

                case JsonArray:
                    break;
                default:
                    target[key] = value.DeepClone();
                    return;
            }
        }

        var existingList = target[key] as JsonArray;
        var list = StrategicListMerge.Merge(existingList, value as JsonArray, schema, order, deletions);
        if (list is not null && !ReferenceEquals(list, existingList))
        {
            target[key] = list;
        }
    }

    private static void ApplyRetainKeys(JsonObject target, JsonObject patch, JsonNode? retainKeys)
    {
        if (retainKeys is not JsonArray list || list.Any(k => k is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw new PatchException("invalid patch format of retainKeys", isMalformed: true);
        }

        var retained = list.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            // Every field the patch sets must be one of the retained keys.
            if (value is not null && !IsDirectiveKey(key) && !retained.Contains(key))
            {
                throw new PatchException($"invalid patch format of retainKeys: field \"{key}\" is set but not listed in $retainKeys", isMalformed: true);
            }
        }

        foreach (var key in target.Select(p => p.Key).Where(k => !retained.Contains(k)).ToList())
        {
            target.Remove(key);
        }
    }
}

using System.Text.Json.Nodes;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.Patching;

/// <summary>The list half of <see cref="StrategicMergePatch"/>: merging by key or as a set, the list
/// directives, and Kubernetes' element ordering (setElementOrder, then patch order, then live order).</summary>
internal static class StrategicListMerge
{
    /// <summary>Returns the merged list (possibly <paramref name="existing"/> modified in place), or null
    /// when there is neither an existing list nor a patch list.</summary>
    public static JsonArray? Merge(JsonArray? existing, JsonArray? patch, SchemaNode? schema, JsonArray? order, JsonArray? deletions)
    {
        if (existing is null && patch is null)
        {
            return null;
        }

        if (schema is not { Type: SchemaType.Array } || !HasMergeStrategy(schema.PatchStrategy))
        {
            if (patch is not null)
            {
                return (JsonArray)patch.DeepClone();
            }

            // Kubernetes honours $deleteFromPrimitiveList whatever the list's strategy.
            if (deletions is not null)
            {
                WriteBack(existing!, Detach(existing!).Where(item => !Contains(deletions, item)));
            }

            return existing;
        }

        var items = existing is null ? [] : Detach(existing);
        var result = schema.PatchMergeKey is { } mergeKey
            ? MergeByKey(items, patch, mergeKey, schema.Items, order)
            : MergeScalars(items, patch, deletions, order);
        var target = existing ?? new JsonArray();
        WriteBack(target, result);
        return target;
    }

    private static bool HasMergeStrategy(string? strategy) =>
        strategy is not null && strategy.Split(',').Any(s => s.Trim() == "merge");

    private static List<JsonNode?> MergeByKey(List<JsonNode?> items, JsonArray? patch, string mergeKey, SchemaNode? itemSchema, JsonArray? order)
    {
        var patchItems = new List<JsonObject>();
        var replace = false;
        foreach (var element in patch ?? [])
        {
            if (element is not JsonObject patchItem)
            {
                throw new PatchException($"invalid element {element?.ToJsonString() ?? "null"} in a list merged by key \"{mergeKey}\": elements must be objects", isMalformed: true);
            }

            if (!patchItem.TryGetPropertyValue(StrategicMergePatch.DirectiveMarker, out var directive))
            {
                patchItems.Add(patchItem);
                continue;
            }

            switch (StrategicMergePatch.DirectiveName(directive, patchItem))
            {
                case "delete":
                    var key = MergeKeyOf(patchItem, mergeKey);
                    items.RemoveAll(item => KeyOf(item, mergeKey).Matches(key));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    // A bare {"$patch": "merge"} asks for the default; one with fields is an ordinary element.
                    if (patchItem.Count > 1)
                    {
                        patchItems.Add(patchItem);
                    }

                    break;
                default:
                    throw StrategicMergePatch.UnknownDirective(directive, patchItem);
            }
        }

        if (replace)
        {
            return patchItems.Select(p => (JsonNode?)StrategicMergePatch.MergeObject(new JsonObject(), p, itemSchema)).ToList();
        }

        var serverOrder = items.Select(item => KeyOf(item, mergeKey)).ToList();
        foreach (var patchItem in patchItems)
        {
            var key = MergeKeyOf(patchItem, mergeKey);
            var index = items.FindIndex(item => KeyOf(item, mergeKey).Matches(key));
            if (index >= 0)
            {
                items[index] = StrategicMergePatch.MergeObject((JsonObject)items[index]!, patchItem, itemSchema);
            }
            else
            {
                items.Add(StrategicMergePatch.MergeObject(new JsonObject(), patchItem, itemSchema));
            }
        }

        var patchOrder = order is not null
            ? order.Select(o => KeyOf(o, mergeKey)).ToList()
            : patchItems.Select(p => KeyOf(p, mergeKey)).ToList();
        return Ordered(items, item => KeyOf(item, mergeKey), patchOrder, serverOrder);
    }

    private static List<JsonNode?> MergeScalars(List<JsonNode?> items, JsonArray? patch, JsonArray? deletions, JsonArray? order)
    {
        if (deletions is not null)
        {
            items.RemoveAll(item => Contains(deletions, item));
        }

        var serverOrder = items.Select(ListKey.Of).ToList();
        if (patch is not null)
        {
            foreach (var element in patch)
            {
                if (element is JsonObject or JsonArray)
                {
                    throw new PatchException($"invalid element {element.ToJsonString()} in a list of scalars merged as a set", isMalformed: true);
                }

                items.Add(element?.DeepClone());
            }

            items = Deduplicate(items);
        }

        var patchOrder = (order ?? patch ?? []).Select(ListKey.Of).ToList();
        return Ordered(items, ListKey.Of, patchOrder, serverOrder);
    }

    /// <summary>
    /// Kubernetes' ordering of a merged list: the elements named by the patch (or by $setElementOrder)
    /// take that order; the remaining, server-only elements keep their live order and are interleaved
    /// with them where the live list allows. An element new to the list therefore lands before the
    /// server-only elements that follow it, which for a plain addition means at the front.
    /// </summary>
    private static List<JsonNode?> Ordered(List<JsonNode?> merged, Func<JsonNode?, ListKey> keyOf, List<ListKey> patchOrder, List<ListKey> serverOrder)
    {
        var inPatch = new List<(JsonNode? Item, int Position)>();
        var serverOnly = new List<JsonNode?>();
        foreach (var item in merged)
        {
            var position = IndexOf(patchOrder, keyOf(item));
            if (position >= 0)
            {
                inPatch.Add((item, position));
            }
            else
            {
                serverOnly.Add(item);
            }
        }

        var right = inPatch.OrderBy(p => p.Position).Select(p => p.Item).ToList(); // OrderBy is stable
        var result = new List<JsonNode?>(merged.Count);
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < right.Count)
        {
            if (j >= right.Count)
            {
                result.Add(serverOnly[i++]);
            }
            else if (i >= serverOnly.Count)
            {
                result.Add(right[j++]);
            }
            else
            {
                var left = IndexOf(serverOrder, keyOf(serverOnly[i]));
                var other = IndexOf(serverOrder, keyOf(right[j]));
                result.Add(left >= 0 && other >= 0 && left < other ? serverOnly[i++] : right[j++]);
            }
        }

        return result;
    }

    private static List<JsonNode?> Deduplicate(List<JsonNode?> items)
    {
        var unique = new List<JsonNode?>(items.Count);
        foreach (var item in items)
        {
            if (!unique.Any(u => JsonEquality.Equal(u, item)))
            {
                unique.Add(item);
            }
        }

        return unique;
    }

    private static ListKey MergeKeyOf(JsonObject patchItem, string mergeKey) =>
        patchItem.TryGetPropertyValue(mergeKey, out var value)
            ? new ListKey(true, value)
            : throw new PatchException($"map: {patchItem.ToJsonString()} does not contain declared merge key: {mergeKey}", isMalformed: true);

    private static ListKey KeyOf(JsonNode? item, string mergeKey) =>
        item is JsonObject obj && obj.TryGetPropertyValue(mergeKey, out var value) ? new ListKey(true, value) : default;

    private static int IndexOf(List<ListKey> keys, ListKey key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Matches(key))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Contains(JsonArray values, JsonNode? item) => values.Any(v => JsonEquality.Equal(v, item));

    private static List<JsonNode?> Detach(JsonArray array)
    {
        var items = array.ToList();
        array.Clear(); // detaches the elements so they can be re-added in their new order
        return items;
    }

    private static void WriteBack(JsonArray target, IEnumerable<JsonNode?> items)
    {
        foreach (var item in items.ToList())
        {
            target.Add(item);
        }
    }

    /// <summary>The identity of a list element: its merge-key value, or the scalar itself.</summary>
    private readonly record struct ListKey(bool Found, JsonNode? Value)
    {
        public static ListKey Of(JsonNode? scalar) => new(true, scalar);

        public bool Matches(ListKey other) => Found && other.Found && JsonEquality.Equal(Value, other.Value);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Patching;

/// <summary>RFC 6902 JSON Patch (application/json-patch+json).</summary>
public static class JsonPatch
{
    /// <summary>
    /// Applies the operations in order to a copy of <paramref name="document"/>; the input is not modified.
    /// The patch is atomic: any failing operation (including a failed "test") throws <see cref="PatchException"/>.
    /// </summary>
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new PatchException("a JSON patch must be a JSON array of operations", isMalformed: true);
        }

        var root = document.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new PatchException($"JSON patch operation {i} is not a JSON object", isMalformed: true);
            }

            root = ApplyOperation(root, operation);
        }

        return root ?? throw new PatchException("the JSON patch replaces the whole document with null");
    }

    private static JsonNode? ApplyOperation(JsonNode? root, JsonObject operation)
    {
        var op = RequiredString(operation, "op");
        var path = JsonPointer.Parse(RequiredString(operation, "path"));
        switch (op)
        {
            case "add":
                return Add(root, path, RequiredValue(operation, op), op);
            case "remove":
                Remove(root, path, op);
                return root;
            case "replace":
                return Replace(root, path, RequiredValue(operation, op));
            case "move":
            {
                var from = JsonPointer.Parse(RequiredString(operation, "from"));
                if (path.IsProperChildOf(from))
                {
                    throw new PatchException($"move operation cannot move \"{from.Text}\" into its own child \"{path.Text}\"");
                }

                if (from.Text == path.Text)
                {
                    Get(root, from, op);
                    return root;
                }

                var value = Remove(root, from, op);
                return Add(root, path, value, op);
            }

            case "copy":
            {
                var from = JsonPointer.Parse(RequiredString(operation, "from"));
                return Add(root, path, Get(root, from, op)?.DeepClone(), op);
            }

            case "test":
            {
                var expected = RequiredValue(operation, op);
                if (!JsonEquality.Equal(Get(root, path, op), expected))
                {
                    throw new PatchException($"testing value {path.Text} failed: test failed");
                }

                return root;
            }

            default:
                throw new PatchException($"unexpected JSON patch operation \"{op}\"", isMalformed: true);
        }
    }

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value, string op)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Parent(root, path, op))
        {
            case JsonObject obj:
                obj[path.Tokens[^1]] = value;
                break;
            case JsonArray array:
                array.Insert(JsonPointer.ArrayIndex(path.Tokens[^1], array.Count, allowEnd: true, path.Text), value);
                break;
            default:
                throw Missing(op, path);
        }

        return root;
    }

    /// <summary>Removes and returns the (detached) value at <paramref name="path"/>.</summary>
    private static JsonNode? Remove(JsonNode? root, JsonPointer path, string op)
    {
        if (path.IsRoot)
        {
            throw new PatchException($"{op} operation cannot remove the whole document");
        }

        var last = path.Tokens[^1];
        switch (Parent(root, path, op))
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var value):
                obj.Remove(last);
                return value;
            case JsonArray array:
            {
                var index = JsonPointer.ArrayIndex(last, array.Count, allowEnd: false, path.Text);
                var value = array[index];
                array.RemoveAt(index);
                return value;
            }

            default:
                throw Missing(op, path);
        }
    }

    private static JsonNode? Replace(JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        var last = path.Tokens[^1];
        switch (Parent(root, path, "replace"))
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj[last] = value;
                break;
            case JsonArray array:
                array[JsonPointer.ArrayIndex(last, array.Count, allowEnd: false, path.Text)] = value;
                break;
            default:
                throw Missing("replace", path);
        }

        return root;
    }

    private static JsonNode? Get(JsonNode? root, JsonPointer path, string op)
    {
        var node = root;
        for (var i = 0; i < path.Tokens.Count; i++)
        {
            node = Child(node, path.Tokens[i], path, op);
        }

        return node;
    }

    private static JsonNode? Parent(JsonNode? root, JsonPointer path, string op)
    {
        var node = root;
        for (var i = 0; i < path.Tokens.Count - 1; i++)
        {
            node = Child(node, path.Tokens[i], path, op);
        }

        return node;
    }

    private static JsonNode? Child(JsonNode? node, string token, JsonPointer path, string op) => node switch
    {
        JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
        JsonArray array => array[JsonPointer.ArrayIndex(token, array.Count, allowEnd: false, path.Text)],
        _ => throw Missing(op, path),
    };

    private static PatchException Missing(string op, JsonPointer path) =>
        new($"{op} operation does not apply: doc is missing path: \"{path.Text}\"");

    private static string RequiredString(JsonObject operation, string member)
    {
        if (operation.TryGetPropertyValue(member, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new PatchException($"JSON patch operation {operation.ToJsonString()} has no string \"{member}\"", isMalformed: true);
    }

    private static JsonNode? RequiredValue(JsonObject operation, string op)
    {
        // An explicit null is a value; only an absent member is an error.
        if (!operation.TryGetPropertyValue("value", out var value))
        {
            throw new PatchException($"JSON patch \"{op}\" operation has no \"value\"", isMalformed: true);
        }

        return value?.DeepClone();
    }
}

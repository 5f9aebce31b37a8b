using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.Validation;

/// <summary>
/// Checks a request body against its kind's <see cref="SchemaNode"/> before typed deserialisation,
/// in one walk: unknown fields (optionally pruned in place), JSON types, and the declarative
/// constraints (enum, length, pattern, format, range, required). Field paths are dotted with [i]
/// for list elements, as in Kubernetes' messages. JSON null is accepted for an optional property
/// but not as a list element or map value, which have no "absent" to fall back to.
/// Paths are only built for problems, so a valid document costs the result object plus the
/// strings of fields with length, pattern or format constraints.
/// </summary>
public static class SchemaValidation
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public static SchemaValidationResult Validate(JsonNode? document, SchemaNode schema, bool pruneUnknownFields = false)
    {
        var walker = new Walker(document, pruneUnknownFields);
        if (document is not null)
        {
            walker.Value(document, schema);
        }

        return new SchemaValidationResult(walker.Unknown ?? (IReadOnlyList<string>)[], walker.Errors ?? []);
    }

    private struct Walker(JsonNode? root, bool prune)
    {
        public List<string>? Unknown;
        public FieldErrorList? Errors;

        public void Value(JsonNode node, SchemaNode schema)
        {
            switch (schema.Type)
            {
                case SchemaType.Any:
                    return;
                case SchemaType.Object:
                    if (node is JsonObject obj)
                    {
                        Object(obj, schema);
                    }
                    else
                    {
                        TypeMismatch(node, "object");
                    }

                    return;
                case SchemaType.Array:
                    if (node is JsonArray array)
                    {
                        Array(array, schema);
                    }
                    else
                    {
                        TypeMismatch(node, "array");
                    }

                    return;
                default:
                    Scalar(node, schema);
                    return;
            }
        }

        private void Object(JsonObject obj, SchemaNode schema)
        {
            var properties = schema.Properties;
            var additional = schema.AdditionalProperties;
            for (var i = 0; i < obj.Count; i++)
            {
                var (key, value) = obj.GetAt(i);
                SchemaNode? child;
                var isMapValue = false;
                if (properties is not null && properties.TryGetValue(key, out var property))
                {
                    child = property;
                }
                else if (additional is not null)
                {
                    child = additional;
                    isMapValue = true;
                }
                else
                {
                    if (!schema.PreserveUnknownFields)
                    {
                        (Unknown ??= []).Add(Join(PathOf(obj), key));
                        if (prune)
                        {
                            obj.RemoveAt(i);
                            i--;
                        }
                    }

                    continue;
                }

                if (value is not null)
                {
                    Value(value, child);
                }
                else if (isMapValue && child.Type != SchemaType.Any && !child.Nullable)
                {
                    NullMismatch(Join(PathOf(obj), key), child);
                }
            }

            if (schema.Required is { } required)
            {
                for (var i = 0; i < required.Count; i++)
                {
                    if (!obj.TryGetPropertyValue(required[i], out var value) || value is null)
                    {
                        (Errors ??= []).Required(Join(PathOf(obj), required[i]));
                    }
                }
            }
        }

        private void Array(JsonArray array, SchemaNode schema)
        {
            if (schema.MaxItems is { } maxItems && array.Count > maxItems)
            {
                (Errors ??= []).Add(new FieldError(FieldErrorKind.TooMany, PathOf(array), $"{array.Count.ToString(CultureInfo.InvariantCulture)}: must have at most {maxItems.ToString(CultureInfo.InvariantCulture)} items"));
            }

            if (schema.MinItems is { } minItems && array.Count < minItems)
            {
                var path = PathOf(array);
                (Errors ??= []).Invalid(path, array.Count, $"{path} in body should have at least {minItems.ToString(CultureInfo.InvariantCulture)} items");
            }

            if (schema.ChecksListType && schema.ListType is "set" or "map")
            {
                ListTypeDuplicates(array, schema);
            }

            if (schema.Items is not { } items)
            {
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } item)
                {
                    Value(item, items);
                }
                else if (items.Type != SchemaType.Any && !items.Nullable)
                {
                    NullMismatch(PathOf(array) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", items);
                }
            }
        }

        private void Scalar(JsonNode node, SchemaNode schema)
        {
            if (node is not JsonValue value)
            {
                TypeMismatch(node, TypeName(schema.Type));
                return;
            }

            var kind = value.GetValueKind();
            switch (schema.Type)
            {
                case SchemaType.String when kind == JsonValueKind.String:
                    StringConstraints(value, schema);
                    return;
                case SchemaType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                    return;
                case SchemaType.Integer when kind == JsonValueKind.Number && TryGetInteger(value, out var integer):
                    IntegerConstraints(value, integer, schema);
                    return;
                case SchemaType.Number when kind == JsonValueKind.Number:
                    NumberConstraints(value, schema);
                    return;
                case SchemaType.IntOrString when kind == JsonValueKind.String || (kind == JsonValueKind.Number && TryGetInteger(value, out _)):
                    return;
                default:
                    TypeMismatch(node, TypeName(schema.Type));
                    return;
            }
        }

        private void StringConstraints(JsonValue value, SchemaNode schema)
        {
            if (schema.Enum is null && schema.MinLength is null && schema.MaxLength is null && schema.Pattern is null
                && schema.Format is not ("date-time" or "byte"))
            {
                return; // the common case: no need to materialise the string
            }

            if (IsAllowedParsedEnumValue(value, schema))
            {
                return;
            }

            var text = value.GetValue<string>();
            if (schema.Enum is { } allowed && !allowed.Contains(text))
            {
                (Errors ??= []).NotSupported(PathOf(value), text, allowed);
            }

            if (schema.MaxLength is { } max && text.Length > max && RuneCount(text) > max)
            {
                (Errors ??= []).TooLong(PathOf(value), max);
            }

            if (schema.MinLength is { } min && RuneCount(text) < min)
            {
                var path = PathOf(value);
                (Errors ??= []).Invalid(path, text, $"{path} in body should be at least {min} chars long");
            }

            if (schema.Pattern is { } pattern && !MatchesPattern(pattern, text))
            {
                var path = PathOf(value);
                (Errors ??= []).Invalid(path, text, $"{path} in body should match '{pattern}'");
            }

            var formatValid = schema.Format switch
            {
                "date-time" => IsDateTime(value, text),
                "byte" => Base64.IsValid(text),
                _ => true,
            };
            if (!formatValid)
            {
                var path = PathOf(value);
                (Errors ??= []).Invalid(path, text, $"{path} in body must be of type {schema.Format}: \"{text}\"");
            }
        }

        private void IntegerConstraints(JsonValue value, long integer, SchemaNode schema)
        {
            // An int32 field cannot hold more; reporting it here beats a deserialisation failure.
            var minimum = schema.Format == "int32" ? Math.Max(schema.Minimum ?? int.MinValue, int.MinValue) : schema.Minimum;
            var maximum = schema.Format == "int32" ? Math.Min(schema.Maximum ?? int.MaxValue, int.MaxValue) : schema.Maximum;
            Range(value, integer, integer, minimum, maximum);
        }

        private void NumberConstraints(JsonValue value, SchemaNode schema)
        {
            if (schema.Minimum is null && schema.Maximum is null)
            {
                return;
            }

            var number = value.TryGetValue(out JsonElement element) ? element.GetDouble() : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
            Range(value, number, number, schema.Minimum, schema.Maximum);
        }

        private void Range(JsonValue value, double number, object badValue, double? minimum, double? maximum)
        {
            if (minimum is { } min && number < min)
            {
                var path = PathOf(value);
                (Errors ??= []).Invalid(path, badValue, $"{path} in body should be greater than or equal to {min.ToString(CultureInfo.InvariantCulture)}");
            }

            if (maximum is { } max && number > max)
            {
                var path = PathOf(value);
                (Errors ??= []).Invalid(path, badValue, $"{path} in body should be less than or equal to {max.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        /// <summary>x-kubernetes-list-type set (unique values) and map (unique map keys), as the apiserver checks them.</summary>
        private void ListTypeDuplicates(JsonArray array, SchemaNode schema)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                var element = array[i];
                string identity;
                object? shown;
                if (schema.ListType == "map")
                {
                    if (element is not JsonObject entry)
                    {
                        continue;
                    }

                    var keys = new JsonObject();
                    foreach (var key in schema.ListMapKeys ?? [])
                    {
                        keys[key] = entry[key]?.DeepClone();
                    }

                    identity = keys.ToJsonString();
                    shown = new JsonText(identity);
                }
                else
                {
                    identity = element?.ToJsonString() ?? "null";
                    shown = element is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : new JsonText(identity);
                }

                if (!seen.Add(identity))
                {
                    (Errors ??= []).Duplicate(PathOf(array) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", shown);
                }
            }
        }

        private void TypeMismatch(JsonNode node, string expected)
        {
            var path = PathOf(node);
            var actual = ActualTypeName(node);
            (Errors ??= []).TypeInvalid(path, actual, $"{path} in body must be of type {expected}: \"{actual}\"");
        }

        private void NullMismatch(string path, SchemaNode expected) =>
            (Errors ??= []).TypeInvalid(path, "null", $"{path} in body must be of type {TypeName(expected.Type)}: \"null\"");

        /// <summary>The path of a node relative to the validated document, built from its parent chain.</summary>
        private readonly string PathOf(JsonNode node)
        {
            var segments = new Stack<string>();
            for (var current = node; current.Parent is { } parent && !ReferenceEquals(current, root); current = parent)
            {
                segments.Push(parent is JsonArray
                    ? "[" + current.GetElementIndex().ToString(CultureInfo.InvariantCulture) + "]"
                    : "." + current.GetPropertyName());
            }

            return string.Concat(segments).TrimStart('.');
        }

        private static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;
    }

    /// <summary>A bad value shown as JSON text, unquoted.</summary>
    private sealed record JsonText(string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>Checks an enum-only string without materialising it, for the usual parsed body.</summary>
    private static bool IsAllowedParsedEnumValue(JsonValue value, SchemaNode schema)
    {
        if (schema is not { Enum: { } allowed, MinLength: null, MaxLength: null, Pattern: null } || schema.Format is "date-time" or "byte"
            || !value.TryGetValue(out JsonElement element))
        {
            return false;
        }

        for (var i = 0; i < allowed.Count; i++)
        {
            if (element.ValueEquals(allowed[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryGetInteger(JsonValue value, out long integer)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return element.TryGetInt64(out integer);
        }

        // Values built in code rather than parsed: accept any integral CLR number.
        return long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer);
    }

    private static bool IsDateTime(JsonValue value, string text)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return element.TryGetDateTimeOffset(out _);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) && text.Contains('T');
    }

    private static int RuneCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool MatchesPattern(string pattern, string text)
    {
        try
        {
            return PatternOf(pattern).IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a value that takes this long to match is rejected rather than trusted
        }
    }

    private static Regex PatternOf(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        // Linear-time matching where the pattern allows it, since patterns run on client input.
        try
        {
            return new Regex(p, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    });

    private static string TypeName(SchemaType type) => type switch
    {
        SchemaType.Object => "object",
        SchemaType.Array => "array",
        SchemaType.String => "string",
        SchemaType.Integer => "integer",
        SchemaType.Number => "number",
        SchemaType.Boolean => "boolean",
        SchemaType.IntOrString => "int-or-string",
        _ => "any",
    };

    private static string ActualTypeName(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => TryGetInteger(value, out _) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };
}

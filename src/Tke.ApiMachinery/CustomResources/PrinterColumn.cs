using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Printing;

namespace Tke.ApiMachinery.CustomResources;

/// <summary>
/// One additionalPrinterColumns entry: its cell is the value at a JSONPath, shaped by the column's
/// type as kube-apiserver's table convertor does (a "date" prints as an age such as "5m"; a value
/// of the wrong type, or none, prints as an empty cell).
/// </summary>
public sealed class PrinterColumn
{
    private readonly JsonPathQuery _path;
    private readonly TimeProvider _clock;

    public PrinterColumn(string name, string type, string? format, string? description, int priority, string jsonPath, TimeProvider clock)
    {
        Name = name;
        Type = type;
        Format = format ?? "";
        Description = description ?? "";
        Priority = priority;
        _path = JsonPathQuery.TryParse(jsonPath, out var error) ?? throw new ArgumentException($"jsonPath {jsonPath}: {error}", nameof(jsonPath));
        _clock = clock;
    }

    public string Name { get; }

    public string Type { get; }

    public string Format { get; }

    public string Description { get; }

    public int Priority { get; }

    public string JsonPath => _path.Text;

    /// <summary>The cell of one object, or null for an empty cell.</summary>
    public object? Cell(ApiObject obj)
    {
        var first = _path.FirstField switch
        {
            null => null,
            "metadata" => JsonSerializer.SerializeToNode(obj.Metadata, ApiJson.Options),
            "apiVersion" => obj.ApiVersion is null ? null : JsonValue.Create(obj.ApiVersion),
            "kind" => obj.Kind is null ? null : JsonValue.Create(obj.Kind),
            var field => (obj as UnstructuredObject)?.Field(field),
        };
        var results = _path.EvaluateAfterFirst(first);
        return results.Count == 0 ? null : Shape(results[0]!);
    }

    private object? Shape(JsonNode value)
    {
        var kind = value.GetValueKind();
        switch (Type)
        {
            case "string":
                return kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            case "integer":
                return kind == JsonValueKind.Number && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) ? integer : null;
            case "number":
                return kind == JsonValueKind.Number ? double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) : null;
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? kind == JsonValueKind.True : null;
            case "date":
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? HumanDuration.Format(_clock.GetUtcNow() - at)
                    : null;
            default:
                return null;
        }
    }
}

using System.Text.Json.Nodes;
using Tke.ApiMachinery.CustomResources;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.Tests.CustomResources;

/// <summary>The CronTab custom resource of Kubernetes' documentation, with a few more constraints.</summary>
internal static class CronTabSchema
{
    public const string Group = "stable.example.com";

    public static JsonObject Json() => JsonNode.Parse("""
        {
          "type": "object",
          "description": "A CronTab runs a command on a schedule.",
          "properties": {
            "spec": {
              "type": "object",
              "description": "What to run and when.",
              "required": ["cronSpec"],
              "properties": {
                "cronSpec": {"type": "string", "pattern": "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$", "description": "The schedule."},
                "image": {"type": "string", "minLength": 1, "maxLength": 20},
                "replicas": {"type": "integer", "minimum": 1, "maximum": 10, "default": 1},
                "mode": {"type": "string", "enum": ["Fast", "Slow"], "default": "Slow"},
                "port": {"x-kubernetes-int-or-string": true},
                "tags": {"type": "array", "maxItems": 3, "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
                "ports": {
                  "type": "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "number": {"type": "integer"}}}
                },
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                "note": {"type": "string", "nullable": true},
                "limits": {"type": "object", "default": {}, "properties": {"cpu": {"type": "string", "default": "100m"}}},
                "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true}
              }
            },
            "status": {
              "type": "object",
              "properties": {"replicas": {"type": "integer"}, "phase": {"type": "string"}}
            }
          }
        }
        """)!.AsObject();

    public static CustomResourceKind Kind(string version = "v1", bool status = true, TimeProvider? clock = null, IReadOnlyList<PrinterColumn>? columns = null) =>
        new(
            Group,
            version,
            new CustomResourceNames("crontabs", "crontab", "CronTab", "CronTabList", ["ct"], ["all"]),
            KindScope.Namespaced,
            Json(),
            status,
            columns ?? [new PrinterColumn("Spec", "string", null, "The schedule.", 0, ".spec.cronSpec", clock ?? TimeProvider.System),
                        new PrinterColumn("Replicas", "integer", null, "", 0, ".spec.replicas", clock ?? TimeProvider.System)]);
}

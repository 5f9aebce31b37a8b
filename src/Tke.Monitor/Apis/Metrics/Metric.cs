using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Monitor.Apis.Metrics;

/// <summary>
/// A monitoring query and its result. TKEStack only accepts POST on "metrics" and answers
/// with the result filled in; nothing is stored, so it has no KindDefinition in
/// <see cref="MonitorApiGroup"/>.
/// </summary>
[Description("Metric is a monitoring data query (table, time range, fields, conditions, grouping) and its JSON result.")]
public sealed class Metric : ApiObject
{
    [JsonPropertyName("query"), Description("The query.")]
    public MetricQuery? Query { get; set; }

    [JsonPropertyName("jsonResult"), Description("Result of the query as JSON text.")]
    public string? JSONResult { get; set; }
}

[Description("A monitoring data query.")]
public sealed class MetricQuery
{
    [JsonPropertyName("table"), Description("Metric table, e.g. k8s_pod or k8s_node.")]
    public string Table { get; set; } = "";

    [JsonPropertyName("startTime"), Description("Start of the range, in milliseconds since the epoch.")]
    public long? StartTime { get; set; }

    [JsonPropertyName("endTime"), Description("End of the range, in milliseconds since the epoch.")]
    public long? EndTime { get; set; }

    [JsonPropertyName("fields"), Description("Expressions to return, e.g. max(k8s_pod_cpu_core_used).")]
    public List<string> Fields { get; set; } = [];

    [JsonPropertyName("conditions"), Description("Filters.")]
    public List<MetricQueryCondition> Conditions { get; set; } = [];

    [JsonPropertyName("orderBy"), Description("Field to sort by.")]
    public string? OrderBy { get; set; }

    [JsonPropertyName("order"), Description("asc or desc.")]
    public string? Order { get; set; }

    [JsonPropertyName("groupBy"), Description("Labels to group by, e.g. timestamp(60s).")]
    public List<string> GroupBy { get; set; } = [];

    [JsonPropertyName("limit"), Description("Most rows to return.")]
    public int Limit { get; set; }

    [JsonPropertyName("offset"), Description("Rows to skip.")]
    public int Offset { get; set; }
}

[Description("One filter of a monitoring query.")]
public sealed class MetricQueryCondition
{
    [JsonPropertyName("key"), Description("Label, e.g. tke_cluster_instance_id.")]
    public string Key { get; set; } = "";

    [JsonPropertyName("expr"), Description("Operator, e.g. = or in.")]
    public string Expr { get; set; } = "";

    [JsonPropertyName("value"), Description("Value to compare with.")]
    public string Value { get; set; } = "";
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Platform.Apis.Addons;
using Tke.Platform.Apis.Shared;

namespace Tke.Monitor.Apis.Prometheuses;

[Description("Prometheus installs the monitoring stack (Prometheus, Alertmanager, node-exporter, kube-state-metrics) into a cluster; it is what turning on \"monitoring & alerting\" on a cluster creates. Names are prom-<id>.")]
public sealed class Prometheus : ApiObject<PrometheusSpec, PrometheusStatus>
{
}

[Description("Desired state of the monitoring stack of one cluster.")]
public sealed class PrometheusSpec : AddonSpec
{
    [JsonPropertyName("subVersion"), Description("Versions of the stack's components, e.g. {\"node-exporter\": \"v0.18.1\"}.")]
    public Dictionary<string, string>? SubVersion { get; set; }

    [JsonPropertyName("remoteAddress"), Description("Remote write and read endpoints for keeping metrics outside the cluster.")]
    public PrometheusRemoteAddress? RemoteAddress { get; set; }

    [JsonPropertyName("notifyWebhook"), Description("Where Alertmanager sends alerts; the notify service's webhook when empty.")]
    public string? NotifyWebhook { get; set; }

    [JsonPropertyName("resources"), Description("CPU and memory requests and limits of Prometheus.")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("runOnMaster"), Description("Schedule the monitoring components on master nodes.")]
    public bool? RunOnMaster { get; set; }

    [JsonPropertyName("alertRepeatInterval"), Description("How often a firing alert is re-sent, e.g. 20m.")]
    public string? AlertRepeatInterval { get; set; }

    [JsonPropertyName("withNPD"), Description("Also deploy node-problem-detector.")]
    public bool? WithNPD { get; set; }
}

[Description("Observed state of the monitoring stack.")]
public sealed class PrometheusStatus : AddonStatus
{
    [JsonPropertyName("subVersion"), Description("Installed versions of the stack's components.")]
    public Dictionary<string, string>? SubVersion { get; set; }
}

[Description("Remote write and read endpoints of Prometheus.")]
public sealed class PrometheusRemoteAddress
{
    [JsonPropertyName("writeAddr"), Description("Remote write URLs.")]
    public List<string>? WriteAddr { get; set; }

    [JsonPropertyName("readAddr"), Description("Remote read URLs.")]
    public List<string>? ReadAddr { get; set; }
}

[Description("Compute resource requests and limits.")]
public sealed class ResourceRequirements
{
    [JsonPropertyName("limits"), Description("Most that may be used, e.g. {\"cpu\": \"2\", \"memory\": \"4Gi\"}.")]
    public ResourceList? Limits { get; set; }

    [JsonPropertyName("requests"), Description("Amount reserved for scheduling.")]
    public ResourceList? Requests { get; set; }
}

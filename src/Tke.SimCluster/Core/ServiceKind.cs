using System.Security.Cryptography;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 services. The simulation hands out cluster IPs from 10.96.0.0/16 at random
/// (nothing routes to them) and node ports from 30000-32767.</summary>
public sealed class ServiceKind : KubernetesKind<Service>
{
    private static readonly string[] Types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];

    public override string Group => "";

    public override string Kind => "Service";

    public override string Plural => "services";

    public override IReadOnlyList<string> ShortNames => ["svc"];

    public override IReadOnlyList<string> Categories => AllCategory;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Type", s => s.Spec.Type ?? "ClusterIP", description: "How the service is exposed."),
        Column("Cluster-IP", s => s.Spec.ClusterIP ?? "<none>", description: "The service's cluster IP."),
        Column("External-IP", s => s.Spec.ExternalIPs is { Count: > 0 } ips ? string.Join(',', ips) : s.Spec.Type == "LoadBalancer" ? "<pending>" : s.Spec.ExternalName ?? "<none>", description: "External IPs or name."),
        Column("Port(s)", Ports, description: "The service's ports."),
        Column("Selector", s => s.Spec.Selector is { Count: > 0 } sel ? string.Join(',', sel.Select(kv => $"{kv.Key}={kv.Value}")) : "<none>", priority: 1, description: "Pods the service routes to."),
    ];

    private static string Ports(Service service)
    {
        var ports = (service.Spec.Ports ?? [])
            .Select(p => p.NodePort is { } node ? $"{p.Port}:{node}/{p.Protocol ?? "TCP"}" : $"{p.Port}/{p.Protocol ?? "TCP"}")
            .ToList();
        return ports.Count == 0 ? "<none>" : string.Join(',', ports);
    }

    protected override void Default(Service obj)
    {
        var spec = obj.Spec;
        spec.Type ??= "ClusterIP";
        spec.SessionAffinity ??= "None";
        foreach (var port in spec.Ports ?? [])
        {
            port.Protocol ??= "TCP";
            port.TargetPort ??= IntOrString.FromInt(port.Port);
            if (spec.Type is "NodePort" or "LoadBalancer")
            {
                port.NodePort ??= RandomNumberGenerator.GetInt32(30000, 32768);
            }
        }

        if (spec.Type != "ExternalName" && string.IsNullOrEmpty(spec.ClusterIP))
        {
            spec.ClusterIP = $"10.96.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(1, 255)}";
        }

        if (!string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is not { Count: > 0 })
        {
            spec.ClusterIPs = [spec.ClusterIP];
        }

        if (IsBeingCreated(obj))
        {
            obj.Status = new ServiceStatus { LoadBalancer = [] };
        }
    }

    protected override void Validate(Service obj, FieldErrorList errors)
    {
        RequireDnsLabel("metadata.name", obj.Metadata.Name, errors);
        if (!Types.Contains(obj.Spec.Type))
        {
            errors.NotSupported("spec.type", obj.Spec.Type, Types);
        }

        if (obj.Spec.Type != "ExternalName" && obj.Spec.Ports is not { Count: > 0 })
        {
            errors.Required("spec.ports");
        }

        foreach (var (port, i) in (obj.Spec.Ports ?? []).Select((p, i) => (p, i)))
        {
            if (port.Port is < 1 or > 65535)
            {
                errors.Invalid($"spec.ports[{i}].port", port.Port, "must be between 1 and 65535, inclusive");
            }
        }
    }

    protected override void ValidateUpdate(Service obj, Service old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if (!string.IsNullOrEmpty(old.Spec.ClusterIP) && obj.Spec.ClusterIP != old.Spec.ClusterIP && obj.Spec.Type == old.Spec.Type)
        {
            errors.Invalid("spec.clusterIP", obj.Spec.ClusterIP, "field is immutable");
        }
    }
}

using System.Net;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

/// <summary>Rules for a cluster the platform installs on machines: networks, sizing and master machines.</summary>
public static class BaremetalClusterRules
{
    public static readonly IReadOnlyList<int> NodePodNumChoices = [16, 32, 64, 128, 256];

    public static readonly IReadOnlyList<int> ClusterServiceNumChoices = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

    public static void Validate(ClusterSpec spec, FieldErrorList errors)
    {
        ValidateNetworks(spec, errors);
        ValidateProperties(spec, errors);
        ValidateMachines(spec.Machines, errors);
    }

    private static void ValidateNetworks(ClusterSpec spec, FieldErrorList errors)
    {
        IPNetwork? clusterCidr = null;
        if (string.IsNullOrEmpty(spec.ClusterCIDR))
        {
            errors.Required("spec.clusterCIDR", "the pod network CIDR is required, e.g. 192.168.0.0/16");
        }
        else if (!NetworkAddress.TryParseCidr(spec.ClusterCIDR, out var parsed))
        {
            errors.Invalid("spec.clusterCIDR", spec.ClusterCIDR, "must be a valid CIDR block (e.g. 10.100.0.0/16)");
        }
        else if (parsed.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !NetworkAddress.IsPrivateIpv4(parsed))
        {
            errors.Invalid("spec.clusterCIDR", spec.ClusterCIDR, "must lie inside a private range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
        }
        else
        {
            clusterCidr = parsed;
        }

        if (spec.ServiceCIDR is null)
        {
            return;
        }

        if (!NetworkAddress.TryParseCidr(spec.ServiceCIDR, out var serviceCidr))
        {
            errors.Invalid("spec.serviceCIDR", spec.ServiceCIDR, "must be a valid CIDR block (e.g. 10.96.0.0/16)");
        }
        else if (clusterCidr is { } pods && NetworkAddress.Overlap(pods, serviceCidr))
        {
            errors.Invalid("spec.serviceCIDR", spec.ServiceCIDR, $"must not overlap spec.clusterCIDR {spec.ClusterCIDR}");
        }
        else if (serviceCidr.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && serviceCidr.PrefixLength > 28)
        {
            // kubeadm takes the 10th address of the Service range for the DNS service.
            errors.Invalid("spec.serviceCIDR", spec.ServiceCIDR, "must contain at least 16 addresses");
        }
    }

    private static void ValidateProperties(ClusterSpec spec, FieldErrorList errors)
    {
        var properties = spec.Properties;
        if (properties?.MaxNodePodNum is not { } podNum)
        {
            errors.Required("spec.properties.maxNodePodNum", "supported values: " + string.Join(", ", NodePodNumChoices));
        }
        else if (!NodePodNumChoices.Contains(podNum))
        {
            errors.NotSupported("spec.properties.maxNodePodNum", podNum, NodePodNumChoices.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var serviceNum = properties?.MaxClusterServiceNum;
        if (serviceNum is null && spec.ServiceCIDR is null)
        {
            errors.Required("spec.properties.maxClusterServiceNum", "set either spec.serviceCIDR or the maximum number of Services");
        }
        else if (serviceNum is not null && spec.ServiceCIDR is not null)
        {
            errors.Forbidden("spec.properties.maxClusterServiceNum", "may not be used together with spec.serviceCIDR");
        }
        else if (serviceNum is { } m && !ClusterServiceNumChoices.Contains(m))
        {
            errors.NotSupported("spec.properties.maxClusterServiceNum", m, ClusterServiceNumChoices.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static void ValidateMachines(List<ClusterMachine>? machines, FieldErrorList errors)
    {
        if (machines is null || machines.Count == 0)
        {
            errors.Required("spec.machines", "a Baremetal cluster needs at least one master machine");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < machines.Count; i++)
        {
            var machine = machines[i];
            var path = $"spec.machines[{i}]";
            SshTargetRules.Validate(path, machine.IP, machine.Password, machine.PrivateKey, errors);
            if (machine.IP is { Length: > 0 } ip && !seen.Add(ip))
            {
                errors.Duplicate($"{path}.ip", ip);
            }
        }
    }
}

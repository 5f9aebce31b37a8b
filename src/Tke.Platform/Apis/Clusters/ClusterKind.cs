using System.Text.RegularExpressions;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

/// <summary>platform.tkestack.io/v1 Cluster: cluster-scoped, named cls-&lt;id&gt; (or global).</summary>
public sealed partial class ClusterKind : KindDefinition<Cluster>
{
    public const string NamePrefix = "cls-";
    public const string GlobalClusterName = "global";
    public const string Finalizer = "cluster";
    public const string DefaultDnsDomain = "cluster.local";
    public const string DefaultNetworkDevice = "eth0";

    public override string Group => PlatformApiGroup.GroupName;

    public override string Version => PlatformApiGroup.GroupVersion;

    public override string Kind => "Cluster";

    /// <summary>An import sends the API server's address in status.addresses.</summary>
    public override bool KeepsStatusOnCreate => true;

    public override string Plural => "clusters";

    public override IReadOnlyList<string> ShortNames => ["cls"];

    public override string? DefaultGenerateName => NamePrefix;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Type", c => c.Spec.Type, description: "How the cluster is provided: Baremetal or Imported."),
        Column("Version", c => c.Status?.Version, description: "Kubernetes version the cluster runs."),
        Column("Status", c => c.Status?.Phase, description: "Lifecycle phase of the cluster."),
        Column("Nodes", c => c.Status?.NodeCount is { } total ? $"{c.Status.ReadyNodeCount ?? 0}/{total}" : null, description: "Ready and total nodes at the last health check."),
        Column("Display Name", c => c.Spec.DisplayName, priority: 1, description: "Human-readable cluster name."),
    ];

    protected override IReadOnlyDictionary<string, Func<Cluster, string?>> TypedSelectableFields => new Dictionary<string, Func<Cluster, string?>>
    {
        ["spec.tenantID"] = c => c.Spec.TenantID ?? "",
        ["spec.type"] = c => c.Spec.Type ?? "",
        ["spec.version"] = c => c.Spec.Version ?? "",
        ["status.locked"] = c => c.Status?.Locked == true ? "true" : "false",
        ["status.version"] = c => c.Status?.Version ?? "",
        ["status.phase"] = c => c.Status?.Phase ?? "",
    };

    protected override void Default(Cluster obj)
    {
        var spec = obj.Spec;
        if (NewObject.IsBeingCreated(obj))
        {
            spec.Finalizers = [Finalizer];
            obj.Metadata.Name = CanonicalName(obj.Metadata.Name);
        }

        spec.DNSDomain ??= DefaultDnsDomain;
        if (spec.Type == ClusterTypes.Baremetal)
        {
            spec.NetworkDevice ??= DefaultNetworkDevice;
        }

        foreach (var machine in spec.Machines ?? [])
        {
            machine.Port ??= 22;
            machine.Username ??= "root";
        }
    }

    protected override void Validate(Cluster obj, FieldErrorList errors)
    {
        var name = obj.Metadata.Name;
        if (!string.IsNullOrEmpty(name) && !NamePattern().IsMatch(name))
        {
            errors.Invalid("metadata.name", name, $"must be '{GlobalClusterName}' or '{NamePrefix}' followed by lower-case letters and digits; leave it empty to have one generated");
        }

        errors.RequiredIfEmpty("spec.type", obj.Spec.Type);
        switch (obj.Spec.Type)
        {
            case ClusterTypes.Baremetal:
                BaremetalClusterRules.Validate(obj.Spec, errors);
                break;
            case ClusterTypes.Imported:
                ImportedClusterRules.Validate(obj, errors);
                break;
        }

        ClusterFeatureRules.Validate(obj.Spec.Features, "spec.features", errors);
    }

    protected override void ValidateUpdate(Cluster obj, Cluster old, FieldErrorList errors)
    {
        Validate(obj, errors);
        var spec = obj.Spec;
        var was = old.Spec;
        errors.Immutable("spec.tenantID", spec.TenantID, was.TenantID);
        errors.Immutable("spec.type", spec.Type, was.Type);
        errors.Immutable("spec.networkDevice", spec.NetworkDevice, was.NetworkDevice);
        errors.Immutable("spec.clusterCIDR", spec.ClusterCIDR, was.ClusterCIDR);
        errors.Immutable("spec.dnsDomain", spec.DNSDomain, was.DNSDomain);
        errors.ImmutableMap("spec.dockerExtraArgs", spec.DockerExtraArgs, was.DockerExtraArgs);
        errors.ImmutableMap("spec.kubeletExtraArgs", spec.KubeletExtraArgs, was.KubeletExtraArgs);
        errors.ImmutableMap("spec.apiServerExtraArgs", spec.APIServerExtraArgs, was.APIServerExtraArgs);
        errors.ImmutableMap("spec.controllerManagerExtraArgs", spec.ControllerManagerExtraArgs, was.ControllerManagerExtraArgs);
        errors.ImmutableMap("spec.schedulerExtraArgs", spec.SchedulerExtraArgs, was.SchedulerExtraArgs);
    }

    /// <summary>TKEStack accepts "cls-AB-c1" and stores "cls-abc1": the id part is lower-cased and loses its dashes.</summary>
    public static string? CanonicalName(string? name)
    {
        if (name is null || !name.StartsWith(NamePrefix, StringComparison.Ordinal))
        {
            return name;
        }

        return NamePrefix + name[NamePrefix.Length..].ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
    }

    [GeneratedRegex("^(global|cls-[a-z0-9]+)$")]
    private static partial Regex NamePattern();
}

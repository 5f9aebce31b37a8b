using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.Clusters;
using Tke.Platform.Apis.Shared;

namespace Tke.Apis.Tests.Platform;

public class ClusterKindTests
{
    private readonly ClusterKind _kind = new();

    public static Cluster Baremetal() => new()
    {
        ApiVersion = "platform.tkestack.io/v1",
        Kind = "Cluster",
        Metadata = new ObjectMeta { Name = "cls-abc123" },
        Spec = new ClusterSpec
        {
            TenantID = "default",
            DisplayName = "生产集群",
            Type = ClusterTypes.Baremetal,
            Version = "1.20.4",
            NetworkDevice = "eth0",
            ClusterCIDR = "192.168.0.0/16",
            Properties = new ClusterProperty { MaxNodePodNum = 256, MaxClusterServiceNum = 256 },
            Machines =
            [
                new ClusterMachine { IP = "10.0.0.11", Port = 22, Username = "root", Password = "secret"u8.ToArray() },
                new ClusterMachine { IP = "10.0.0.12", Port = 22, Username = "root", PrivateKey = "-----BEGIN KEY-----"u8.ToArray() },
            ],
            Features = new ClusterFeature { GPUType = GpuTypes.Virtual, HA = new HighAvailability { TKE = new TkeHighAvailability { VIP = "10.0.0.100" } } },
        },
    };

    public static Cluster Imported() => new()
    {
        Metadata = new ObjectMeta { Name = "cls-imported1" },
        Spec = new ClusterSpec { TenantID = "default", DisplayName = "tke-prod", Type = ClusterTypes.Imported, ClusterCredentialRef = new LocalObjectReference { Name = "cc-abcd" } },
        Status = new ClusterStatus { Addresses = [new ClusterAddress { Type = ClusterAddressTypes.Advertise, Host = "api.example.com", Port = 443 }] },
    };

    [Fact]
    public void Names_scope_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("platform.tkestack.io", _kind.Group);
        Assert.Equal("clusters", _kind.Plural);
        Assert.Equal("cluster", _kind.Singular);
        Assert.Equal(new[] { "cls" }, _kind.ShortNames);
        Assert.Equal(KindScope.Cluster, _kind.Scope);
        Assert.Equal("cls-", _kind.DefaultGenerateName);
        Assert.True(_kind.HasStatusSubresource);
    }

    [Fact]
    public void Schema_has_TKEStack_field_names()
    {
        KindAssert.HasFields(_kind,
            "spec.finalizers", "spec.tenantID", "spec.displayName", "spec.type", "spec.version", "spec.networkType",
            "spec.networkDevice", "spec.clusterCIDR", "spec.serviceCIDR", "spec.dnsDomain", "spec.publicAlternativeNames",
            "spec.features.ipvs", "spec.features.gpuType", "spec.features.ha.tke.vip", "spec.features.ha.thirdParty.vport",
            "spec.properties.maxNodePodNum", "spec.properties.maxClusterServiceNum", "spec.properties.oversoldRatio",
            "spec.machines.[].ip", "spec.machines.[].password", "spec.machines.[].privateKey", "spec.machines.[].taints.[].effect",
            "spec.dockerExtraArgs", "spec.kubeletExtraArgs", "spec.apiServerExtraArgs", "spec.controllerManagerExtraArgs",
            "spec.schedulerExtraArgs", "spec.clusterCredentialRef.name",
            "status.locked", "status.version", "status.phase", "status.conditions.[].lastProbeTime", "status.addresses.[].host",
            "status.resource.capacity", "status.components.[].replicas.desired", "status.serviceCIDR", "status.nodeCIDRMaskSize",
            "status.dnsIP", "status.registryIPs");
    }

    [Fact]
    public void Schema_carries_enums_secrets_and_merge_keys()
    {
        Assert.Equal(new[] { ClusterTypes.Baremetal, ClusterTypes.Imported }, KindAssert.SchemaAt(_kind, "spec.type").Enum);
        KindAssert.MarkedSensitive<ClusterMachine>(nameof(ClusterMachine.Password), nameof(ClusterMachine.PrivateKey), nameof(ClusterMachine.PassPhrase));
        Assert.Equal("byte", KindAssert.SchemaAt(_kind, "spec.machines.[].password").Format);
        Assert.Equal("type", KindAssert.SchemaAt(_kind, "status.conditions").PatchMergeKey);
        Assert.Equal(new[] { "True", "False", "Unknown" }, KindAssert.SchemaAt(_kind, "status.conditions.[].status").Enum);
        Assert.Contains("type", KindAssert.SchemaAt(_kind, "spec").Required ?? []);
        Assert.Equal(60, KindAssert.SchemaAt(_kind, "spec.displayName").MaxLength);
        Assert.NotNull(KindAssert.SchemaAt(_kind, "spec.networkDevice").Pattern);
    }

    [Fact]
    public void A_valid_baremetal_cluster_passes() => KindAssert.Valid(_kind, Baremetal());

    [Fact]
    public void A_valid_imported_cluster_passes() => KindAssert.Valid(_kind, Imported());

    [Fact]
    public void The_global_cluster_name_is_allowed()
    {
        var cluster = Baremetal();
        cluster.Metadata.Name = "global";
        KindAssert.Valid(_kind, cluster);
    }

    [Theory]
    [InlineData("my-cluster")]
    [InlineData("cls-")]
    [InlineData("cls-ABC")]
    public void Names_other_than_cls_ids_are_rejected(string name)
    {
        var cluster = Baremetal();
        cluster.Metadata.Name = name;
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "metadata.name", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Defaults_follow_TKEStack_on_create()
    {
        var cluster = Baremetal();
        cluster.Metadata.Name = "cls-AB-c1";
        cluster.Spec.DNSDomain = null;
        cluster.Spec.NetworkDevice = null;
        cluster.Spec.Machines![0].Port = null;
        cluster.Spec.Machines[0].Username = null;
        _kind.ApplyDefaults(cluster);
        Assert.Equal("cls-abc1", cluster.Metadata.Name);
        Assert.Equal(new[] { "cluster" }, cluster.Spec.Finalizers);
        Assert.Equal("cluster.local", cluster.Spec.DNSDomain);
        Assert.Equal("eth0", cluster.Spec.NetworkDevice);
        Assert.Equal(22, cluster.Spec.Machines[0].Port);
        Assert.Equal("root", cluster.Spec.Machines[0].Username);
    }

    [Fact]
    public void Defaulting_an_update_keeps_removed_finalizers_removed()
    {
        var cluster = Baremetal();
        cluster.Metadata.ResourceVersion = "42";
        cluster.Spec.Finalizers = [];
        _kind.ApplyDefaults(cluster);
        Assert.Empty(cluster.Spec.Finalizers);
    }

    [Fact]
    public void Cluster_cidr_is_required_for_baremetal()
    {
        var cluster = Baremetal();
        cluster.Spec.ClusterCIDR = null;
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "spec.clusterCIDR", FieldErrorKind.Required);
    }

    [Theory]
    [InlineData("192.168.0.0")]
    [InlineData("192.168.0.0/33")]
    [InlineData("not-a-cidr")]
    [InlineData("8.8.0.0/16")]
    public void Cluster_cidr_must_be_a_private_cidr(string cidr)
    {
        var cluster = Baremetal();
        cluster.Spec.ClusterCIDR = cidr;
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "spec.clusterCIDR", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Service_cidr_must_not_overlap_the_pod_network()
    {
        var cluster = Baremetal();
        cluster.Spec.Properties!.MaxClusterServiceNum = null;
        cluster.Spec.ServiceCIDR = "192.168.128.0/20";
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "spec.serviceCIDR", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Service_cidr_and_max_service_number_exclude_each_other()
    {
        var cluster = Baremetal();
        cluster.Spec.ServiceCIDR = "10.96.0.0/16";
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "spec.properties.maxClusterServiceNum", FieldErrorKind.Forbidden);
    }

    [Fact]
    public void Sizing_properties_take_only_TKEStack_choices()
    {
        var cluster = Baremetal();
        cluster.Spec.Properties = new ClusterProperty { MaxNodePodNum = 100, MaxClusterServiceNum = 300 };
        var errors = KindAssert.Validate(_kind, cluster);
        KindAssert.HasError(errors, "spec.properties.maxNodePodNum", FieldErrorKind.NotSupported);
        KindAssert.HasError(errors, "spec.properties.maxClusterServiceNum", FieldErrorKind.NotSupported);
    }

    [Fact]
    public void Sizing_properties_are_required_for_baremetal()
    {
        var cluster = Baremetal();
        cluster.Spec.Properties = null;
        var errors = KindAssert.Validate(_kind, cluster);
        KindAssert.HasError(errors, "spec.properties.maxNodePodNum", FieldErrorKind.Required);
        KindAssert.HasError(errors, "spec.properties.maxClusterServiceNum", FieldErrorKind.Required);
    }

    [Fact]
    public void Master_machines_are_checked()
    {
        var cluster = Baremetal();
        cluster.Spec.Machines![0].IP = "10.1";
        cluster.Spec.Machines[1].IP = "10.0.0.11";
        cluster.Spec.Machines.Add(new ClusterMachine { IP = "10.0.0.11" });
        var errors = KindAssert.Validate(_kind, cluster);
        KindAssert.HasError(errors, "spec.machines[0].ip", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.machines[2].ip", FieldErrorKind.Duplicate);
        KindAssert.HasError(errors, "spec.machines[2]", FieldErrorKind.Required);
    }

    [Fact]
    public void A_baremetal_cluster_needs_a_master()
    {
        var cluster = Baremetal();
        cluster.Spec.Machines = [];
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "spec.machines", FieldErrorKind.Required);
    }

    [Fact]
    public void Empty_type_is_required()
    {
        var cluster = Baremetal();
        cluster.Spec.Type = "";
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "spec.type", FieldErrorKind.Required);
    }

    [Fact]
    public void High_availability_addresses_are_checked()
    {
        var cluster = Baremetal();
        cluster.Spec.Features!.HA = new HighAvailability { TKE = new TkeHighAvailability { VIP = "vip" }, ThirdParty = new ThirdPartyHighAvailability { VIP = "10.0.0.300", VPort = 6443 } };
        var errors = KindAssert.Validate(_kind, cluster);
        KindAssert.HasError(errors, "spec.features.ha.tke.vip", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.features.ha.thirdParty.vip", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.features.ha", FieldErrorKind.Forbidden);
    }

    [Fact]
    public void Unknown_hooks_are_rejected()
    {
        var cluster = Baremetal();
        cluster.Spec.Features!.Hooks = new() { ["PreInstall"] = "/opt/pre.sh", ["Whenever"] = "/opt/x.sh" };
        var errors = KindAssert.Validate(_kind, cluster);
        KindAssert.HasError(errors, "spec.features.hooks[Whenever]", FieldErrorKind.NotSupported);
        Assert.DoesNotContain(errors, e => e.Field == "spec.features.hooks[PreInstall]");
    }

    [Fact]
    public void An_imported_cluster_needs_an_address()
    {
        var cluster = Imported();
        cluster.Status = null;
        KindAssert.HasError(KindAssert.Validate(_kind, cluster), "status.addresses", FieldErrorKind.Required);
    }

    [Fact]
    public void Imported_addresses_are_checked()
    {
        var cluster = Imported();
        cluster.Status!.Addresses = [new ClusterAddress { Type = ClusterAddressTypes.Public, Host = "https://api.example.com", Port = 0, Path = "api" }];
        var errors = KindAssert.Validate(_kind, cluster);
        KindAssert.HasError(errors, "status.addresses[0].type", FieldErrorKind.NotSupported);
        KindAssert.HasError(errors, "status.addresses[0].host", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "status.addresses[0].port", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "status.addresses[0].path", FieldErrorKind.Invalid);
    }

    [Theory]
    [InlineData("spec.type")]
    [InlineData("spec.networkDevice")]
    [InlineData("spec.clusterCIDR")]
    [InlineData("spec.dnsDomain")]
    [InlineData("spec.tenantID")]
    [InlineData("spec.kubeletExtraArgs")]
    public void Installation_settings_are_immutable(string field)
    {
        var old = Baremetal();
        old.Spec.DNSDomain = "cluster.local";
        var updated = Baremetal();
        updated.Spec.DNSDomain = "cluster.local";
        switch (field)
        {
            case "spec.type": updated.Spec.Type = ClusterTypes.Imported; break;
            case "spec.networkDevice": updated.Spec.NetworkDevice = "eth1"; break;
            case "spec.clusterCIDR": updated.Spec.ClusterCIDR = "10.244.0.0/16"; break;
            case "spec.dnsDomain": updated.Spec.DNSDomain = "corp.local"; break;
            case "spec.tenantID": updated.Spec.TenantID = "other"; break;
            case "spec.kubeletExtraArgs": updated.Spec.KubeletExtraArgs = new() { ["max-pods"] = "200" }; break;
        }

        KindAssert.HasError(KindAssert.ValidateUpdate(_kind, updated, old), field, FieldErrorKind.Invalid);
    }

    [Fact]
    public void An_unchanged_update_passes() => Assert.Empty(KindAssert.ValidateUpdate(_kind, Baremetal(), Baremetal()));

    [Fact]
    public void Json_uses_TKEStack_field_names()
    {
        var cluster = Baremetal();
        cluster.Spec.APIServerExtraArgs = new() { ["audit-log-maxage"] = "30" };
        cluster.Status = new ClusterStatus { Phase = ClusterPhases.Running, Version = "1.20.4", DNSIP = "10.96.0.10", NodeCIDRMaskSize = 24 };
        var (json, back) = KindAssert.RoundTrip(cluster);
        Assert.Equal("default", KindAssert.At(json, "spec", "tenantID")?.GetValue<string>());
        Assert.Equal("192.168.0.0/16", KindAssert.At(json, "spec", "clusterCIDR")?.GetValue<string>());
        Assert.Equal("30", KindAssert.At(json, "spec", "apiServerExtraArgs", "audit-log-maxage")?.GetValue<string>());
        Assert.Equal(256, KindAssert.At(json, "spec", "properties", "maxNodePodNum")?.GetValue<int>());
        Assert.Equal("Virtual", KindAssert.At(json, "spec", "features", "gpuType")?.GetValue<string>());
        Assert.Equal("10.0.0.100", KindAssert.At(json, "spec", "features", "ha", "tke", "vip")?.GetValue<string>());
        Assert.Equal("c2VjcmV0", KindAssert.At(json, "spec", "machines")?[0]?["password"]?.GetValue<string>());
        Assert.Equal("10.96.0.10", KindAssert.At(json, "status", "dnsIP")?.GetValue<string>());
        Assert.Equal(24, KindAssert.At(json, "status", "nodeCIDRMaskSize")?.GetValue<int>());
        Assert.Null(KindAssert.At(json, "status", "locked"));
        Assert.Equal("secret"u8.ToArray(), back.Spec.Machines![0].Password);
        Assert.Equal("生产集群", back.Spec.DisplayName);
    }

    [Fact]
    public void Table_shows_type_version_and_phase()
    {
        var cluster = Baremetal();
        cluster.Status = new ClusterStatus { Phase = ClusterPhases.Running, Version = "1.20.4", NodeCount = 5, ReadyNodeCount = 4 };
        var cells = KindAssert.Cells(_kind, cluster);
        Assert.Equal("Baremetal", cells["Type"]);
        Assert.Equal("1.20.4", cells["Version"]);
        Assert.Equal("Running", cells["Status"]);
        Assert.Equal("4/5", cells["Nodes"]);
        Assert.Equal(new[] { "Type", "Version", "Status", "Nodes", "Display Name" }, _kind.Columns.Select(c => c.Name));
        Assert.Equal(1, _kind.Columns.Single(c => c.Name == "Display Name").Priority);
    }

    [Fact]
    public void Field_selectors_match_TKEStack()
    {
        var cluster = Baremetal();
        cluster.Status = new ClusterStatus { Phase = ClusterPhases.Initializing, Locked = true };
        Assert.Equal("default", KindAssert.Select(_kind, cluster, "spec.tenantID"));
        Assert.Equal("Baremetal", KindAssert.Select(_kind, cluster, "spec.type"));
        Assert.Equal("1.20.4", KindAssert.Select(_kind, cluster, "spec.version"));
        Assert.Equal("Initializing", KindAssert.Select(_kind, cluster, "status.phase"));
        Assert.Equal("true", KindAssert.Select(_kind, cluster, "status.locked"));
        Assert.Equal("", KindAssert.Select(_kind, cluster, "status.version"));
    }
}

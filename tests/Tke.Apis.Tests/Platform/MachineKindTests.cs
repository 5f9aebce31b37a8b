using System.Text.Json;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.Machines;
using Tke.Platform.Apis.Shared;

namespace Tke.Apis.Tests.Platform;

public class MachineKindTests
{
    private readonly MachineKind _kind = new();

    private static Machine Sample() => new()
    {
        ApiVersion = "platform.tkestack.io/v1",
        Kind = "Machine",
        Metadata = new ObjectMeta { GenerateName = "mc-" },
        Spec = new MachineSpec
        {
            TenantID = "default",
            ClusterName = "cls-abc123",
            Type = MachineTypes.Baremetal,
            IP = "10.0.0.21",
            Port = 36000,
            Username = "root",
            Password = "123456"u8.ToArray(),
            Labels = new() { ["gpu"] = "on" },
            Taints = [new Taint { Key = "dedicated", Value = "ml", Effect = "NoSchedule" }],
        },
    };

    [Fact]
    public void Names_scope_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("machines", _kind.Plural);
        Assert.Equal("machine", _kind.Singular);
        Assert.Equal(new[] { "mc" }, _kind.ShortNames);
        Assert.Equal(KindScope.Cluster, _kind.Scope);
        Assert.Equal("mc-", _kind.DefaultGenerateName);
        Assert.True(_kind.HasStatusSubresource);
    }

    [Fact]
    public void Schema_has_TKEStack_field_names()
    {
        KindAssert.HasFields(_kind,
            "spec.finalizers", "spec.tenantID", "spec.clusterName", "spec.type", "spec.ip", "spec.port", "spec.username",
            "spec.password", "spec.privateKey", "spec.passPhrase", "spec.labels", "spec.taints.[].key", "spec.taints.[].timeAdded",
            "status.locked", "status.phase", "status.conditions.[].type", "status.message", "status.reason",
            "status.addresses.[].address", "status.machineInfo.machineID", "status.machineInfo.kubeletVersion", "status.machineInfo.osImage");
        Assert.Equal(new[] { "clusterName", "type", "ip" }, KindAssert.SchemaAt(_kind, "spec").Required);
        Assert.Equal(new[] { "Baremetal" }, KindAssert.SchemaAt(_kind, "spec.type").Enum);
        Assert.Equal("byte", KindAssert.SchemaAt(_kind, "spec.password").Format);
        KindAssert.MarkedSensitive<MachineSpec>(nameof(MachineSpec.Password), nameof(MachineSpec.PrivateKey), nameof(MachineSpec.PassPhrase));
        KindAssert.NotSensitive<MachineSpec>(nameof(MachineSpec.IP), nameof(MachineSpec.Username));
        Assert.Equal(65535, KindAssert.SchemaAt(_kind, "spec.port").Maximum);
        Assert.Equal(new[] { "NoSchedule", "PreferNoSchedule", "NoExecute" }, KindAssert.SchemaAt(_kind, "spec.taints.[].effect").Enum);
    }

    [Fact]
    public void A_valid_machine_passes() => KindAssert.Valid(_kind, Sample());

    [Fact]
    public void The_API_guide_request_body_deserialises_and_passes()
    {
        // The body of "add a node" in the manual's API guide, password "123456" in base64.
        const string body = """
            {"kind":"Machine","apiVersion":"platform.tkestack.io/v1","metadata":{"generateName":"mc-"},
             "spec":{"finalizers":["machine"],"tenantID":"default","clusterName":"cls-abc123","type":"Baremetal",
                     "ip":"10.0.0.21","port":36000,"username":"root","password":"MTIzNDU2"}}
            """;
        var machine = JsonSerializer.Deserialize<Machine>(body, ApiJson.Options)!;
        Assert.Equal("123456"u8.ToArray(), machine.Spec.Password);
        Assert.Equal(36000, machine.Spec.Port);
        _kind.ApplyDefaults(machine);
        KindAssert.Valid(_kind, machine);
    }

    [Fact]
    public void Defaults_set_port_user_and_finalizer_on_create()
    {
        var machine = Sample();
        machine.Spec.Port = null;
        machine.Spec.Username = null;
        _kind.ApplyDefaults(machine);
        Assert.Equal(22, machine.Spec.Port);
        Assert.Equal("root", machine.Spec.Username);
        Assert.Equal(new[] { "machine" }, machine.Spec.Finalizers);
    }

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("host.example.com")]
    [InlineData("10.0.0.256")]
    public void Ip_must_be_an_address(string ip)
    {
        var machine = Sample();
        machine.Spec.IP = ip;
        KindAssert.HasError(KindAssert.Validate(_kind, machine), "spec.ip", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Ipv6_addresses_are_accepted()
    {
        var machine = Sample();
        machine.Spec.IP = "2001:db8::21";
        KindAssert.Valid(_kind, machine);
    }

    [Fact]
    public void Password_or_private_key_is_required()
    {
        var machine = Sample();
        machine.Spec.Password = null;
        KindAssert.HasError(KindAssert.Validate(_kind, machine), "spec", FieldErrorKind.Required);
        machine.Spec.PrivateKey = "key"u8.ToArray();
        KindAssert.Valid(_kind, machine);
    }

    [Fact]
    public void Empty_cluster_name_is_required()
    {
        var machine = Sample();
        machine.Spec.ClusterName = "";
        KindAssert.HasError(KindAssert.Validate(_kind, machine), "spec.clusterName", FieldErrorKind.Required);
    }

    [Fact]
    public void Taint_keys_must_be_qualified_names()
    {
        var machine = Sample();
        machine.Spec.Taints![0].Key = "bad key!";
        KindAssert.HasError(KindAssert.Validate(_kind, machine), "spec.taints[0].key", FieldErrorKind.Invalid);
    }

    [Theory]
    [InlineData("spec.type")]
    [InlineData("spec.clusterName")]
    [InlineData("spec.ip")]
    [InlineData("spec.labels")]
    [InlineData("spec.taints")]
    public void Identity_fields_are_immutable(string field)
    {
        var updated = Sample();
        switch (field)
        {
            case "spec.type": updated.Spec.Type = "Other"; break;
            case "spec.clusterName": updated.Spec.ClusterName = "cls-other"; break;
            case "spec.ip": updated.Spec.IP = "10.0.0.22"; break;
            case "spec.labels": updated.Spec.Labels!["gpu"] = "off"; break;
            case "spec.taints": updated.Spec.Taints![0].Effect = "NoExecute"; break;
        }

        KindAssert.HasError(KindAssert.ValidateUpdate(_kind, updated, Sample()), field, FieldErrorKind.Invalid);
    }

    [Fact]
    public void Credentials_may_change_on_update()
    {
        var updated = Sample();
        updated.Spec.Password = "changed"u8.ToArray();
        Assert.Empty(KindAssert.ValidateUpdate(_kind, updated, Sample()));
    }

    [Fact]
    public void Json_uses_TKEStack_field_names()
    {
        var machine = Sample();
        machine.Status = new MachineStatus { Phase = MachinePhases.Running, MachineInfo = new MachineSystemInfo { KubeletVersion = "v1.20.4" } };
        var (json, _) = KindAssert.RoundTrip(machine);
        Assert.Equal("cls-abc123", KindAssert.At(json, "spec", "clusterName")?.GetValue<string>());
        Assert.Equal("default", KindAssert.At(json, "spec", "tenantID")?.GetValue<string>());
        Assert.Equal("10.0.0.21", KindAssert.At(json, "spec", "ip")?.GetValue<string>());
        Assert.Equal("MTIzNDU2", KindAssert.At(json, "spec", "password")?.GetValue<string>());
        Assert.Equal("NoSchedule", KindAssert.At(json, "spec", "taints")?[0]?["effect"]?.GetValue<string>());
        Assert.Equal("v1.20.4", KindAssert.At(json, "status", "machineInfo", "kubeletVersion")?.GetValue<string>());
        Assert.Equal(new[] { "apiVersion", "kind", "metadata", "spec", "status" }, json.Select(p => p.Key));
    }

    [Fact]
    public void Table_shows_type_ip_cluster_and_phase()
    {
        var machine = Sample();
        machine.Status = new MachineStatus { Phase = MachinePhases.Initializing };
        var cells = KindAssert.Cells(_kind, machine);
        Assert.Equal(new[] { "Type", "IP", "Cluster", "Status" }, _kind.Columns.Select(c => c.Name));
        Assert.Equal("Baremetal", cells["Type"]);
        Assert.Equal("10.0.0.21", cells["IP"]);
        Assert.Equal("cls-abc123", cells["Cluster"]);
        Assert.Equal("Initializing", cells["Status"]);
    }

    [Fact]
    public void Field_selectors_match_TKEStack()
    {
        var machine = Sample();
        Assert.Equal("cls-abc123", KindAssert.Select(_kind, machine, "spec.clusterName"));
        Assert.Equal("10.0.0.21", KindAssert.Select(_kind, machine, "spec.ip"));
        Assert.Equal("Baremetal", KindAssert.Select(_kind, machine, "spec.type"));
        Assert.Equal("default", KindAssert.Select(_kind, machine, "spec.tenantID"));
        Assert.Equal("false", KindAssert.Select(_kind, machine, "status.locked"));
        Assert.Equal("", KindAssert.Select(_kind, machine, "status.phase"));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Protobuf;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Tests.Protobuf;

public sealed class KubernetesProtobufTests
{
    /// <summary>
    /// Bodies kubectl 1.32 sent for `kubectl create ...`, recorded from the wire, and the objects
    /// `kubectl create ... --dry-run=client -o json` prints for the same commands (whose
    /// "creationTimestamp": null Go writes for the zero time; we leave it out).
    /// </summary>
    public static TheoryData<string, string, string> KubectlBodies => new()
    {
        {
            "create namespace team-a",
            "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEh4KFgoGdGVhbS1hEgAaACIAKgAyADgAQgASABoCCgAaACIA",
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a"},"spec":{},"status":{}}"""
        },
        {
            "create deployment web --image=nginx --replicas=2 -n team-a",
            "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErEBCiUKA3dlYhIAGgZ0ZWFtLWEiACoAMgA4AEIAWgoKA2FwcBIDd2ViEnoIAhIMCgoKA2FwcBIDd2ViGmAKHAoAEgAaACIAKgAyADgAQgBaCgoDYXBwEgN3ZWISQBIiCgVuZ2lueBIFbmdpbngqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==",
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"team-a","labels":{"app":"web"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}"""
        },
        {
            "create configmap c --from-literal=a=b -n team-a",
            "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiEKFwoBYxIAGgZ0ZWFtLWEiACoAMgA4AEIAEgYKAWESAWIaACIA",
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","namespace":"team-a"},"data":{"a":"b"}}"""
        },
        {
            "create secret generic s --from-literal=p=q",
            "azhzAAoMCgJ2MRIGU2VjcmV0Eh0KEQoBcxIAGgAiACoAMgA4AEIAEgYKAXASAXEaABoAIgA=",
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},"data":{"p":"cQ=="}}"""
        },
        {
            "create job j --image=busybox",
            "azhzAAoPCghiYXRjaC92MRIDSm9iEngKEQoBahIAGgAiACoAMgA4AEIAElkyVwoQCgASABoAIgAqADIAOABCABJDEiAKAWoSB2J1c3lib3gqAEIAagByAIABAIgBAJABAKIBABoFTmV2ZXIyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoIIAAoADAAOgAaACIA",
            """{"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"j"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"name":"j","image":"busybox","resources":{}}],"restartPolicy":"Never"}}},"status":{}}"""
        },
        {
            "create service clusterip svc --tcp=80:8080",
            "azhzAAoNCgJ2MRIHU2VydmljZRJpCh8KA3N2YxIAGgAiACoAMgA4AEIAWgoKA2FwcBIDc3ZjEkIKGwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAoABIKCgNhcHASA3N2YxoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==",
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"svc","labels":{"app":"svc"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"svc"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}"""
        },
    };

    [Theory]
    [MemberData(nameof(KubectlBodies))]
    public void Decodes_what_kubectl_sends_into_the_JSON_kubectl_would_have_sent(string command, string body, string expected)
    {
        var decoded = KubernetesProtobuf.Decode(Convert.FromBase64String(body));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), decoded), $"{command}:\n{decoded.ToJsonString()}");
        Assert.Equal(["apiVersion", "kind"], decoded.Select(p => p.Key).Take(2));
    }

    [Fact]
    public void Through_RequestBody_the_media_type_selects_protobuf()
    {
        var node = RequestBody.Decode(Convert.FromBase64String((string)KubectlBodies.First()[1]), MediaTypes.Protobuf)!;
        Assert.Equal("Namespace", node["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Decodes_the_DeleteOptions_kubectl_drain_sends()
    {
        // `kubectl drain --disable-eviction --grace-period=1`, recorded from kubectl 1.32.
        var body = Convert.FromHexString("6b3873000a130a027631120d44656c6574654f7074696f6e73120208011a002200");
        Assert.Equal("""{"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":1}""", KubernetesProtobuf.Decode(body).ToJsonString());
        var (request, dryRun) = QueryOptions.DeleteOptions(new Microsoft.AspNetCore.Http.QueryCollection(), RequestBody.Decode(body, MediaTypes.Protobuf));
        Assert.Null(request.PropagationPolicy);
        Assert.Null(dryRun);
    }

    [Fact]
    public void DeleteOptions_sent_under_a_group_version_decode_as_meta_v1()
    {
        var body = ProtoBytes.Envelope("apps/v1", "DeleteOptions", new ProtoBytes()
            .Varint(1, 0L)
            .Message(2, new ProtoBytes().String(1, "uid-1"))
            .String(4, "Foreground")
            .String(5, "All"));
        var json = KubernetesProtobuf.Decode(body);
        Assert.Equal("""{"apiVersion":"apps/v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"},"propagationPolicy":"Foreground","dryRun":["All"]}""", json.ToJsonString());
        var (request, dryRun) = QueryOptions.DeleteOptions(new Microsoft.AspNetCore.Http.QueryCollection(), json);
        Assert.Equal(new DeleteRequest("uid-1", null, "Foreground"), request);
        Assert.Equal("""["All"]""", dryRun!.ToJsonString());

        var meta = KubernetesProtobuf.Decode(ProtoBytes.Envelope("meta.k8s.io/v1", "DeleteOptions", new ProtoBytes().String(4, "Orphan")));
        Assert.Equal("Orphan", meta["propagationPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void An_eviction_decodes_with_its_delete_options()
    {
        var body = ProtoBytes.Envelope("policy/v1", "Eviction", new ProtoBytes()
            .Message(1, new ProtoBytes().String(1, "web-1").String(3, "default"))
            .Message(2, new ProtoBytes().Varint(1, 30L)));
        Assert.Equal("""{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-1","namespace":"default"},"deleteOptions":{"gracePeriodSeconds":30}}""",
            KubernetesProtobuf.Decode(body).ToJsonString());
    }

    [Theory]
    [InlineData("v1", "Pod", "k8s.io.api.core.v1.Pod")]
    [InlineData("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment")]
    [InlineData("batch/v1", "CronJob", "k8s.io.api.batch.v1.CronJob")]
    [InlineData("policy/v1", "Eviction", "k8s.io.api.policy.v1.Eviction")]
    [InlineData("meta.k8s.io/v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions")]
    [InlineData("batch/v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions")]
    [InlineData("rbac.authorization.k8s.io/v1", "Role", "k8s.io.api.rbac.v1.Role")]
    [InlineData("storage.k8s.io/v1", "StorageClass", null)]
    [InlineData("platform.tkestack.io/v1", "Cluster", null)]
    [InlineData("apps/v1", "Pod", null)]
    public void Maps_type_meta_to_a_message(string apiVersion, string kind, string? expected) =>
        Assert.Equal(expected, KubernetesProtobuf.MessageFor(apiVersion, kind, ProtoSchemaRegistry.Kubernetes));

    [Fact]
    public void A_kind_without_a_schema_is_unsupported_and_a_415_naming_it()
    {
        var body = ProtoBytes.Envelope("platform.tkestack.io/v1", "Cluster", new ProtoBytes());
        Assert.Contains("platform.tkestack.io/v1, Kind=Cluster", Assert.Throws<UnsupportedProtobufTypeException>(() => KubernetesProtobuf.Decode(body)).Message);
        var error = Assert.Throws<StatusError>(() => RequestBody.Decode(body, MediaTypes.Protobuf));
        Assert.Equal(415, error.Code);
        Assert.Contains("Kind=Cluster", error.Message);
    }

    [Fact]
    public void An_envelope_may_carry_JSON()
    {
        var body = (byte[])[.. "k8s\0"u8, .. new ProtoBytes()
            .Message(1, new ProtoBytes().String(1, "v1").String(2, "ConfigMap"))
            .Bytes(2, Encoding.UTF8.GetBytes("""{"metadata":{"name":"c"}}"""))
            .String(4, "application/json").ToArray()];
        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", KubernetesProtobuf.Decode(body).ToJsonString());
    }

    [Fact]
    public void Envelope_encodings_we_do_not_read_are_unsupported()
    {
        var gzip = (byte[])[.. "k8s\0"u8, .. new ProtoBytes().Message(1, new ProtoBytes().String(1, "v1").String(2, "ConfigMap")).String(3, "gzip").ToArray()];
        Assert.Throws<UnsupportedProtobufTypeException>(() => KubernetesProtobuf.Decode(gzip));
    }

    public static TheoryData<byte[]> MalformedBodies => new()
    {
        Encoding.UTF8.GetBytes("""{"kind":"ConfigMap"}"""),
        "k8s"u8.ToArray(),
        (byte[])[.. "k8s\0"u8, .. new ProtoBytes().Message(2, new ProtoBytes().String(1, "x")).ToArray()], // no typeMeta
        (byte[])[.. "k8s\0"u8, 0x0A, 0x10, 0x0A], // typeMeta cut off
        (byte[])[.. "k8s\0"u8, 0x08, 0x01], // typeMeta as a varint
        Convert.FromBase64String("azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiEKFwoBYxIAGgZ0ZWFtLWEiACoAMgA4AEIAEgYKAWESAWIaACIA")[..40], // cut off inside the ConfigMap
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Malformed_bodies_are_format_errors_and_400s(byte[] body)
    {
        Assert.Throws<ProtobufFormatException>(() => KubernetesProtobuf.Decode(body));
        Assert.Equal(400, Assert.Throws<StatusError>(() => RequestBody.Decode(body, MediaTypes.Protobuf)).Code);
    }

    [Fact]
    public void Random_bytes_after_the_prefix_never_escape_as_other_exceptions()
    {
        var random = new Random(42);
        var valid = Convert.FromBase64String((string)KubectlBodies.Skip(1).First()[1]);
        for (var i = 0; i < 2000; i++)
        {
            var body = (byte[])valid.Clone();
            for (var flips = 0; flips < 3; flips++)
            {
                body[4 + random.Next(body.Length - 4)] = (byte)random.Next(256);
            }

            try
            {
                KubernetesProtobuf.Decode(body);
            }
            catch (Exception e) when (e is ProtobufFormatException or UnsupportedProtobufTypeException)
            {
                // Expected for most mutations.
            }
        }
    }
}

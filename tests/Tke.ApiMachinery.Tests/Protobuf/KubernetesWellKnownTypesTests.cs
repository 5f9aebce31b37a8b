using System.Text;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Protobuf;

namespace Tke.ApiMachinery.Tests.Protobuf;

/// <summary>The apimachinery types with custom JSON forms, decoded through real core/v1 and meta/v1 messages.</summary>
public sealed class KubernetesWellKnownTypesTests
{
    private static JsonObject Decode(string message, ProtoBytes bytes) =>
        new ProtoJsonDecoder(ProtoSchemaRegistry.Kubernetes).Decode(message, bytes.ToArray());

    [Fact]
    public void Times_are_RFC3339_in_UTC_and_the_zero_time_is_left_out()
    {
        var meta = Decode("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta", new ProtoBytes()
            .String(1, "x")
            .Message(8, new ProtoBytes()) // creationTimestamp: Go's zero time
            .Message(9, new ProtoBytes().Varint(1, 1700000000L).Varint(2, 123456789L)));
        Assert.Equal("""{"name":"x","deletionTimestamp":"2023-11-14T22:13:20Z"}""", meta.ToJsonString());

        var event_ = Decode("k8s.io.api.core.v1.Event", new ProtoBytes().Message(10, new ProtoBytes().Varint(1, 1700000000L).Varint(2, 123456789L)));
        Assert.Equal("2023-11-14T22:13:20.123456Z", event_["eventTime"]!.GetValue<string>());
    }

    [Fact]
    public void Times_out_of_range_are_malformed() =>
        Assert.Throws<ProtobufFormatException>(() => Decode("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            new ProtoBytes().Message(9, new ProtoBytes().Varint(1, long.MaxValue))));

    [Fact]
    public void IntOrString_is_a_number_or_a_string()
    {
        var port = Decode("k8s.io.api.core.v1.ServicePort", new ProtoBytes()
            .Varint(3, 80L)
            .Message(4, new ProtoBytes().Varint(1, 0L).Varint(2, 8080L).String(3, "")));
        Assert.Equal("""{"port":80,"targetPort":8080}""", port.ToJsonString());

        var named = Decode("k8s.io.api.core.v1.ServicePort", new ProtoBytes().Message(4, new ProtoBytes().Varint(1, 1L).Varint(2, 0L).String(3, "http")));
        Assert.Equal("http", named["targetPort"]!.GetValue<string>());

        Assert.Throws<ProtobufFormatException>(() => Decode("k8s.io.api.core.v1.ServicePort", new ProtoBytes().Message(4, new ProtoBytes().Varint(1, 2L))));
    }

    [Fact]
    public void Quantities_are_their_strings()
    {
        var requirements = Decode("k8s.io.api.core.v1.ResourceRequirements", new ProtoBytes()
            .Message(1, new ProtoBytes().String(1, "cpu").Message(2, new ProtoBytes().String(1, "500m")))
            .Message(2, new ProtoBytes().String(1, "memory").Message(2, new ProtoBytes().String(1, "1Gi"))));
        Assert.Equal("""{"limits":{"cpu":"500m"},"requests":{"memory":"1Gi"}}""", requirements.ToJsonString());
    }

    [Fact]
    public void Raw_extensions_and_managed_fields_are_embedded_JSON()
    {
        var revision = Decode("k8s.io.api.apps.v1.ControllerRevision", new ProtoBytes()
            .Message(2, new ProtoBytes().Bytes(1, Encoding.UTF8.GetBytes("""{"spec":{"replicas":2}}""")))
            .Varint(3, 4L));
        Assert.Equal("""{"data":{"spec":{"replicas":2}},"revision":4}""", revision.ToJsonString());

        var entry = Decode("k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", new ProtoBytes()
            .String(1, "kubectl").Message(7, new ProtoBytes().Bytes(1, Encoding.UTF8.GetBytes("""{"f:data":{}}"""))));
        Assert.Equal("""{"manager":"kubectl","fieldsV1":{"f:data":{}}}""", entry.ToJsonString());

        Assert.Throws<ProtobufFormatException>(() => Decode("k8s.io.api.apps.v1.ControllerRevision",
            new ProtoBytes().Message(2, new ProtoBytes().Bytes(1, Encoding.UTF8.GetBytes("{not json")))));
    }

    [Fact]
    public void Verbs_are_a_plain_list()
    {
        var resource = Decode("k8s.io.apimachinery.pkg.apis.meta.v1.APIResource", new ProtoBytes()
            .String(1, "pods").Message(4, new ProtoBytes().String(1, "get").String(1, "list")));
        Assert.Equal("""["get","list"]""", resource["verbs"]!.ToJsonString());
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(999L, "999ns")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(2_000_000L, "2ms")]
    [InlineData(1_000_000_000L, "1s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(3_723_500_000_000L, "1h2m3.5s")]
    [InlineData(-1_500_000_000L, "-1.5s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void Durations_print_as_Go_does(long nanoseconds, string expected) => Assert.Equal(expected, GoDuration.Format(nanoseconds));

    [Fact]
    public void Inline_fields_of_core_types_flatten_into_their_parent()
    {
        var env = Decode("k8s.io.api.core.v1.EnvVarSource", new ProtoBytes()
            .Message(4, new ProtoBytes().Message(1, new ProtoBytes().String(1, "creds")).String(2, "password")));
        Assert.Equal("""{"secretKeyRef":{"name":"creds","key":"password"}}""", env.ToJsonString());

        var probe = Decode("k8s.io.api.core.v1.Probe", new ProtoBytes()
            .Message(1, new ProtoBytes().Message(1, new ProtoBytes().String(1, "true"))).Varint(2, 5L));
        Assert.Equal("""{"exec":{"command":["true"]},"initialDelaySeconds":5}""", probe.ToJsonString());
    }
}

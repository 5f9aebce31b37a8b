using Tke.ApiMachinery.Protobuf;

namespace Tke.ApiMachinery.Tests.Protobuf;

public sealed class ProtoSchemaParserTests
{
    private const string Sample = """
        /* Licence header. */
        syntax = "proto2";
        package example.v1;
        import "other/generated.proto";
        option go_package = "example/v1";

        // A comment with message Fake { in it.
        message Outer {
          message Inner {
            optional string text = 1;
          }
          enum Colour { RED = 0; GREEN = 1; }
          optional Inner inner = 1 [(gogoproto.nullable) = false, (gogoproto.embed) = true];
          repeated int32 numbers = 2 [packed = true];
          map<string, Inner> byName = 3;
          optional Colour colour = 4;
          optional .example.v1.Outer self = 5;
          reserved 9, 10;
          oneof choice {
            string a = 6;
            int64 b = 7;
          }
          required bytes data = 8;
        }
        """;

    [Fact]
    public void Parses_messages_fields_maps_enums_and_options()
    {
        var file = ProtoSchemaParser.Parse("sample.proto", Sample);
        Assert.Equal("example.v1", file.Package);
        Assert.Equal(["other/generated.proto"], file.Imports);
        Assert.Equal(["example.v1.Outer.Colour"], file.Enums);
        Assert.Equal(["example.v1.Outer.Inner", "example.v1.Outer"], file.Messages.Select(m => m.FullName));

        var outer = file.Messages[1];
        Assert.Equal(new ProtoField("inner", 1, ProtoLabel.Optional, "Inner", NotNullable: true, Embedded: true), outer.Field(1));
        Assert.Equal(new ProtoField("numbers", 2, ProtoLabel.Repeated, "int32"), outer.Field(2));
        Assert.Equal(new ProtoField("byName", 3, ProtoLabel.Repeated, "Inner", MapKeyType: "string"), outer.Field(3));
        Assert.Equal("a", outer.Field(6)!.Name);
        Assert.Equal(ProtoLabel.Required, outer.Field(8)!.Label);
    }

    [Fact]
    public void The_registry_resolves_names_from_the_innermost_scope_out()
    {
        var registry = ProtoSchemaRegistry.FromFiles([ProtoSchemaParser.Parse("sample.proto", Sample)]);
        var outer = registry.Message("example.v1.Outer")!;
        Assert.Equal("example.v1.Outer.Inner", outer.Field(1)!.TypeName);
        Assert.Equal("example.v1.Outer.Inner", outer.Field(3)!.TypeName);
        Assert.Equal("example.v1.Outer.Colour", outer.Field(4)!.TypeName);
        Assert.Equal("example.v1.Outer", outer.Field(5)!.TypeName);
        Assert.True(registry.IsEnum("example.v1.Outer.Colour"));
    }

    [Fact]
    public void An_unknown_type_reference_fails_loading()
    {
        var file = ProtoSchemaParser.Parse("bad.proto", "package p; message M { optional Missing m = 1; }");
        Assert.Contains("Missing", Assert.Throws<FormatException>(() => ProtoSchemaRegistry.FromFiles([file])).Message);
    }

    [Theory]
    [InlineData("message M { optional string a = 1; optional string b = 1; }")]
    [InlineData("message M { optional string a = 0; }")]
    [InlineData("message M { optional string a = 1 }")]
    [InlineData("message M { optional string a = 1;")]
    [InlineData("/* never closed")]
    public void Malformed_schemas_are_format_errors(string text) =>
        Assert.ThrowsAny<FormatException>(() => ProtoSchemaParser.Parse("bad.proto", text));

    [Fact]
    public void The_embedded_Kubernetes_schemas_load_with_every_reference_resolved()
    {
        var registry = ProtoSchemaRegistry.Kubernetes;
        foreach (var name in new[]
                 {
                     "k8s.io.api.core.v1.Pod", "k8s.io.api.core.v1.Namespace", "k8s.io.api.core.v1.ConfigMap", "k8s.io.api.core.v1.Secret",
                     "k8s.io.api.core.v1.Service", "k8s.io.api.apps.v1.Deployment", "k8s.io.api.apps.v1.StatefulSet", "k8s.io.api.batch.v1.Job",
                     "k8s.io.api.batch.v1.CronJob", "k8s.io.api.policy.v1.Eviction", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
                     "k8s.io.apimachinery.pkg.runtime.Unknown",
                 })
        {
            Assert.NotNull(registry.Message(name));
        }

        var deploymentSpec = registry.Message("k8s.io.api.apps.v1.DeploymentSpec")!;
        Assert.Equal("k8s.io.api.core.v1.PodTemplateSpec", deploymentSpec.Field(3)!.TypeName);
        Assert.False(deploymentSpec.Field(1)!.NotNullable); // replicas is *int32: an explicit 0 counts
        Assert.True(registry.Message("k8s.io.api.core.v1.Probe")!.Field(1)!.Embedded);
        Assert.Equal("string", registry.Message("k8s.io.api.core.v1.ConfigMap")!.Field(2)!.MapKeyType);
    }
}

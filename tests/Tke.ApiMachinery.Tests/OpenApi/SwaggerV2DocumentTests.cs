using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Tke.ApiMachinery.Tests.OpenApi;

public sealed class SwaggerV2DocumentTests
{
    private const string Gadget = "io.tkestack.test.v1.Gadget";
    private const string GadgetGvkYaml = "- group: test.tkestack.io\n  kind: Gadget\n  version: v1\n";

    private static readonly JsonObject Json = JsonNode.Parse(TestDocuments.Value.V2Json)!.AsObject();

    private static readonly ProtoMessage Protobuf = ProtoMessage.Parse(TestDocuments.Value.V2Protobuf);

    [Fact]
    public void JsonHasDefinitionsWithTheKindExtension()
    {
        Assert.Equal("2.0", (string?)Json["swagger"]);
        var definitions = Json["definitions"]!.AsObject();
        var gvk = Assert.Single(definitions[Gadget]!["x-kubernetes-group-version-kind"]!.AsArray())!;
        Assert.Equal("Gadget", (string?)gvk["kind"]);
        Assert.True(definitions.ContainsKey(Gadget + "List"));
        Assert.True(definitions.ContainsKey("io.tkestack.test.v1.Widget"));
    }

    [Fact]
    public void JsonReferencesPointIntoDefinitionsAndResolve()
    {
        var references = new List<string>();
        OpenApiV3DocumentTests.CollectReferences(Json, references);
        var definitions = Json["definitions"]!.AsObject();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.StartsWith("#/definitions/", reference);
            Assert.True(definitions.ContainsKey(reference["#/definitions/".Length..]), reference);
        }

        // Swagger 2.0 keeps a described reference's description beside the $ref, as Kubernetes' v2 does.
        var metadata = definitions[Gadget + "List"]!["properties"]!["metadata"]!;
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", (string?)metadata["$ref"]);
        Assert.Equal("Standard list metadata.", (string?)metadata["description"]);
    }

    [Fact]
    public void JsonPatchOperationHasABodyAndQueryParameters()
    {
        var patch = Json["paths"]!["/apis/test.tkestack.io/v1/gadgets/{name}"]!["patch"]!;
        var parameters = patch["parameters"]!.AsArray();
        var body = Assert.Single(parameters, p => (string?)p!["in"] == "body")!;
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", (string?)body["schema"]!["$ref"]);
        Assert.Contains(parameters, p => (string?)p!["name"] == "fieldValidation" && (string?)p["in"] == "query" && (string?)p["type"] == "string");
        Assert.Contains("application/strategic-merge-patch+json", patch["consumes"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("Gadget", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
    }

    [Fact]
    public void ProtobufDecodesAsASwaggerDocument()
    {
        Assert.Equal("2.0", Protobuf.String(1));
        var info = Protobuf.Message(2);
        Assert.Equal((string?)Json["info"]!["title"], info.String(1));
        Assert.Equal((string?)Json["info"]!["version"], info.String(2));
    }

    [Fact]
    public void ProtobufDefinitionsMatchTheJsonDefinitions()
    {
        var definitions = Definitions();
        Assert.Equal(Json["definitions"]!.AsObject().Select(d => d.Key), definitions.Keys);

        var gadgetProperties = definitions[Gadget].Message(25).Messages(1).Select(p => p.String(1));
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], gadgetProperties);
        Assert.Equal(["object"], definitions[Gadget].Message(22).Strings(1));
    }

    [Fact]
    public void ProtobufKindDefinitionCarriesTheGroupVersionKindExtensionAsYaml()
    {
        var extension = Assert.Single(Extensions(Definitions()[Gadget]), e => e.Name == "x-kubernetes-group-version-kind");
        Assert.Equal(GadgetGvkYaml, extension.Yaml);

        // kube-openapi reads the value back with a YAML parser into a list of group/kind/version maps.
        var parsed = new DeserializerBuilder().Build().Deserialize<List<Dictionary<string, string>>>(extension.Yaml);
        var gvk = Assert.Single(parsed);
        Assert.Equal(TestApiGroup.GroupName, gvk["group"]);
        Assert.Equal("Gadget", gvk["kind"]);
        Assert.Equal("v1", gvk["version"]);
    }

    [Fact]
    public void ProtobufListsCarryTheirPatchExtensions()
    {
        var definitions = Definitions();
        var spec = definitions[Gadget].Message(25).Messages(1).Single(p => p.String(1) == "spec").Message(2);
        var specName = spec.String(1)!["#/definitions/".Length..];
        var machines = definitions[specName].Message(25).Messages(1).Single(p => p.String(1) == "machines").Message(2);
        var extensions = Extensions(machines).ToDictionary(e => e.Name, e => e.Yaml);
        Assert.Equal("ip\n", extensions["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge\n", extensions["x-kubernetes-patch-strategy"]);
        Assert.Equal("- ip\n", extensions["x-kubernetes-list-map-keys"]);

        var displayName = definitions[specName].Message(25).Messages(1).Single(p => p.String(1) == "displayName").Message(2);
        Assert.Equal(63UL, displayName.Varint(11));
        Assert.Equal(1UL, displayName.Varint(12));
        var replicas = definitions[specName].Message(25).Messages(1).Single(p => p.String(1) == "replicas").Message(2);
        Assert.Equal(10d, replicas.Double(7));
        var type = definitions[specName].Message(25).Messages(1).Single(p => p.String(1) == "type").Message(2);
        Assert.Equal(["Baremetal\n", "Imported\n"], type.Messages(20).Select(a => a.String(2)));
    }

    /// <summary>
    /// Applies the rules kube-openapi's proto model builder enforces when kubectl loads /openapi/v2
    /// (a failure there makes kubectl create/apply fail): a $ref has no type or properties and names an
    /// existing definition, an array has exactly one item schema, a typed scalar has a known type.
    /// </summary>
    [Fact]
    public void ProtobufSchemasSatisfyKubectlsModelParser()
    {
        var definitions = Definitions();
        foreach (var (name, schema) in definitions)
        {
            CheckSchema(schema, name, definitions);
        }
    }

    [Fact]
    public void ProtobufPatchOperationsCarryTheFieldValidationQueryParameter()
    {
        var paths = Protobuf.Message(8).Messages(2).ToDictionary(p => p.String(1)!, p => p.Message(2));
        Assert.Equal(Json["paths"]!.AsObject().Select(p => p.Key), paths.Keys);

        var patch = paths["/apis/test.tkestack.io/v1/gadgets/{name}"].Message(8);
        Assert.Equal("patchTestTkestackIoV1Gadget", patch.String(5));
        var queryNames = patch.Messages(8)
            .Select(item => item.Message(1))
            .Where(parameter => parameter.OptionalMessage(2) is not null)
            .Select(parameter => parameter.Message(2).OptionalMessage(3))
            .OfType<ProtoMessage>()
            .Select(query => query.String(4))
            .ToList();
        Assert.Contains("fieldValidation", queryNames);
        Assert.Contains("dryRun", queryNames);

        var body = patch.Messages(8).Select(item => item.Message(1)).Single(parameter => parameter.OptionalMessage(1) is not null).Message(1);
        Assert.Equal("body", body.String(3));
        Assert.Equal(1UL, body.Varint(4));

        var extensions = Extensions(patch).ToDictionary(e => e.Name, e => e.Yaml);
        Assert.Equal("patch\n", extensions["x-kubernetes-action"]);
        Assert.Equal("group: test.tkestack.io\nkind: Gadget\nversion: v1\n", extensions["x-kubernetes-group-version-kind"]);

        var ok = patch.Message(9).Messages(1).Single(r => r.String(1) == "200").Message(2).Message(1);
        Assert.Equal("OK", ok.String(1));
        Assert.Equal("#/definitions/" + Gadget, ok.Message(2).Message(1).String(1));

        var nameParameter = paths["/apis/test.tkestack.io/v1/gadgets/{name}"].Messages(9)
            .Select(item => item.Message(1).Message(2).OptionalMessage(4))
            .OfType<ProtoMessage>()
            .Single();
        Assert.Equal("name", nameParameter.String(4));
        Assert.Equal(1UL, nameParameter.Varint(1));
    }

    private static Dictionary<string, ProtoMessage> Definitions() =>
        Protobuf.Message(9).Messages(1).ToDictionary(d => d.String(1)!, d => d.Message(2));

    /// <summary>The NamedAny vendor extensions of a Schema (field 31) or Operation (field 13).</summary>
    private static IEnumerable<(string Name, string Yaml)> Extensions(ProtoMessage message)
    {
        var field = message.FieldNumbers.Contains(31) ? 31 : 13;
        return message.Messages(field).Select(e => (e.String(1)!, e.Message(2).String(2)!));
    }

    private static void CheckSchema(ProtoMessage schema, string path, Dictionary<string, ProtoMessage> definitions)
    {
        var types = schema.OptionalMessage(22)?.Strings(1).ToList() ?? [];
        var reference = schema.String(1);
        if (reference is not null)
        {
            Assert.True(types.Count == 0, $"{path}: a reference has no type");
            Assert.True(schema.OptionalMessage(25) is null, $"{path}: a reference has no properties");
            Assert.StartsWith("#/definitions/", reference);
            Assert.True(definitions.ContainsKey(reference["#/definitions/".Length..]), $"{path}: unknown model {reference}");
            return;
        }

        Assert.True(types.Count <= 1, $"{path}: one type at most");
        var type = types.SingleOrDefault();
        switch (type)
        {
            case "object":
                foreach (var property in schema.OptionalMessage(25)?.Messages(1) ?? [])
                {
                    CheckSchema(property.Message(2), $"{path}.{property.String(1)}", definitions);
                }

                if (schema.OptionalMessage(21)?.OptionalMessage(1) is { } values)
                {
                    CheckSchema(values, path + "{}", definitions);
                }

                break;
            case "array":
                CheckSchema(Assert.Single(schema.Message(23).Messages(1)), path + "[]", definitions);
                break;
            case null:
                foreach (var property in schema.OptionalMessage(25)?.Messages(1) ?? [])
                {
                    CheckSchema(property.Message(2), $"{path}.{property.String(1)}", definitions);
                }

                break;
            default:
                Assert.Contains(type, new[] { "string", "number", "integer", "boolean" });
                break;
        }
    }
}

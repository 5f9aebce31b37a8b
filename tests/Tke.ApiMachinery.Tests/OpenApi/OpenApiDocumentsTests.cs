using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.OpenApi;

namespace Tke.ApiMachinery.Tests.OpenApi;

public sealed class OpenApiDocumentsTests
{
    [Fact]
    public void EachGroupVersionGetsItsOwnDocumentAndV2HoldsThemAll()
    {
        var documents = new OpenApiDocuments(new KindCatalog([new TestApiGroup(), new ConfigMapOnlyGroup("other.tkestack.io"), new ConfigMapOnlyGroup("")]));

        var index = JsonNode.Parse(documents.V3Index)!["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/other.tkestack.io/v1", "apis/test.tkestack.io/v1"], index.Select(p => p.Key));
        Assert.Equal(index.Select(p => p.Key), documents.V3Paths.Order(StringComparer.Ordinal));

        Assert.True(documents.TryGetV3("apis/other.tkestack.io/v1", out var otherJson, out _));
        var other = JsonNode.Parse(otherJson)!.AsObject();
        var otherSchemas = other["components"]!["schemas"]!.AsObject();
        Assert.True(otherSchemas.ContainsKey("io.tkestack.other.v1.ConfigMap"));
        Assert.False(otherSchemas.ContainsKey("io.tkestack.test.v1.Gadget"));
        Assert.All(other["paths"]!.AsObject(), p => Assert.StartsWith("/apis/other.tkestack.io/v1/", p.Key));

        // The legacy group is served under /api/v1 with Kubernetes' core names.
        Assert.True(documents.TryGetV3("api/v1", out var coreJson, out _));
        var core = JsonNode.Parse(coreJson)!.AsObject();
        Assert.True(core["components"]!["schemas"]!.AsObject().ContainsKey("io.k8s.api.core.v1.ConfigMap"));
        Assert.Equal("listCoreV1ConfigMap", (string?)core["paths"]!["/api/v1/configmaps"]!["get"]!["operationId"]);

        var definitions = JsonNode.Parse(documents.V2Json)!["definitions"]!.AsObject();
        Assert.True(definitions.ContainsKey("io.tkestack.other.v1.ConfigMap"));
        Assert.True(definitions.ContainsKey("io.tkestack.test.v1.ConfigMap"));
        Assert.True(definitions.ContainsKey("io.k8s.api.core.v1.ConfigMap"));
        Assert.True(definitions.ContainsKey("io.tkestack.test.v1.Gadget"));
    }

    [Fact]
    public void HashesAreUpperCaseSha512Hex()
    {
        var documents = TestDocuments.Value;
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(documents.V2Json)), documents.V2Hash);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(documents.V2Protobuf)), documents.V2ProtobufHash);
    }

    [Fact]
    public void ProtobufContentTypeIsParsableWhileTheAcceptedNameKeepsItsAtSign()
    {
        // client-go parses the response Content-Type with Go's mime package, which rejects '@'.
        Assert.DoesNotContain("@", OpenApiDocuments.ProtobufContentType);
        Assert.Equal("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", OpenApiDocuments.ProtobufDeprecatedMediaType);
    }

    private sealed class ConfigMapOnlyGroup(string name) : IApiGroup
    {
        public string Name => name;

        public string PreferredVersion => "v1";

        public IReadOnlyList<KindDefinition> Kinds { get; } = [new ConfigMapKind(name)];
    }
}

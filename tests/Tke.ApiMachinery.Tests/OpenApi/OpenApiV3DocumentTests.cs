using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Tests.OpenApi;

public sealed class OpenApiV3DocumentTests
{
    private const string GroupVersion = "apis/test.tkestack.io/v1";
    private const string Gadget = "io.tkestack.test.v1.Gadget";

    private static readonly JsonObject Document = LoadDocument();

    private static JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    private static JsonObject Paths => Document["paths"]!.AsObject();

    [Fact]
    public void IndexListsTheGroupVersionWithTheHashOfItsDocument()
    {
        var index = JsonNode.Parse(TestDocuments.Value.V3Index)!.AsObject();
        Assert.True(TestDocuments.Value.TryGetV3(GroupVersion, out var json, out var hash));

        var expected = Convert.ToHexString(SHA512.HashData(json));
        Assert.Equal(expected, hash);
        Assert.Equal(128, hash.Length);
        Assert.Equal(hash.ToUpperInvariant(), hash);
        Assert.Equal($"/openapi/v3/{GroupVersion}?hash={hash}", (string?)index["paths"]![GroupVersion]!["serverRelativeURL"]);
        Assert.Equal([GroupVersion], index["paths"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void TryGetV3AcceptsALeadingSlashAndRejectsUnknownGroupVersions()
    {
        Assert.True(TestDocuments.Value.TryGetV3("/" + GroupVersion, out _, out _));
        Assert.False(TestDocuments.Value.TryGetV3("apis/test.tkestack.io/v2", out var json, out var hash));
        Assert.Empty(json);
        Assert.Equal("", hash);
    }

    [Fact]
    public void DocumentIsOpenApi30()
    {
        Assert.Equal("3.0.0", (string?)Document["openapi"]);
        Assert.NotNull(Document["info"]!["title"]);
    }

    [Fact]
    public void KindSchemaCarriesItsGroupVersionKindAsAnArray()
    {
        var gvk = Assert.Single(Schemas[Gadget]!["x-kubernetes-group-version-kind"]!.AsArray());
        AssertGvk(gvk, "Gadget");
        AssertGvk(Assert.Single(Schemas["io.tkestack.test.v1.Widget"]!["x-kubernetes-group-version-kind"]!.AsArray()), "Widget");
        AssertGvk(Assert.Single(Schemas["io.tkestack.test.v1.ConfigMap"]!["x-kubernetes-group-version-kind"]!.AsArray()), "ConfigMap");
    }

    [Fact]
    public void ListSchemaRefersToItsItemsAndNamesTheListKind()
    {
        var list = Schemas[Gadget + "List"]!;
        AssertGvk(Assert.Single(list["x-kubernetes-group-version-kind"]!.AsArray()), "GadgetList");
        Assert.Equal("#/components/schemas/" + Gadget, (string?)list["properties"]!["items"]!["items"]!["$ref"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", (string?)list["properties"]!["metadata"]!["allOf"]![0]!["$ref"]);
        Assert.Contains("items", list["required"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public void MetaSchemasArePresent()
    {
        foreach (var name in new[] { "ObjectMeta", "OwnerReference", "ListMeta", "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "Patch" })
        {
            Assert.True(Schemas.ContainsKey("io.k8s.apimachinery.pkg.apis.meta.v1." + name), name);
        }
    }

    [Fact]
    public void EveryPatchOperationNamesItsKindAndInlinesDryRunAndFieldValidation()
    {
        // kubectl picks any PATCH operation of the kind and gives up if that one lacks the parameter.
        var patches = Paths.Select(p => p.Value!["patch"]).OfType<JsonObject>().ToList();
        Assert.Equal(4, patches.Count); // gadgets/{name}, gadgets/{name}/status, widgets/{name}, configmaps/{name}
        foreach (var patch in patches)
        {
            var gvk = patch["x-kubernetes-group-version-kind"]!.AsObject();
            Assert.Equal(TestApiGroup.GroupName, (string?)gvk["group"]);
            Assert.Equal("v1", (string?)gvk["version"]);
            Assert.Equal("patch", (string?)patch["x-kubernetes-action"]);
            var parameters = patch["parameters"]!.AsArray();
            foreach (var name in new[] { "dryRun", "fieldValidation", "fieldManager", "force" })
            {
                var parameter = Assert.Single(parameters, p => (string?)p!["name"] == name)!;
                Assert.Equal("query", (string?)parameter["in"]);
                Assert.Null(parameter["$ref"]);
            }

            var content = patch["requestBody"]!["content"]!.AsObject();
            Assert.Equal(
                ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"],
                content.Select(c => c.Key).Order(StringComparer.Ordinal));
            Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", (string?)content["application/apply-patch+yaml"]!["schema"]!["$ref"]);
        }

        var gadgetPatch = Paths["/apis/test.tkestack.io/v1/gadgets/{name}"]!["patch"]!;
        Assert.Equal("Gadget", (string?)gadgetPatch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("patchTestTkestackIoV1Gadget", (string?)gadgetPatch["operationId"]);
        Assert.Equal("#/components/schemas/" + Gadget, (string?)gadgetPatch["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void ClusterScopedKindHasCollectionItemAndStatusPaths()
    {
        var collection = Paths["/apis/test.tkestack.io/v1/gadgets"]!;
        Assert.Equal("list", (string?)collection["get"]!["x-kubernetes-action"]);
        Assert.Equal("post", (string?)collection["post"]!["x-kubernetes-action"]);
        Assert.Equal("deletecollection", (string?)collection["delete"]!["x-kubernetes-action"]);
        Assert.Equal("listTestTkestackIoV1Gadget", (string?)collection["get"]!["operationId"]);
        Assert.Equal("deleteTestTkestackIoV1CollectionGadget", (string?)collection["delete"]!["operationId"]);
        Assert.Equal(
            "#/components/schemas/" + Gadget + "List",
            (string?)collection["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);

        var item = Paths["/apis/test.tkestack.io/v1/gadgets/{name}"]!;
        Assert.Equal(["get", "put", "patch", "delete"], item.AsObject().Where(p => p.Key != "parameters").Select(p => (string?)p.Value!["x-kubernetes-action"]));
        var name = Assert.Single(item["parameters"]!.AsArray(), p => (string?)p!["name"] == "name")!;
        Assert.Equal("path", (string?)name["in"]);
        Assert.True((bool?)name["required"]);

        var status = Paths["/apis/test.tkestack.io/v1/gadgets/{name}/status"]!;
        Assert.Equal("readTestTkestackIoV1GadgetStatus", (string?)status["get"]!["operationId"]);
        Assert.NotNull(status["put"]);
        Assert.NotNull(status["patch"]);
    }

    [Fact]
    public void NamespacedKindHasNamespacedPathsAndAnAllNamespacesList()
    {
        var collection = Paths["/apis/test.tkestack.io/v1/namespaces/{namespace}/widgets"]!;
        Assert.Equal("listTestTkestackIoV1NamespacedWidget", (string?)collection["get"]!["operationId"]);
        Assert.Contains(collection["parameters"]!.AsArray(), p => (string?)p!["name"] == "namespace" && (string?)p["in"] == "path");

        var item = Paths["/apis/test.tkestack.io/v1/namespaces/{namespace}/widgets/{name}"]!;
        Assert.Equal("Widget", (string?)item["get"]!["x-kubernetes-group-version-kind"]!["kind"]);

        var all = Paths["/apis/test.tkestack.io/v1/widgets"]!.AsObject();
        Assert.Equal(["get", "parameters"], all.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("listTestTkestackIoV1WidgetForAllNamespaces", (string?)all["get"]!["operationId"]);

        Assert.False(Paths.ContainsKey("/apis/test.tkestack.io/v1/namespaces/{namespace}/widgets/{name}/status"));
        Assert.False(Paths.ContainsKey("/apis/test.tkestack.io/v1/configmaps/{name}/status"));
    }

    [Fact]
    public void OperationsCarryKubernetesQueryParameters()
    {
        var collection = Paths["/apis/test.tkestack.io/v1/gadgets"]!;
        Assert.Equal(
            ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"],
            ParameterNames(collection["get"]!));
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation"], ParameterNames(collection["post"]!));
        Assert.Contains("propagationPolicy", ParameterNames(collection["delete"]!));
        Assert.Contains("labelSelector", ParameterNames(collection["delete"]!));

        var item = Paths["/apis/test.tkestack.io/v1/gadgets/{name}"]!;
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation"], ParameterNames(item["put"]!));
        Assert.Equal(["dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"], ParameterNames(item["delete"]!));
        Assert.Equal("integer", (string?)item["delete"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "gracePeriodSeconds")!["schema"]!["type"]);
        Assert.Equal(
            "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
            (string?)item["delete"]!["requestBody"]!["content"]!["*/*"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void ListsCarryTheirMergeExtensions()
    {
        var machines = SpecProperty("machines");
        Assert.Equal("array", (string?)machines["type"]);
        Assert.Equal("ip", (string?)machines["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)machines["x-kubernetes-patch-strategy"]);
        Assert.Equal("map", (string?)machines["x-kubernetes-list-type"]);
        Assert.Equal(["ip"], machines["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string?)k));
        Assert.StartsWith("#/components/schemas/", (string?)machines["items"]!["$ref"]);

        var tags = SpecProperty("tags");
        Assert.Equal("set", (string?)tags["x-kubernetes-list-type"]);
        Assert.Equal("merge", (string?)tags["x-kubernetes-patch-strategy"]);

        var meta = Schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!;
        Assert.Equal("uid", (string?)meta["ownerReferences"]!["x-kubernetes-patch-merge-key"]);
        Assert.Equal("set", (string?)meta["finalizers"]!["x-kubernetes-list-type"]);
    }

    [Fact]
    public void PropertyConstraintsAreWritten()
    {
        var spec = SpecSchema();
        Assert.Equal(["displayName"], spec["required"]!.AsArray().Select(r => (string?)r));

        var displayName = SpecProperty("displayName");
        Assert.Equal("string", (string?)displayName["type"]);
        Assert.Equal(63, (int?)displayName["maxLength"]);
        Assert.Equal(1, (int?)displayName["minLength"]);
        Assert.Equal("Name shown in the console.", (string?)displayName["description"]);

        Assert.Equal(["Baremetal", "Imported"], SpecProperty("type")["enum"]!.AsArray().Select(e => (string?)e));
        Assert.Equal("^[a-z]+$", (string?)SpecProperty("code")["pattern"]);

        var replicas = SpecProperty("replicas");
        Assert.Equal("integer", (string?)replicas["type"]);
        Assert.Equal("int32", (string?)replicas["format"]);
        Assert.Equal(0, (double?)replicas["minimum"]);
        Assert.Equal(10, (double?)replicas["maximum"]);

        var port = SpecProperty("port");
        Assert.True((bool?)port["x-kubernetes-int-or-string"]);
        Assert.Null(port["type"]);

        var properties = SpecProperty("properties");
        Assert.Equal("object", (string?)properties["type"]);
        Assert.Equal("string", (string?)properties["additionalProperties"]!["type"]);

        var extra = SpecProperty("extra");
        Assert.Equal("object", (string?)extra["type"]);
        Assert.True((bool?)extra["x-kubernetes-preserve-unknown-fields"]);

        var anything = SpecProperty("anything");
        Assert.Null(anything["type"]);
        Assert.True((bool?)anything["x-kubernetes-preserve-unknown-fields"]);
    }

    [Fact]
    public void AReferenceWithItsOwnDescriptionIsWrappedInAllOf()
    {
        var parent = SpecProperty("parent");
        Assert.Equal("The machine this gadget hangs off.", (string?)parent["description"]);
        var reference = (string?)Assert.Single(parent["allOf"]!.AsArray())!["$ref"];
        Assert.NotNull(reference);

        // The shared definition keeps the type's own description.
        var machine = Schemas[reference["#/components/schemas/".Length..]]!;
        Assert.Equal("A machine of a gadget.", (string?)machine["description"]);
        Assert.Equal(["ip"], machine["required"]!.AsArray().Select(r => (string?)r));

        // A type without a description of its own keeps none; the property's description goes on an allOf wrapper.
        var spec = Schemas[Gadget]!["properties"]!["spec"]!;
        Assert.Equal("Desired state.", (string?)spec["description"]);
        var specReference = (string)Assert.Single(spec["allOf"]!.AsArray())!["$ref"]!;
        Assert.Null(Schemas[specReference["#/components/schemas/".Length..]]!["description"]);

        // Even with the type's own description the property is wrapped, as Kubernetes does for metadata.
        var metadata = Schemas[Gadget]!["properties"]!["metadata"]!;
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)metadata["allOf"]![0]!["$ref"]);
        Assert.NotNull((string?)metadata["description"]);
    }

    [Fact]
    public void EveryReferenceResolvesToAComponentSchema()
    {
        var references = new List<string>();
        CollectReferences(Document, references);
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.StartsWith("#/components/schemas/", reference);
            Assert.True(Schemas.ContainsKey(reference["#/components/schemas/".Length..]), reference);
        }
    }

    [Fact]
    public void DocumentsAreBuiltOnceAndCached()
    {
        Assert.True(TestDocuments.Value.TryGetV3(GroupVersion, out var first, out _));
        Assert.True(TestDocuments.Value.TryGetV3(GroupVersion, out var second, out _));
        Assert.Same(first, second);
        Assert.Same(TestDocuments.Value.V2Protobuf, TestDocuments.Value.V2Protobuf);
    }

    internal static void CollectReferences(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref")
                    {
                        references.Add((string)value!);
                    }
                    else
                    {
                        CollectReferences(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectReferences(item, references);
                }

                break;
        }
    }

    private static JsonObject LoadDocument()
    {
        Assert.True(TestDocuments.Value.TryGetV3(GroupVersion, out var json, out _));
        return JsonNode.Parse(json)!.AsObject();
    }

    private static JsonObject SpecSchema()
    {
        var spec = Schemas[Gadget]!["properties"]!["spec"]!;
        var reference = (string)(spec["$ref"] ?? spec["allOf"]![0]!["$ref"])!;
        return Schemas[reference["#/components/schemas/".Length..]]!.AsObject();
    }

    private static JsonObject SpecProperty(string name) => SpecSchema()["properties"]![name]!.AsObject();

    private static IEnumerable<string?> ParameterNames(JsonNode operation) =>
        operation["parameters"]!.AsArray().Select(p => (string?)p!["name"]).Order(StringComparer.Ordinal);

    private static void AssertGvk(JsonNode? gvk, string kind)
    {
        Assert.Equal(TestApiGroup.GroupName, (string?)gvk!["group"]);
        Assert.Equal("v1", (string?)gvk["version"]);
        Assert.Equal(kind, (string?)gvk["kind"]);
    }
}

using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>Kubernetes object semantics over raw HTTP: status subresource, generation,
/// deletecollection, field validation modes, generated names and the console path prefixes.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class ObjectSemanticsTests(TkeServerFixture server)
{
    private ResourceClient Clusters => ResourceClient.Clusters(server.Server);

    [Fact]
    public async Task Status_subresource_changes_only_status_and_the_main_resource_only_the_rest()
    {
        const string name = "cls-e2estatusput";
        var created = await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name, "original"));

        var statusWrite = created.DeepClone();
        statusWrite["status"] = new JsonObject { ["phase"] = "Running", ["version"] = "1.20.4" };
        statusWrite["spec"]!["displayName"] = "ignored-by-status";
        statusWrite["metadata"]!["labels"] = new JsonObject { ["ignored"] = "by-status" };
        var afterStatus = (await Clusters.UpdateAsync(name, statusWrite, "status")).Expect(200).Object;

        Assert.Equal("Running", (string?)afterStatus["status"]!["phase"]);
        Assert.Equal("original", (string?)afterStatus["spec"]!["displayName"]);
        Assert.Null(afterStatus["metadata"]!["labels"]?["ignored"]);

        var mainWrite = afterStatus.DeepClone();
        mainWrite["status"]!["phase"] = "Failed";
        mainWrite["spec"]!["displayName"] = "changed-by-put";
        var afterMain = (await Clusters.UpdateAsync(name, mainWrite)).Expect(200).Object;

        Assert.Equal("Running", (string?)afterMain["status"]!["phase"]);
        Assert.Equal("changed-by-put", (string?)afterMain["spec"]!["displayName"]);
        var stored = (await Clusters.GetAsync(name)).Expect(200).Object;
        Assert.Equal("Running", (string?)stored["status"]!["phase"]);
        Assert.Equal("changed-by-put", (string?)stored["spec"]!["displayName"]);
    }

    [Fact]
    public async Task Generation_increments_on_spec_changes_only()
    {
        const string name = "cls-e2egeneration";
        var created = await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name));
        Assert.Equal(1, (long?)created["metadata"]!["generation"]);

        var labeled = (await Clusters.MergePatchAsync(name, JsonNode.Parse("""{"metadata":{"labels":{"touched":"yes"}}}""")!)).Expect(200);
        Assert.Equal(1, (long?)labeled.Object["metadata"]!["generation"]);
        Assert.NotEqual((string?)created["metadata"]!["resourceVersion"], labeled.ResourceVersion);

        var status = labeled.Object.DeepClone();
        status["status"] = new JsonObject { ["phase"] = "Running" };
        var afterStatus = (await Clusters.UpdateAsync(name, status, "status")).Expect(200);
        Assert.Equal(1, (long?)afterStatus.Object["metadata"]!["generation"]);

        var specChanged = (await Clusters.MergePatchAsync(name, JsonNode.Parse("""{"spec":{"displayName":"new-spec"}}""")!)).Expect(200);
        Assert.Equal(2, (long?)specChanged.Object["metadata"]!["generation"]);

        // Writing the same object again is a no-op: same resourceVersion, same generation.
        var again = (await Clusters.MergePatchAsync(name, JsonNode.Parse("""{"spec":{"displayName":"new-spec"}}""")!)).Expect(200);
        Assert.Equal(specChanged.ResourceVersion, again.ResourceVersion);
        Assert.Equal(2, (long?)again.Object["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Delete_collection_removes_the_selected_objects_only()
    {
        foreach (var name in new[] { "cls-e2edelcola", "cls-e2edelcolb", "cls-e2edelcolc" })
        {
            await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name, labels: ClusterManifest.Label("e2e", "delcol")));
        }

        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2edelcolkeep", labels: ClusterManifest.Label("e2e", "delcolkeep")));

        var response = (await Clusters.DeleteCollectionAsync("?labelSelector=e2e%3Ddelcol")).Expect(200);

        Assert.Equal("ClusterList", (string?)response.Json!["kind"]);
        Assert.Equal(["cls-e2edelcola", "cls-e2edelcolb", "cls-e2edelcolc"], response.ItemNames.Order(StringComparer.Ordinal));
        Assert.Empty((await Clusters.ListAsync("?labelSelector=e2e%3Ddelcol")).Expect(200).ItemNames);
        Assert.Equal(["cls-e2edelcolkeep"], (await Clusters.ListAsync("?labelSelector=e2e%3Ddelcolkeep")).Expect(200).ItemNames);
    }

    [Fact]
    public async Task Field_validation_strict_rejects_warn_warns_and_ignore_drops_unknown_fields()
    {
        JsonObject WithUnknownField(string name)
        {
            var body = ClusterManifest.Json(name);
            body["spec"]!["foo"] = "bar";
            return body;
        }

        var strict = (await Clusters.CreateAsync(WithUnknownField("cls-e2estrict"), "?fieldValidation=Strict")).Expect(400);
        Assert.Contains("unknown field \"spec.foo\"", (string?)strict.Json!["message"]);
        (await Clusters.GetAsync("cls-e2estrict")).Expect(404);

        var warn = (await Clusters.CreateAsync(WithUnknownField("cls-e2ewarn"), "?fieldValidation=Warn")).Expect(201);
        // RFC 7234 warning: 299 - "<text with inner quotes escaped>".
        var warning = Assert.Single(warn.Message.Headers.TryGetValues("Warning", out var warnings) ? warnings : []);
        Assert.Equal("299 - \"unknown field \\\"spec.foo\\\"\"", warning);
        Assert.Null(warn.Object["spec"]!["foo"]);

        var ignore = (await Clusters.CreateAsync(WithUnknownField("cls-e2eignore"), "?fieldValidation=Ignore")).Expect(201);
        Assert.False(ignore.Message.Headers.Contains("Warning"));
        Assert.Null(ignore.Object["spec"]!["foo"]);
    }

    [Fact]
    public async Task Dry_run_create_returns_the_object_without_storing_it()
    {
        var revision = (await Clusters.ListAsync()).Expect(200).ResourceVersion;

        var response = (await Clusters.CreateAsync(ClusterManifest.Json("cls-e2edryrunapi"), "?dryRun=All")).Expect(201);

        Assert.Equal("cls-e2edryrunapi", (string?)response.Object["metadata"]!["name"]);
        (await Clusters.GetAsync("cls-e2edryrunapi")).Expect(404);
        Assert.Equal(revision, (await Clusters.ListAsync()).Expect(200).ResourceVersion);
    }

    [Fact]
    public async Task Objects_without_a_name_get_the_kind_prefix()
    {
        var cluster = ClusterManifest.Json("unused");
        cluster["metadata"]!.AsObject().Remove("name");
        var createdCluster = await Clusters.CreateExpectingSuccessAsync(cluster);
        Assert.Matches("^cls-[a-z0-9]+$", (string?)createdCluster["metadata"]!["name"]);

        var project = new JsonObject
        {
            ["apiVersion"] = "business.tkestack.io/v1",
            ["kind"] = "Project",
            ["metadata"] = new JsonObject(),
            ["spec"] = new JsonObject { ["displayName"] = "e2e project", ["tenantID"] = ClusterManifest.TenantId },
        };
        var createdProject = await ResourceClient.Projects(server.Server).CreateExpectingSuccessAsync(project);
        Assert.Matches("^prj-[a-z0-9]+$", (string?)createdProject["metadata"]!["name"]);
    }

    [Fact]
    public async Task Imported_cluster_without_a_credential_is_refused_and_not_stored()
    {
        // TKEStack's import sends the API server address in status.addresses on create; the
        // platform connects before accepting it, which needs the cluster's credential.
        var body = new JsonObject
        {
            ["apiVersion"] = ClusterManifest.ApiVersion,
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = "cls-e2eimported" },
            ["spec"] = new JsonObject { ["tenantID"] = ClusterManifest.TenantId, ["displayName"] = "imported", ["type"] = "Imported" },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Advertise", ["host"] = "10.0.0.1", ["port"] = 6443 }),
            },
        };

        var refused = (await Clusters.CreateAsync(body)).Expect(422);

        Assert.Contains("spec.clusterCredentialRef", refused.CauseFields);
        (await Clusters.GetAsync("cls-e2eimported")).Expect(404);
    }

    [Fact]
    public async Task Platform_and_business_prefixes_serve_the_same_api()
    {
        const string name = "cls-e2eprefix";
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name, "via-prefix"));

        var direct = (await Clusters.GetAsync(name)).Expect(200);
        var prefixed = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/platform/apis/platform.tkestack.io/v1/clusters/" + name, null, server.Server.Output)).Expect(200);
        Assert.Equal(direct.Text, prefixed.Text);

        var prefixedList = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/platform/apis/platform.tkestack.io/v1/clusters?fieldSelector=metadata.name%3D" + name, null, server.Server.Output)).Expect(200);
        Assert.Equal([name], prefixedList.ItemNames);

        var prefixedPatch = (await ResourceClient.SendAsync(server.Http, HttpMethod.Patch, "/platform/apis/platform.tkestack.io/v1/clusters/" + name, ResourceClient.Content("""{"spec":{"displayName":"patched-via-prefix"}}""", "application/merge-patch+json"), server.Server.Output)).Expect(200);
        Assert.Equal("patched-via-prefix", (string?)prefixedPatch.Object["spec"]!["displayName"]);

        (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/business/apis/business.tkestack.io/v1/projects", null, server.Server.Output)).Expect(200);
        (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/platform/apis", null, server.Server.Output)).Expect(200);
    }
}

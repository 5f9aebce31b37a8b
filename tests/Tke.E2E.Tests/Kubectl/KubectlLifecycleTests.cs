using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>Deletion with finalizers, server-side dry runs, paged lists and deleting by label.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlLifecycleTests(TkeServerFixture server)
{
    [Fact]
    public async Task Delete_of_an_object_with_a_finalizer_waits_until_the_finalizer_is_removed()
    {
        const string name = "cls-e2efinalizer";
        var manifest = ClusterManifest.Json(name);
        manifest["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        (await server.KubectlWithInput(manifest.ToJsonString(), "create", "-f", "-")).EnsureSuccess();

        var deleted = (await server.Kubectl("delete", "cluster", name, "--wait=false")).EnsureSuccess();
        Assert.Contains($"\"{name}\" deleted", deleted.Stdout);

        var terminating = await server.GetClusterAsync(name);
        Assert.NotNull((string?)terminating["metadata"]!["deletionTimestamp"]);
        Assert.Equal(["example.com/hold"], terminating["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f ?? "").ToList());

        // Deleting again changes nothing while the finalizer holds the object.
        (await server.Kubectl("delete", "cluster", name, "--wait=false")).EnsureSuccess();
        Assert.Equal((string?)terminating["metadata"]!["resourceVersion"], await server.JsonPathAsync(name, "{.metadata.resourceVersion}"));

        (await server.Kubectl("patch", "cluster", name, "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""")).EnsureSuccess();

        await server.AssertClusterIsGoneAsync(name);
    }

    [Fact]
    public async Task Server_dry_run_of_create_patch_and_delete_changes_nothing()
    {
        const string name = "cls-e2edryrun";
        var clusters = ResourceClient.Clusters(server.Server);
        var revisionBefore = (await clusters.ListAsync()).Expect(200).ResourceVersion;

        var dryCreate = (await server.KubectlWithInput(ClusterManifest.Yaml(name), "create", "--dry-run=server", "-f", "-")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name} created (server dry run)", dryCreate.Stdout.Trim());
        await server.AssertClusterIsGoneAsync(name);
        Assert.Equal(revisionBefore, (await clusters.ListAsync()).Expect(200).ResourceVersion);

        await server.CreateClusterAsync(name, "dry-run-original");
        var stored = await server.GetClusterAsync(name);

        (await server.Kubectl("patch", "cluster", name, "--dry-run=server", "--type=merge", "-p", """{"spec":{"displayName":"dry-run-patched"}}""")).EnsureSuccess();
        var dryDelete = (await server.Kubectl("delete", "cluster", name, "--dry-run=server")).EnsureSuccess();
        Assert.Contains("deleted (server dry run)", dryDelete.Stdout);

        var after = await server.GetClusterAsync(name);
        Assert.Equal((string?)stored["metadata"]!["resourceVersion"], (string?)after["metadata"]!["resourceVersion"]);
        Assert.Equal("dry-run-original", (string?)after["spec"]!["displayName"]);
    }

    [Fact]
    public async Task Get_with_a_chunk_size_pages_through_all_objects()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"cls-e2epage{i:D2}").ToList();
        var created = (await server.KubectlWithInput(ClusterManifest.YamlStream(names, ClusterManifest.Label("e2e", "paging")), "create", "-f", "-")).EnsureSuccess();
        Assert.Equal(25, created.Lines.Count(l => l.EndsWith(" created", StringComparison.Ordinal)));

        // -v=6 logs each request, which shows that kubectl really asked for pages of 7.
        var paged = (await server.Kubectl("get", "clusters", "-l", "e2e=paging", "--chunk-size=7", "-v=6")).EnsureSuccess();
        var rows = ColumnarOutput.Parse(paged.Stdout).Rows.Select(r => r["NAME"]).ToList();
        Assert.Equal(names, rows.Order(StringComparer.Ordinal));
        Assert.Contains("limit=7", paged.Stderr);
        Assert.Contains("continue=", paged.Stderr);

        // The same through the API: 7 items and a continue token per page, none on the last.
        var clusters = ResourceClient.Clusters(server.Server);
        var seen = new List<string>();
        var pages = new List<int>();
        var query = "?labelSelector=e2e%3Dpaging&limit=7";
        while (true)
        {
            var page = (await clusters.ListAsync(query)).Expect(200);
            seen.AddRange(page.ItemNames);
            pages.Add(page.ItemNames.Count);
            var token = (string?)page.Json!["metadata"]!["continue"];
            if (string.IsNullOrEmpty(token))
            {
                break;
            }

            query = "?labelSelector=e2e%3Dpaging&limit=7&continue=" + Uri.EscapeDataString(token);
        }

        Assert.Equal([7, 7, 7, 4], pages);
        Assert.Equal(names, seen);
    }

    [Fact]
    public async Task Delete_by_label_removes_only_the_matching_objects()
    {
        foreach (var name in new[] { "cls-e2edellabela", "cls-e2edellabelb", "cls-e2edellabelc" })
        {
            await server.CreateClusterAsync(name, labels: ClusterManifest.Label("e2e", "dellabel"));
        }

        await server.CreateClusterAsync("cls-e2edellabelkeep", labels: ClusterManifest.Label("e2e", "dellabelkeep"));

        var result = (await server.Kubectl("delete", "clusters", "-l", "e2e=dellabel")).EnsureSuccess();

        Assert.Equal(3, result.Lines.Count(l => l.EndsWith(" deleted", StringComparison.Ordinal)));
        Assert.Empty(await server.ClusterNamesAsync("-l", "e2e=dellabel"));
        Assert.Equal(["cls-e2edellabelkeep"], await server.ClusterNamesAsync("-l", "e2e=dellabelkeep"));
    }
}

using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>label, annotate, edit and the three patch types.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlModifyTests(TkeServerFixture server)
{
    [Fact]
    public async Task Label_then_select_by_label_then_remove_the_label()
    {
        await server.CreateClusterAsync("cls-e2elabelprod", labels: ClusterManifest.Label("e2e", "label"));
        await server.CreateClusterAsync("cls-e2elabelother", labels: ClusterManifest.Label("e2e", "label"));

        var labeled = (await server.Kubectl("label", "cluster", "cls-e2elabelprod", "env=prod")).EnsureSuccess();
        Assert.Equal("cluster.platform.tkestack.io/cls-e2elabelprod labeled", labeled.Stdout.Trim());
        Assert.Equal(["cls-e2elabelprod"], await server.ClusterNamesAsync("-l", "e2e=label,env=prod"));
        Assert.Equal(["cls-e2elabelother"], await server.ClusterNamesAsync("-l", "e2e=label,env!=prod"));

        var unlabeled = (await server.Kubectl("label", "cluster", "cls-e2elabelprod", "env-")).EnsureSuccess();
        Assert.Equal("cluster.platform.tkestack.io/cls-e2elabelprod unlabeled", unlabeled.Stdout.Trim());
        Assert.Empty(await server.ClusterNamesAsync("-l", "e2e=label,env=prod"));
        Assert.Equal("label", await server.JsonPathAsync("cls-e2elabelprod", "{.metadata.labels.e2e}"));
    }

    [Fact]
    public async Task Annotate_sets_overwrites_and_removes_an_annotation()
    {
        const string name = "cls-e2eannotate";
        await server.CreateClusterAsync(name);

        (await server.Kubectl("annotate", "cluster", name, "example.com/note=first")).EnsureSuccess();
        Assert.Equal("first", await server.JsonPathAsync(name, "{.metadata.annotations.example\\.com/note}"));

        // Changing an existing annotation needs --overwrite, as with kube-apiserver.
        (await server.Kubectl("annotate", "cluster", name, "example.com/note=second")).EnsureFailure();
        (await server.Kubectl("annotate", "cluster", name, "--overwrite", "example.com/note=second")).EnsureSuccess();
        Assert.Equal("second", await server.JsonPathAsync(name, "{.metadata.annotations.example\\.com/note}"));

        (await server.Kubectl("annotate", "cluster", name, "example.com/note-")).EnsureSuccess();
        var cluster = await server.GetClusterAsync(name);
        Assert.Null(cluster["metadata"]!["annotations"]?["example.com/note"]);
    }

    [Fact]
    public async Task Edit_applies_the_changes_the_editor_makes()
    {
        const string name = "cls-e2eedit";
        await server.CreateClusterAsync(name, "before-edit");
        var editor = Path.Combine(server.Server.DataDir, "edit-display-name.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nexec sed -i 's/displayName: before-edit/displayName: after-edit/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = (await server.Server.Kubectl.RunAsync(["edit", "cluster", name], stdin: null, new Dictionary<string, string> { ["KUBE_EDITOR"] = editor, ["EDITOR"] = editor })).EnsureSuccess();

        Assert.Equal($"cluster.platform.tkestack.io/{name} edited", result.Stdout.Trim());
        Assert.Equal("after-edit", await server.JsonPathAsync(name, "{.spec.displayName}"));
        Assert.Equal("2", await server.JsonPathAsync(name, "{.metadata.generation}"));
    }

    [Fact]
    public async Task Patch_with_a_merge_patch_changes_the_field()
    {
        const string name = "cls-e2emergepatch";
        await server.CreateClusterAsync(name, "before-merge");

        var result = (await server.Kubectl("patch", "cluster", name, "--type=merge", "-p", """{"spec":{"displayName":"after-merge"}}""")).EnsureSuccess();

        Assert.Equal($"cluster.platform.tkestack.io/{name} patched", result.Stdout.Trim());
        Assert.Equal("after-merge", await server.JsonPathAsync(name, "{.spec.displayName}"));
        Assert.Equal("10.244.0.0/16", await server.JsonPathAsync(name, "{.spec.clusterCIDR}"));
    }

    [Fact]
    public async Task Patch_with_a_json_patch_applies_each_operation()
    {
        const string name = "cls-e2ejsonpatch";
        await server.CreateClusterAsync(name, "before-json");

        (await server.Kubectl("patch", "cluster", name, "--type=json", "-p",
            """[{"op":"test","path":"/spec/displayName","value":"before-json"},{"op":"replace","path":"/spec/displayName","value":"after-json"},{"op":"add","path":"/metadata/labels","value":{"patched":"json"}}]""")).EnsureSuccess();

        Assert.Equal("after-json", await server.JsonPathAsync(name, "{.spec.displayName}"));
        Assert.Equal("json", await server.JsonPathAsync(name, "{.metadata.labels.patched}"));

        // A failing test operation rejects the whole patch.
        var failed = (await server.Kubectl("patch", "cluster", name, "--type=json", "-p",
            """[{"op":"test","path":"/spec/displayName","value":"wrong"},{"op":"replace","path":"/spec/displayName","value":"never"}]""")).EnsureFailure();
        Assert.Contains("/spec/displayName", failed.Stderr);
        Assert.Equal("after-json", await server.JsonPathAsync(name, "{.spec.displayName}"));
    }

    [Fact]
    public async Task Patch_by_default_is_a_strategic_merge_that_keeps_other_map_entries()
    {
        const string name = "cls-e2estrategic";
        await server.CreateClusterAsync(name, labels: ClusterManifest.Label("first", "1"));

        (await server.Kubectl("patch", "cluster", name, "-p", """{"metadata":{"labels":{"second":"2"}},"spec":{"displayName":"strategic"}}""")).EnsureSuccess();

        var cluster = await server.GetClusterAsync(name);
        Assert.Equal("1", (string?)cluster["metadata"]!["labels"]!["first"]);
        Assert.Equal("2", (string?)cluster["metadata"]!["labels"]!["second"]);
        Assert.Equal("strategic", (string?)cluster["spec"]!["displayName"]);
    }

    [Fact]
    public async Task Strategic_patch_of_the_status_subresource_merges_conditions_by_type()
    {
        const string name = "cls-e2estatuspatch";
        await server.CreateClusterAsync(name);

        (await server.Kubectl("patch", "cluster", name, "--subresource=status", "-p", """{"status":{"phase":"Running","conditions":[{"type":"EnsureA","status":"True"}]}}""")).EnsureSuccess();
        (await server.Kubectl("patch", "cluster", name, "--subresource=status", "-p", """{"status":{"conditions":[{"type":"EnsureB","status":"False"}]}}""")).EnsureSuccess();

        var status = (await server.GetClusterAsync(name))["status"]!;
        Assert.Equal("Running", (string?)status["phase"]);
        var conditions = status["conditions"]!.AsArray().Select(c => ((string?)c!["type"], (string?)c["status"])).OrderBy(c => c.Item1).ToList();
        Assert.Equal([("EnsureA", "True"), ("EnsureB", "False")], conditions);

        // A merge patch replaces the list instead.
        (await server.Kubectl("patch", "cluster", name, "--subresource=status", "--type=merge", "-p", """{"status":{"conditions":[{"type":"EnsureC","status":"Unknown"}]}}""")).EnsureSuccess();
        var replaced = (await server.GetClusterAsync(name))["status"]!["conditions"]!.AsArray();
        Assert.Equal("EnsureC", (string?)Assert.Single(replaced)!["type"]);
    }

    [Fact]
    public async Task Patch_of_the_main_resource_cannot_change_status()
    {
        const string name = "cls-e2estatusguard";
        await server.CreateClusterAsync(name);

        (await server.Kubectl("patch", "cluster", name, "--type=merge", "-p", """{"spec":{"displayName":"changed"},"status":{"phase":"Failed"}}""")).EnsureSuccess();

        var cluster = await server.GetClusterAsync(name);
        Assert.Equal("changed", (string?)cluster["spec"]!["displayName"]);
        Assert.Null(cluster["status"]?["phase"]);
    }
}

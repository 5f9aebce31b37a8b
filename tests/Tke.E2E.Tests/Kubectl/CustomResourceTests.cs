using System.Text.Json.Nodes;
using Tke.E2E.Tests.Clusters;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>
/// CustomResourceDefinitions on the simulated cluster with the real kubectl: a definition is applied,
/// becomes established, and its resources are served, printed, explained, patched, watched and deleted
/// as on a real cluster; bad definitions and bad resources are refused with kube-apiserver's messages.
/// </summary>
public sealed class CustomResourceTests(CustomResourceCluster cluster) : IClassFixture<CustomResourceCluster>
{
    private KubectlRunner Kubectl => cluster.Kubectl;

    private static string NewGroup() => $"g{Guid.NewGuid():N}"[..12] + ".example.com";

    private async Task DefineAsync(string group)
    {
        (await Kubectl.RunWithInputAsync(CustomResourceManifests.Definition(group), "apply", "-f", "-")).EnsureSuccess();
        (await Kubectl.RunAsync("wait", "--for=condition=Established", "--timeout=30s", $"crd/crontabs.{group}")).EnsureSuccess();
    }

    private async Task<KubectlResult> ApplyCronTabAsync(string group, string name, string spec, string labels = "{}") =>
        await Kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(group, name, spec, labels), "apply", "-f", "-");

    [Fact]
    public async Task A_definition_is_established_and_its_resources_are_served_printed_and_explained()
    {
        var group = NewGroup();
        await DefineAsync(group);
        var crd = JsonNode.Parse((await Kubectl.RunAsync("get", "crd", $"crontabs.{group}", "-o", "json")).EnsureSuccess().Stdout)!;
        var accepted = crd["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "NamesAccepted")!;
        Assert.Equal("True", (string?)accepted["status"]);
        Assert.Equal("crontabs", (string?)crd["status"]!["acceptedNames"]!["plural"]);

        Assert.Contains($"crontab.{group}/nightly created", (await ApplyCronTabAsync(group, "nightly", "  cronSpec: '0 3 * * *'\n  image: backup", "{team: a}")).EnsureSuccess().Stdout);
        (await ApplyCronTabAsync(group, "hourly", "  cronSpec: '0 * * * *'\n  replicas: 3", "{team: b}")).EnsureSuccess();

        var table = (await Kubectl.RunAsync("get", $"crontabs.{group}")).EnsureSuccess();
        Assert.Matches(@"^NAME\s+SPEC\s+REPLICAS\s+READY\s+AGE$", table.Lines[0]);
        Assert.Matches(@"^hourly\s+0 \* \* \* \*\s+3\s+\S+$", table.Lines[1]);
        Assert.Matches(@"^nightly\s+0 3 \* \* \*\s+1\s+\S+$", table.Lines[2]); // replicas defaulted, no status yet

        var byShortName = (await Kubectl.RunAsync("get", $"ct.{group}", "-l", "team=a", "-o", "name")).EnsureSuccess();
        Assert.Equal([$"crontab.{group}/nightly"], byShortName.Lines);
        var byCategory = (await Kubectl.RunAsync("get", "all", "-o", "name")).EnsureSuccess();
        Assert.Contains($"crontab.{group}/nightly", byCategory.Lines);

        var yaml = (await Kubectl.RunAsync("get", $"crontab.{group}", "nightly", "-o", "yaml")).EnsureSuccess().Stdout;
        Assert.Contains($"apiVersion: {group}/v1", yaml);
        Assert.Contains("kind: CronTab", yaml);
        Assert.Contains("replicas: 1", yaml);
        Assert.Contains("generation: 1", yaml);

        var explain = (await Kubectl.RunAsync("explain", $"crontabs.{group}.spec")).EnsureSuccess().Stdout;
        Assert.Contains("KIND:       CronTab", explain);
        Assert.Contains("What to run and when.", explain);
        Assert.Contains("cronSpec\t<string> -required-", explain);
        Assert.Contains("The schedule in cron format.", explain);
    }

    [Fact]
    public async Task Patches_and_the_status_subresource_behave_as_for_custom_resources()
    {
        var group = NewGroup();
        await DefineAsync(group);
        (await ApplyCronTabAsync(group, "c", "  cronSpec: '0 3 * * *'")).EnsureSuccess();
        var resource = $"crontab.{group}";

        var strategic = (await Kubectl.RunAsync("patch", resource, "c", "-p", """{"spec":{"image":"x"}}""")).EnsureFailure();
        Assert.Contains("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json", strategic.Stderr);

        (await Kubectl.RunAsync("patch", resource, "c", "--type", "merge", "-p", """{"spec":{"image":"busybox"}}""")).EnsureSuccess();
        (await Kubectl.RunAsync("patch", resource, "c", "--type", "json", "-p", """[{"op":"replace","path":"/spec/replicas","value":4}]""")).EnsureSuccess();
        var tooMany = (await Kubectl.RunAsync("patch", resource, "c", "--type", "merge", "-p", """{"spec":{"replicas":11}}""")).EnsureFailure();
        Assert.Contains("spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10", tooMany.Stderr);

        (await Kubectl.RunAsync("patch", resource, "c", "--subresource", "status", "--type", "merge", "-p", """{"status":{"ready":4}}""")).EnsureSuccess();
        (await Kubectl.RunAsync("patch", resource, "c", "--type", "merge", "-p", """{"status":{"ready":99}}""")).EnsureSuccess(); // ignored: status is a subresource

        var obj = JsonNode.Parse((await Kubectl.RunAsync("get", resource, "c", "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Equal("busybox", (string?)obj["spec"]!["image"]);
        Assert.Equal(4, (int)obj["spec"]!["replicas"]!);
        Assert.Equal(4, (int)obj["status"]!["ready"]!);
        Assert.Equal(3, (long)obj["metadata"]!["generation"]!); // two spec changes; the status write does not count

        var row = (await Kubectl.RunAsync("get", resource, "c", "--no-headers")).EnsureSuccess();
        Assert.Matches(@"^c\s+0 3 \* \* \*\s+4\s+4\s+\S+$", row.Lines[0]);

        Assert.Contains($"crontab.{group} \"c\" deleted", (await Kubectl.RunAsync("delete", resource, "c")).EnsureSuccess().Stdout);
        Assert.Contains("not found", (await Kubectl.RunAsync("get", resource, "c")).EnsureFailure().Stderr);
    }

    [Fact]
    public async Task A_watch_sees_custom_resources_come_and_go()
    {
        var group = NewGroup();
        await DefineAsync(group);
        await using var watch = Kubectl.Start("get", $"crontabs.{group}", "-w", "--output-watch-events");
        (await ApplyCronTabAsync(group, "watched", "  cronSpec: '*/5 * * * *'")).EnsureSuccess();
        await watch.WaitForLineAsync(l => l.StartsWith("ADDED", StringComparison.Ordinal) && l.Contains("watched", StringComparison.Ordinal), "ADDED watched");

        (await Kubectl.RunAsync("delete", $"crontab.{group}", "watched")).EnsureSuccess();
        await watch.WaitForLineAsync(l => l.StartsWith("DELETED", StringComparison.Ordinal) && l.Contains("watched", StringComparison.Ordinal), "DELETED watched");
    }

    [Fact]
    public async Task A_resource_failing_the_schema_is_refused_with_the_422_message_and_not_stored()
    {
        var group = NewGroup();
        await DefineAsync(group);

        var refused = (await ApplyCronTabAsync(group, "bad", "  cronSpec: 'every day'\n  replicas: 0")).EnsureFailure();
        Assert.Contains("The CronTab \"bad\" is invalid", refused.Stderr);
        Assert.Contains("spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1", refused.Stderr);
        Assert.Contains("spec.cronSpec: Invalid value: \"every day\": spec.cronSpec in body should match", refused.Stderr);

        var unknown = (await ApplyCronTabAsync(group, "bad", "  cronSpec: '0 3 * * *'\n  colour: red")).EnsureFailure();
        Assert.Contains("unknown field \"spec.colour\"", unknown.Stderr);

        var missing = (await ApplyCronTabAsync(group, "bad", "  image: x")).EnsureFailure();
        Assert.Contains("spec.cronSpec: Required value", missing.Stderr);

        Assert.Contains("not found", (await Kubectl.RunAsync("get", $"crontab.{group}", "bad")).EnsureFailure().Stderr);
        Assert.Empty((await Kubectl.RunAsync("get", $"crontabs.{group}", "-o", "name")).EnsureSuccess().Lines);
    }

    [Fact]
    public async Task A_definition_with_two_storage_versions_is_refused_and_not_created()
    {
        var group = NewGroup();

        var refused = (await Kubectl.RunWithInputAsync(CustomResourceManifests.Definition(group, CustomResourceManifests.SecondStorageVersion), "apply", "-f", "-")).EnsureFailure();

        Assert.Contains($"The CustomResourceDefinition \"crontabs.{group}\" is invalid", refused.Stderr);
        Assert.Contains("spec.versions: Invalid value: \"storage versions [v1, v2]\": must have exactly one version marked as storage version", refused.Stderr);
        Assert.Contains("NotFound", (await Kubectl.RunAsync("get", "crd", $"crontabs.{group}")).EnsureFailure().Stderr);
    }

    [Fact]
    public async Task Deleting_a_definition_deletes_its_resources_and_stops_serving_them()
    {
        var group = NewGroup();
        await DefineAsync(group);
        (await ApplyCronTabAsync(group, "doomed", "  cronSpec: '0 3 * * *'")).EnsureSuccess();

        (await Kubectl.RunAsync("delete", "crd", $"crontabs.{group}")).EnsureSuccess();

        var gone = (await Kubectl.RunAsync("get", $"crontabs.{group}")).EnsureFailure();
        Assert.Contains("the server doesn't have a resource type", gone.Stderr);
        var raw = (await Kubectl.RunAsync("get", "--raw", $"/apis/{group}/v1/namespaces/default/crontabs")).EnsureFailure();
        Assert.Contains("NotFound", raw.Stderr);

        // Defined again, the resource type is back and empty: the old objects went with the definition.
        await DefineAsync(group);
        Assert.Empty((await Kubectl.RunAsync("get", $"crontabs.{group}", "-o", "name")).EnsureSuccess().Lines);
    }

    [Fact]
    public async Task Definitions_and_their_resources_survive_a_restart_of_the_cluster()
    {
        await using var sim = new SimCluster();
        await sim.StartAsync();
        var kubectl = CustomResourceCluster.For(sim);
        var group = NewGroup();
        (await kubectl.RunWithInputAsync(CustomResourceManifests.Definition(group), "apply", "-f", "-")).EnsureSuccess();
        (await kubectl.RunAsync("wait", "--for=condition=Established", "--timeout=30s", $"crd/crontabs.{group}")).EnsureSuccess();
        (await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(group, "durable", "  cronSpec: '0 3 * * *'\n  replicas: 2"), "apply", "-f", "-")).EnsureSuccess();

        await sim.KillAsync();
        await sim.StartAsync();

        var row = (await kubectl.RunAsync("get", $"crontabs.{group}", "--no-headers")).EnsureSuccess();
        Assert.Matches(@"^durable\s+0 3 \* \* \*\s+2\s+\S+$", row.Lines.Single()); // READY is empty: no status yet
        (await kubectl.RunWithInputAsync(CustomResourceManifests.CronTab(group, "after", "  cronSpec: '0 4 * * *'"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal(2, (await kubectl.RunAsync("get", $"ct.{group}", "-o", "name")).EnsureSuccess().Lines.Count);
    }
}

using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>create, apply and the output formats of get.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlCreateAndGetTests(TkeServerFixture server)
{
    [Fact]
    public async Task Create_from_yaml_on_stdin_then_get_as_yaml_shows_the_stored_object()
    {
        const string name = "cls-e2ecreateyaml";
        var created = (await server.KubectlWithInput(ClusterManifest.Yaml(name, "created-from-yaml"), "create", "-f", "-")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name} created", created.Stdout.Trim());

        var yaml = (await server.Kubectl("get", "cluster", name, "-o", "yaml")).EnsureSuccess().Stdout;

        Assert.Matches(@"(?m)^apiVersion: platform\.tkestack\.io/v1$", yaml);
        Assert.Matches(@"(?m)^kind: Cluster$", yaml);
        Assert.Matches($@"(?m)^  name: {name}$", yaml);
        Assert.Matches(@"(?m)^  uid: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", yaml);
        Assert.Matches(@"(?m)^  creationTimestamp: ""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""$", yaml);
        Assert.Matches(@"(?m)^  resourceVersion: ""[1-9]\d*""$", yaml);
        Assert.Matches(@"(?m)^  generation: 1$", yaml);
        Assert.Matches(@"(?m)^  displayName: created-from-yaml$", yaml);
        Assert.Matches(@"(?m)^  clusterCIDR: 10\.244\.0\.0/16$", yaml);
        Assert.Matches(@"(?m)^  tenantID: e2e-tenant$", yaml);
        Assert.Matches(@"(?m)^  type: Baremetal$", yaml);
        Assert.Matches(@"(?m)^  dnsDomain: cluster\.local$", yaml); // defaulted by the server
    }

    [Fact]
    public async Task Apply_creates_then_configures_then_reports_unchanged()
    {
        const string name = "cls-e2eapply";

        var first = (await server.KubectlWithInput(ClusterManifest.Yaml(name, "applied-once"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name} created", first.Stdout.Trim());

        var second = (await server.KubectlWithInput(ClusterManifest.Yaml(name, "applied-twice"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name} configured", second.Stdout.Trim());
        var afterSecond = await server.GetClusterAsync(name);
        Assert.Equal("applied-twice", (string?)afterSecond["spec"]!["displayName"]);
        Assert.Contains("applied-twice", (string?)afterSecond["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);

        var third = (await server.KubectlWithInput(ClusterManifest.Yaml(name, "applied-twice"), "apply", "-f", "-")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name} unchanged", third.Stdout.Trim());
        var afterThird = await server.GetClusterAsync(name);
        Assert.Equal((string?)afterSecond["metadata"]!["resourceVersion"], (string?)afterThird["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Get_prints_a_table_with_name_age_and_the_kind_columns()
    {
        const string name = "cls-e2etable";
        await server.CreateClusterAsync(name, "table-display", ClusterManifest.Label("e2e", "table"));

        var result = (await server.Kubectl("get", "clusters", "-l", "e2e=table")).EnsureSuccess();
        var table = ColumnarOutput.Parse(result.Stdout);
        Assert.Equal("NAME", table.Headers[0]);
        Assert.Equal("AGE", table.Headers[^1]);
        Assert.Contains("TYPE", table.Headers);
        Assert.Contains("STATUS", table.Headers);
        Assert.DoesNotContain("DISPLAY NAME", table.Headers); // priority 1: -o wide only
        var row = Assert.Single(table.Rows);
        Assert.Equal(name, row["NAME"]);
        Assert.Equal("Baremetal", row["TYPE"]);
        Assert.Matches(@"^\d+[smhd]", row["AGE"]);

        var wide = ColumnarOutput.Parse((await server.Kubectl("get", "clusters", "-l", "e2e=table", "-o", "wide")).EnsureSuccess().Stdout);
        Assert.Equal("table-display", wide.Row("NAME", name)["DISPLAY NAME"]);
    }

    [Fact]
    public async Task Get_outputs_json_name_and_jsonpath()
    {
        const string name = "cls-e2eoutputs";
        await server.CreateClusterAsync(name, "outputs-display", ClusterManifest.Label("e2e", "outputs"));

        var single = JsonNode.Parse((await server.Kubectl("get", "cluster", name, "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Equal("Cluster", (string?)single["kind"]);
        Assert.Equal("platform.tkestack.io/v1", (string?)single["apiVersion"]);
        Assert.Equal(name, (string?)single["metadata"]!["name"]);
        Assert.Equal("outputs-display", (string?)single["spec"]!["displayName"]);

        var list = JsonNode.Parse((await server.Kubectl("get", "clusters", "-l", "e2e=outputs", "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Equal("List", (string?)list["kind"]);
        var item = Assert.Single(list["items"]!.AsArray());
        Assert.Equal(name, (string?)item!["metadata"]!["name"]);

        var byName = (await server.Kubectl("get", "clusters", "-l", "e2e=outputs", "-o", "name")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name}", byName.Stdout.Trim());

        Assert.Equal("outputs-display", await server.JsonPathAsync(name, "{.spec.displayName}"));
        var names = (await server.Kubectl("get", "clusters", "-l", "e2e=outputs", "-o", "jsonpath={.items[*].metadata.name}")).EnsureSuccess();
        Assert.Equal(name, names.Stdout);
    }

    [Fact]
    public async Task Get_with_a_short_name_and_field_selector_returns_only_the_named_object()
    {
        await server.CreateClusterAsync("cls-e2efieldone", labels: ClusterManifest.Label("e2e", "field"));
        await server.CreateClusterAsync("cls-e2efieldtwo", labels: ClusterManifest.Label("e2e", "field"));

        var result = (await server.Kubectl("get", "cls", "--field-selector", "metadata.name=cls-e2efieldtwo", "-o", "name")).EnsureSuccess();
        Assert.Equal(["cluster.platform.tkestack.io/cls-e2efieldtwo"], result.Lines);

        var notEqual = await server.ClusterNamesAsync("-l", "e2e=field", "--field-selector", "metadata.name!=cls-e2efieldtwo");
        Assert.Equal(["cls-e2efieldone"], notEqual);

        var byType = await server.ClusterNamesAsync("-l", "e2e=field", "--field-selector", "spec.type=Baremetal");
        Assert.Equal(["cls-e2efieldone", "cls-e2efieldtwo"], byType);
    }
}

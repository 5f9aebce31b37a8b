using System.Text.RegularExpressions;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>kubectl's view of the API: api-resources (discovery) and explain (OpenAPI).</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlDiscoveryTests(TkeServerFixture server)
{
    [Theory]
    [InlineData("clusters", "cls", "platform.tkestack.io/v1", "false", "Cluster")]
    [InlineData("machines", "mc", "platform.tkestack.io/v1", "false", "Machine")]
    [InlineData("projects", "prj", "business.tkestack.io/v1", "false", "Project")]
    [InlineData("namespaces", "ns", "business.tkestack.io/v1", "true", "Namespace")]
    public async Task Api_resources_lists_the_kind_with_its_version_scope_and_short_name(string plural, string shortName, string apiVersion, string namespaced, string kind)
    {
        var result = (await server.Kubectl("api-resources")).EnsureSuccess();

        var table = ColumnarOutput.Parse(result.Stdout);
        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], table.Headers);
        var row = table.Rows.SingleOrDefault(r => r["NAME"] == plural && r["APIVERSION"] == apiVersion)
            ?? throw new Xunit.Sdk.XunitException($"{plural} ({apiVersion}) is not listed:\n{result}");
        Assert.Equal(shortName, row["SHORTNAMES"]);
        Assert.Equal(namespaced, row["NAMESPACED"]);
        Assert.Equal(kind, row["KIND"]);
    }

    [Fact]
    public async Task Api_resources_of_one_group_lists_only_that_group()
    {
        var result = (await server.Kubectl("api-resources", "--api-group=platform.tkestack.io")).EnsureSuccess();

        var table = ColumnarOutput.Parse(result.Stdout);
        Assert.NotEmpty(table.Rows);
        Assert.All(table.Rows, r => Assert.Equal("platform.tkestack.io/v1", r["APIVERSION"]));
        var names = table.Rows.Select(r => r["NAME"]).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "clusters", "machines", "clustercredentials", "registries", "persistentevents", "cronhpas", "tappcontrollers", "clusteraddons", "configmaps" },
            names);
        Assert.DoesNotContain("projects", names);
    }

    [Fact]
    public async Task Explain_clusters_shows_the_kind_and_its_description()
    {
        var result = (await server.Kubectl("explain", "clusters")).EnsureSuccess();

        var text = Flatten(result.Stdout);
        Assert.Matches(@"KIND: Cluster\b", text);
        Assert.Contains("platform.tkestack.io", text);
        Assert.Contains("Cluster is a Kubernetes cluster managed by the platform", text);
        Assert.Matches(@"metadata <ObjectMeta>", text);

        // Each field has its description, as kube-apiserver's OpenAPI gives one next to every $ref.
        Assert.Matches(@"spec <\w+> Desired state", text);
        Assert.Matches(@"status <\w+> Observed state", text);
        Assert.DoesNotContain("<no description>", text);
    }

    [Fact]
    public async Task Explain_clusters_spec_shows_the_fields_with_types_and_descriptions()
    {
        var result = (await server.Kubectl("explain", "clusters.spec")).EnsureSuccess();

        var text = Flatten(result.Stdout);
        Assert.Matches(@"FIELD: spec <\w+> DESCRIPTION: Desired state", text);
        Assert.Matches(@"tenantID <string>", text);
        Assert.Contains("Tenant that owns the cluster.", text);
        Assert.Matches(@"type <string> -required-", text);
        Assert.Matches(@"clusterCIDR <string>", text);
        Assert.Matches(@"machines <\[\]\w+>", text);
    }

    /// <summary>kubectl wraps descriptions at the terminal width; compare text with single spaces.</summary>
    private static string Flatten(string text) => Regex.Replace(text, @"\s+", " ");
}

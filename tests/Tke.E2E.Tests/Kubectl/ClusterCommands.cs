using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>The kubectl calls the tests use to set up and inspect clusters.</summary>
public static class ClusterCommands
{
    public static async Task CreateClusterAsync(this TkeServerFixture server, string name, string displayName = "e2e", IReadOnlyDictionary<string, string>? labels = null)
    {
        var result = (await server.KubectlWithInput(ClusterManifest.Yaml(name, displayName, labels), "create", "-f", "-")).EnsureSuccess();
        Assert.Equal($"cluster.platform.tkestack.io/{name} created", result.Stdout.Trim());
    }

    public static async Task<JsonObject> GetClusterAsync(this TkeServerFixture server, string name)
    {
        var result = (await server.Kubectl("get", "cluster", name, "-o", "json")).EnsureSuccess();
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    public static async Task<string> JsonPathAsync(this TkeServerFixture server, string name, string expression) =>
        (await server.Kubectl("get", "cluster", name, "-o", "jsonpath=" + expression)).EnsureSuccess().Stdout;

    /// <summary>Names from `get clusters -l SELECTOR -o name`, without the resource prefix.</summary>
    public static async Task<IReadOnlyList<string>> ClusterNamesAsync(this TkeServerFixture server, params string[] selectorArguments)
    {
        var result = (await server.Kubectl(["get", "clusters", "-o", "name", .. selectorArguments])).EnsureSuccess();
        const string prefix = "cluster.platform.tkestack.io/";
        return result.Lines.Select(l => l.StartsWith(prefix, StringComparison.Ordinal) ? l[prefix.Length..] : l).Order(StringComparer.Ordinal).ToList();
    }

    public static async Task AssertClusterIsGoneAsync(this TkeServerFixture server, string name)
    {
        var result = (await server.Kubectl("get", "cluster", name)).EnsureFailure();
        Assert.Contains($"clusters.platform.tkestack.io \"{name}\" not found", result.Stderr);
    }
}

using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>What kubectl prints when the server rejects a request, and that nothing was stored.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlErrorTests(TkeServerFixture server)
{
    [Fact]
    public async Task Create_with_an_upper_case_name_is_invalid()
    {
        var result = await CreateRejectedAsync(ClusterManifest.Json("Bad-Name"));

        Assert.Contains("is invalid", result.Stderr);
        // kubectl prints "<field>: <cause message>"; the field must appear once.
        Assert.Contains("The Cluster \"Bad-Name\" is invalid: metadata.name: Invalid value: \"Bad-Name\"", result.Stderr);
        Assert.DoesNotContain("metadata.name: metadata.name", result.Stderr);
    }

    [Fact]
    public async Task Create_with_a_name_longer_than_253_characters_is_invalid()
    {
        var result = await CreateRejectedAsync(ClusterManifest.Json("cls-" + new string('a', 260)));

        Assert.Contains("is invalid", result.Stderr);
        Assert.Contains("metadata.name", result.Stderr);
        Assert.Contains("must be no more than 253 characters", result.Stderr);
    }

    [Fact]
    public async Task Create_with_an_unsupported_enum_value_is_invalid()
    {
        var manifest = ClusterManifest.Json("cls-e2ebadenum");
        manifest["spec"]!["type"] = "Mainframe";

        var result = await CreateRejectedAsync(manifest);

        Assert.Contains("is invalid", result.Stderr);
        Assert.Contains("spec.type", result.Stderr);
        Assert.Contains("Unsupported value: \"Mainframe\"", result.Stderr);
        await server.AssertClusterIsGoneAsync("cls-e2ebadenum");
    }

    [Fact]
    public async Task Create_with_an_unknown_field_is_rejected_by_strict_field_validation()
    {
        var manifest = ClusterManifest.Json("cls-e2eunknownfield");
        manifest["spec"]!["foo"] = "bar";

        var result = await CreateRejectedAsync(manifest);

        Assert.Contains("unknown field \"spec.foo\"", result.Stderr);
        await server.AssertClusterIsGoneAsync("cls-e2eunknownfield");
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_already_exists()
    {
        const string name = "cls-e2eexists";
        await server.CreateClusterAsync(name, "the-first");

        var result = (await server.KubectlWithInput(ClusterManifest.Yaml(name, "the-second"), "create", "-f", "-")).EnsureFailure();

        Assert.Contains("(AlreadyExists)", result.Stderr);
        Assert.Contains($"clusters.platform.tkestack.io \"{name}\" already exists", result.Stderr);
        Assert.Equal("the-first", await server.JsonPathAsync(name, "{.spec.displayName}"));
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_not_found()
    {
        var result = (await server.Kubectl("get", "cluster", "does-not-exist")).EnsureFailure();

        Assert.Contains("Error from server (NotFound): clusters.platform.tkestack.io \"does-not-exist\" not found", result.Stderr);
    }

    private async Task<KubectlResult> CreateRejectedAsync(JsonObject manifest)
    {
        var clusters = ResourceClient.Clusters(server.Server);
        var before = (await clusters.ListAsync()).Expect(200);

        var result = (await server.KubectlWithInput(manifest.ToJsonString(), "create", "-f", "-")).EnsureFailure();

        var after = (await clusters.ListAsync()).Expect(200);
        Assert.Equal(before.ResourceVersion, after.ResourceVersion);
        Assert.Equal(before.ItemNames, after.ItemNames);
        return result;
    }
}

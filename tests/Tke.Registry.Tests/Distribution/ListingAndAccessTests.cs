using System.Net;
using System.Text.Json.Nodes;

namespace Tke.Registry.Tests.Distribution;

public sealed class ListingAndAccessTests : RegistryServerTest
{
    [Fact]
    public async Task TagsListPagesWithLinkHeaders()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "tags");
        var tags = new[] { "v1", "v2", "v3", "latest", "beta" };
        foreach (var tag in tags)
        {
            await OciPush.ManifestAsync(Alice, "library/app", tag, body);
        }

        var seen = new List<string>();
        var next = "/v2/library/app/tags/list?n=2";
        var pages = 0;
        while (next is not null)
        {
            using var response = await Alice.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("library/app", page["name"]!.GetValue<string>());
            var names = page["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            Assert.InRange(names.Count, 1, 2);
            seen.AddRange(names);
            pages++;
            next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('>')[0].TrimStart('<') : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(tags.Order(StringComparer.Ordinal), seen);

        using var unknown = await Alice.GetAsync("/v2/library/nothing/tags/list");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("NAME_UNKNOWN", await OciPush.ErrorCodeAsync(unknown));
    }

    [Fact]
    public async Task CatalogListsOnlyWhatTheCallerMayPullInItsTenant()
    {
        foreach (var repository in new[] { "library/a", "library/b", "team/secret" })
        {
            await OciPush.ManifestAsync(Alice, repository, "v1", await OciPush.ImageAsync(Alice, repository, repository));
        }

        using var carol = Server.Client("carol", "carol-pw");
        await OciPush.ManifestAsync(carol, "library/other-tenant", "v1", await OciPush.ImageAsync(carol, "library/other-tenant", "t2"));

        Assert.Equal(["library/a", "library/b", "team/secret"], await CatalogAsync(Alice, ""));
        using var bob = Server.Client("bob", "bob-pw");
        Assert.Equal(["library/a", "library/b"], await CatalogAsync(bob, ""));
        Assert.Equal(["library/other-tenant"], await CatalogAsync(carol, ""));

        using var firstPage = await Alice.GetAsync("/v2/_catalog?n=2");
        Assert.Equal("</v2/_catalog?n=2&last=library%2Fb>; rel=\"next\"", firstPage.Headers.GetValues("Link").Single());
        Assert.Equal(["team/secret"], await CatalogAsync(Alice, "?n=2&last=library/b"));
    }

    [Fact]
    public async Task SameNameInTwoTenantsAreDifferentRepositories()
    {
        var digest = await OciPush.ManifestAsync(Alice, "library/nginx", "latest", await OciPush.ImageAsync(Alice, "library/nginx", "t1"));
        using var carol = Server.Client("carol", "carol-pw");
        using var manifest = await carol.GetAsync("/v2/library/nginx/manifests/latest");
        Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
        using var byDigest = await carol.GetAsync($"/v2/library/nginx/manifests/{digest}");
        Assert.Equal("MANIFEST_UNKNOWN", await OciPush.ErrorCodeAsync(byDigest));

        var other = await OciPush.ManifestAsync(carol, "library/nginx", "latest", await OciPush.ImageAsync(carol, "library/nginx", "t2"));
        Assert.NotEqual(digest, other);
        using var alices = await Alice.GetAsync("/v2/library/nginx/manifests/latest");
        Assert.Equal(digest, alices.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task RefusalsFollowTheAccessDecision()
    {
        using var anonymous = Server.Client();
        using var baseAnonymous = await anonymous.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, baseAnonymous.StatusCode);
        Assert.Equal("registry/2.0", baseAnonymous.Headers.GetValues("Docker-Distribution-API-Version").Single());
        Assert.StartsWith("Bearer realm=", baseAnonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var baseAlice = await Alice.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, baseAlice.StatusCode);

        using var badPassword = Server.Client("alice", "wrong");
        using var baseBad = await badPassword.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, baseBad.StatusCode);
        using var repoBad = await badPassword.GetAsync("/v2/library/app/tags/list");
        Assert.Equal("UNAUTHORIZED", await OciPush.ErrorCodeAsync(repoBad));

        await OciPush.ManifestAsync(Alice, "library/app", "v1", await OciPush.ImageAsync(Alice, "library/app", "auth"));
        using var privatePull = await anonymous.GetAsync("/v2/library/app/manifests/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, privatePull.StatusCode);
        Assert.Equal("UNAUTHORIZED", await OciPush.ErrorCodeAsync(privatePull));
        Assert.Contains("scope=\"repository:library/app:pull\"", privatePull.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var anonymousPush = await anonymous.PostAsync("/v2/library/app/blobs/uploads/", null);
        Assert.Contains("repository:library/app:pull,push", anonymousPush.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var bob = Server.Client("bob", "bob-pw");
        using var bobPush = await bob.PostAsync("/v2/library/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Forbidden, bobPush.StatusCode);
        Assert.Equal("DENIED", await OciPush.ErrorCodeAsync(bobPush));
        using var bobDelete = await bob.DeleteAsync("/v2/library/app/manifests/v1");
        Assert.Equal("DENIED", await OciPush.ErrorCodeAsync(bobDelete));
        using var stillThere = await Alice.GetAsync("/v2/library/app/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);

        using var carol = Server.Client("carol", "carol-pw");
        using var otherTenant = await carol.PostAsync("/v2/team/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal("NAME_UNKNOWN", await OciPush.ErrorCodeAsync(otherTenant));
        Assert.Equal(0, UploadEntryCount());
    }

    [Fact]
    public async Task UnsupportedMethodIsRefused()
    {
        using var response = await Alice.PostAsync("/v2/library/app/manifests/v1", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("UNSUPPORTED", await OciPush.ErrorCodeAsync(response));
    }

    private static async Task<List<string>> CatalogAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/v2/_catalog" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["repositories"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
    }
}

using System.Text.Json.Nodes;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>A user of tenant t2 sees and writes only t2's objects; other tenants' objects do not exist for it (404, not 403).</summary>
[Collection(AuthServerCollection.Name)]
public sealed class TenantIsolationTests(AuthServerFixture fixture)
{
    private const string Tenant = "t2";
    private readonly AuthApi _api = new(fixture.Server);

    [Fact]
    public async Task A_t2_user_sees_only_t2_objects_in_get_list_watch_and_create()
    {
        var username = AuthManifests.UniqueName("tenant2");
        const string password = "Tenant2Pass12";
        await _api.CreateUserAsync(username, password, Tenant);
        var policy = AuthManifests.UniqueName("pol-t2-all");
        (await _api.Policies().CreateAsync(AuthManifests.Policy(policy, ["*"], ["*"], Tenant))).Expect(201);
        await _api.BindAsync(policy, username);
        var defaultCluster = AuthManifests.UniqueName("cls-dflt");
        var t2Cluster = AuthManifests.UniqueName("cls-t2");
        (await _api.Clusters().CreateAsync(AuthManifests.Cluster(defaultCluster, "default"))).Expect(201);
        (await _api.Clusters().CreateAsync(AuthManifests.Cluster(t2Cluster, Tenant))).Expect(201);

        // The user exists only in t2: the default tenant does not know it.
        using (var anonymous = fixture.Server.CreateHttpClient(null))
        {
            (await new OidcPasswordClient(anonymous).PasswordGrantAsync(username, password)).Expect(401);
        }

        using var user = await _api.LogInAsync(username, password, Tenant);
        var clusters = _api.Clusters(user);
        // The policy may still be on its way into the authorizer.
        await AuthApi.PollUntilAsync(() => clusters.GetAsync(t2Cluster), 200, TimeSpan.FromSeconds(10));

        var hidden = (await clusters.GetAsync(defaultCluster)).Expect(404);
        Assert.Equal("NotFound", hidden.Reason);
        var list = (await clusters.ListAsync()).Expect(200);
        Assert.Contains(t2Cluster, list.ItemNames);
        Assert.DoesNotContain(defaultCluster, list.ItemNames);
        Assert.All(list.Json!["items"]!.AsArray(), item => Assert.Equal(Tenant, (string?)item!["spec"]!["tenantID"]));

        await AssertWatchShowsOnlyTenantAsync(user, t2Cluster, defaultCluster);

        // The same holds for the auth objects of the default tenant.
        (await _api.LocalIdentities(user).GetAsync("admin")).Expect(404);
        (await _api.Policies(user).GetAsync("pol-default-administrator")).Expect(404);
        var policies = (await _api.Policies(user).ListAsync()).Expect(200);
        Assert.Contains(policy, policies.ItemNames);
        Assert.DoesNotContain("pol-default-administrator", policies.ItemNames);

        var intoDefault = AuthManifests.UniqueName("cls-into");
        (await clusters.CreateAsync(AuthManifests.Cluster(intoDefault, "default"))).Expect(403);
        (await _api.Clusters().GetAsync(intoDefault)).Expect(404);

        var unowned = AuthManifests.UniqueName("cls-own");
        var created = (await clusters.CreateAsync(AuthManifests.Cluster(unowned, null))).Expect(201);
        Assert.Equal(Tenant, (string?)created.Json!["spec"]!["tenantID"]);
        Assert.Equal(Tenant, (string?)(await _api.Clusters().GetAsync(unowned)).Expect(200).Json!["spec"]!["tenantID"]);
    }

    private async Task AssertWatchShowsOnlyTenantAsync(HttpClient user, string t2Cluster, string defaultCluster)
    {
        await using var watch = await WatchStream.OpenAsync(user, AuthApi.ClustersPath + "?watch=1&resourceVersion=0&allowWatchBookmarks=true");
        Assert.Equal(200, watch.Code);
        var initial = await InitialEventsAsync(watch);
        Assert.Contains($"ADDED {t2Cluster}", initial);
        Assert.DoesNotContain($"ADDED {defaultCluster}", initial);
        Assert.All(initial, e => Assert.StartsWith("ADDED ", e, StringComparison.Ordinal));

        // A change in another tenant is not delivered; the next event is this tenant's.
        var otherTenants = AuthManifests.UniqueName("cls-dflt");
        var ownTenant = AuthManifests.UniqueName("cls-t2");
        (await _api.Clusters().CreateAsync(AuthManifests.Cluster(otherTenants, "default"))).Expect(201);
        (await _api.Clusters().CreateAsync(AuthManifests.Cluster(ownTenant, Tenant))).Expect(201);
        var next = await watch.NextChangeAsync();
        Assert.Equal($"ADDED {ownTenant}", WatchStream.TypeAndName(next));
        Assert.Equal(Tenant, (string?)next["object"]!["spec"]!["tenantID"]);
    }

    /// <summary>The events before the first bookmark: the state at resourceVersion 0.</summary>
    private static async Task<List<string>> InitialEventsAsync(WatchStream watch)
    {
        var events = new List<string>();
        while (true)
        {
            JsonObject e = await watch.NextAsync(TimeSpan.FromSeconds(10));
            if ((string?)e["type"] == "BOOKMARK")
            {
                return events;
            }

            events.Add(WatchStream.TypeAndName(e));
        }
    }
}

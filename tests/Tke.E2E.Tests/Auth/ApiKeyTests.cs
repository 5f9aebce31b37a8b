using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Auth;

/// <summary>Access credentials (API keys): issued once, stored hashed, usable as bearer tokens until disabled or expired.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class ApiKeyTests(AuthServerFixture fixture)
{
    private readonly AuthApi _api = new(fixture.Server);

    [Fact]
    public async Task A_key_authenticates_is_listed_only_hashed_and_stops_working_once_disabled()
    {
        var (username, user) = await PlatformUserAsync();
        using var _ = user;
        var issued = (await _api.IssueApiKeyAsync(user, "1h", "ci pipeline")).Expect(201);
        var key = (string)issued.Json!["spec"]!["apiKey"]!;
        var name = (string)issued.Json["metadata"]!["name"]!;
        Assert.False(key.StartsWith("sha256:", StringComparison.Ordinal));

        using var withKey = fixture.Server.CreateHttpClient(key);
        (await _api.Clusters(withKey).ListAsync()).Expect(200);
        var review = (await _api.SelfSubjectReviewAsync(withKey)).Expect(201);
        Assert.Equal(username, (string?)review.Json!["status"]!["userInfo"]!["username"]);

        var list = (await _api.ApiKeys(user).ListAsync()).Expect(200);
        var shown = list.Json!["items"]!.AsArray().Select(i => (string?)i!["spec"]!["apiKey"]).ToList();
        Assert.NotEmpty(shown);
        // Only the hash is stored; reads may additionally mask the sensitive field.
        Assert.All(shown, value => Assert.Matches(@"^(sha256:[0-9a-f]{64}|\*{6})$", value));
        Assert.DoesNotContain(key, list.Text, StringComparison.Ordinal);
        AssertNotOnDisk(key);

        var current = (await _api.ApiKeys(user).GetAsync(name)).Expect(200).Object;
        current["status"] = new JsonObject { ["disabled"] = true };
        (await _api.ApiKeys(user).UpdateAsync(name, current, "status")).Expect(200);

        // Key state is cached for about five seconds.
        await AuthApi.PollUntilAsync(() => _api.Clusters(withKey).ListAsync(), 401, TimeSpan.FromSeconds(8));
        (await _api.SelfSubjectReviewAsync(withKey)).Expect(401);
        // The user's own login is unaffected.
        (await _api.Clusters(user).ListAsync()).Expect(200);
    }

    [Fact]
    public async Task A_key_expiring_after_one_second_is_401_afterwards()
    {
        var (_, user) = await PlatformUserAsync();
        using var _ = user;
        var key = (string)(await _api.IssueApiKeyAsync(user, "1s")).Expect(201).Json!["spec"]!["apiKey"]!;
        using var withKey = fixture.Server.CreateHttpClient(key);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await AuthApi.PollUntilAsync(() => _api.Clusters(withKey).ListAsync(), 401, TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1h")]
    public async Task A_bad_expire_is_400_and_issues_nothing(string expire)
    {
        var (_, user) = await PlatformUserAsync();
        using var _ = user;
        var before = (await _api.ApiKeys(user).ListAsync()).Expect(200).ItemNames.Count;

        (await _api.IssueApiKeyAsync(user, expire)).Expect(400);

        Assert.Equal(before, (await _api.ApiKeys(user).ListAsync()).Expect(200).ItemNames.Count);
    }

    /// <summary>No file of the server's data directory (store, write-ahead log, audit) holds the key itself.</summary>
    private void AssertNotOnDisk(string key)
    {
        var needle = Encoding.UTF8.GetBytes(key);
        foreach (var file in Directory.EnumerateFiles(fixture.Server.DataDir, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                continue; // held open exclusively; the store's files are readable
            }

            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{file} contains the access credential in the clear");
        }
    }

    /// <summary>A fresh user bound to the platform-user policy, logged in, once the binding has taken effect.</summary>
    private async Task<(string Username, HttpClient Client)> PlatformUserAsync()
    {
        var username = AuthManifests.UniqueName("keyuser");
        const string password = "KeyUser12345A";
        await _api.CreateUserAsync(username, password);
        await _api.BindAsync("pol-default-platform", username);
        var client = await _api.LogInAsync(username, password);
        await AuthApi.PollUntilAsync(() => _api.Clusters(client).ListAsync(), 200, TimeSpan.FromSeconds(10));
        return (username, client);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Identity;
using Tke.Auth.Ldap;
using Tke.TestSupport.Ldap;

namespace Tke.Auth.Tests.Ldap;

public sealed class LdapPasswordConnectorTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    private LdapPasswordConnector NewConnector(string? json = null, TimeSpan? timeout = null) =>
        new(LdapConnectorConfig.Parse(json ?? slapd.ConnectorConfigJson()), timeout ?? TimeSpan.FromSeconds(10));

    [Fact]
    public async Task RightPasswordReturnsTheUserWithEmailNameAndGroups()
    {
        using var connector = NewConnector();

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.True(result.Succeeded, result.ToString());
        var identity = result.Identity!;
        Assert.Equal($"uid=jane,{SlapdFixture.PeopleDn}", identity.UserId);
        Assert.Equal("jane", identity.Username);
        Assert.Equal("Jane Doe", identity.DisplayName);
        Assert.Equal("jane@example.org", identity.Email);
        Assert.Equal("ldap-test", identity.TenantId);
        Assert.Equal(["admins", "developers"], identity.Groups.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GroupsMapPerUser()
    {
        using var connector = NewConnector();

        var john = await connector.LoginAsync("ldap-test", "john", SlapdFixture.JohnPassword);
        var noMail = await connector.LoginAsync("ldap-test", "nomail", SlapdFixture.JohnPassword);

        Assert.Equal(["developers"], john.Identity!.Groups);
        Assert.Equal("John Smith", john.Identity.DisplayName);
        Assert.Empty(noMail.Identity!.Groups);
        Assert.Equal("", noMail.Identity.Email);
    }

    [Fact]
    public async Task WithoutGroupSearchTheUserHasNoGroups()
    {
        using var connector = NewConnector(slapd.ConnectorConfigJson(withGroups: false));

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Empty(result.Identity!.Groups);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownUserFailIdentically()
    {
        using var connector = NewConnector();

        var wrong = await connector.LoginAsync("ldap-test", "jane", "WrongPass123");
        var otherUsersPassword = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JohnPassword);
        var unknown = await connector.LoginAsync("ldap-test", "nobody", SlapdFixture.JanePassword);
        var empty = await connector.LoginAsync("ldap-test", "jane", "");

        foreach (var result in new[] { wrong, otherUsersPassword, unknown, empty })
        {
            Assert.Equal(LoginFailure.InvalidCredentials, result.Failure);
            Assert.Equal(wrong.Message, result.Message);
            Assert.Null(result.Identity);
        }
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData("jane)(|(uid=*")]
    [InlineData("j*")]
    [InlineData("jane\0")]
    [InlineData("*)(objectClass=*))(|(uid=*")]
    public async Task FilterInjectionInTheUsernameDoesNotWidenTheSearch(string username)
    {
        using var connector = NewConnector();

        // Jane's real password: a widened search that found her entry would log the caller in.
        var result = await connector.LoginAsync("ldap-test", username, SlapdFixture.JanePassword);

        Assert.Equal(LoginFailure.InvalidCredentials, result.Failure);
    }

    [Fact]
    public async Task ConfiguredUserFilterRestrictsWhoCanLogIn()
    {
        using var connector = NewConnector(slapd.ConnectorConfigJson(userFilter: "(mail=*)"));

        Assert.True((await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword)).Succeeded);
        Assert.Equal(LoginFailure.InvalidCredentials, (await connector.LoginAsync("ldap-test", "nomail", SlapdFixture.JohnPassword)).Failure);
    }

    [Fact]
    public async Task IdentityProviderObjectAsInTheManualWorks()
    {
        var provider = new IdentityProvider();
        provider.Metadata.Name = "ldap-test";
        provider.Spec = new IdentityProviderSpec
        {
            Name = "ldap-test",
            Type = "ldap",
            Administrators = ["jane"],

            // The manual's example carries leading spaces in the string.
            Config = "  " + slapd.ConnectorConfigJson().Replace("\n", "", StringComparison.Ordinal),
        };
        using var connector = LdapPasswordConnector.FromIdentityProvider(provider);

        var result = await connector.LoginAsync(provider.Metadata.Name!, "jane", SlapdFixture.JanePassword);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task WrongServiceAccountPasswordIsAProviderErrorWithoutTheSecret()
    {
        var json = slapd.ConnectorConfigJson().Replace(SlapdFixture.AdminPassword, "notTheAdminPw", StringComparison.Ordinal);
        using var connector = NewConnector(json);

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.Equal(LoginFailure.ProviderUnavailable, result.Failure);
        Assert.DoesNotContain("notTheAdminPw", result.Message);
        Assert.DoesNotContain(SlapdFixture.JanePassword, result.Message);
    }

    [Fact]
    public async Task ClosedPortIsAClearErrorNotAHang()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var connector = NewConnector(slapd.ConnectorConfigJson(host: $"127.0.0.1:{port}"), TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.Equal(LoginFailure.ProviderUnavailable, result.Failure);
        Assert.Contains($"127.0.0.1:{port}", result.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ServerThatNeverAnswersTimesOut()
    {
        // Accepts connections and then stays silent, like a firewall that swallows the traffic.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was stopped at the end of the test.
            }
        });

        using var connector = NewConnector(slapd.ConnectorConfigJson(host: $"127.0.0.1:{port}"), TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.Equal(LoginFailure.ProviderUnavailable, result.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        silent.Stop();
        foreach (var client in accepted.ToArray())
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task ThrottleLocksOutABruteForcer()
    {
        using var connector = NewConnector();
        var throttle = new LoginThrottle(new LoginThrottleOptions { MaxFailuresPerUser = 3 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(LoginFailure.InvalidCredentials, (await throttle.LoginAsync(connector, "ldap-test", "john", $"Guess{i}0000000", "192.0.2.1")).Failure);
        }

        var refused = await throttle.LoginAsync(connector, "ldap-test", "john", SlapdFixture.JohnPassword, "192.0.2.1");

        Assert.Equal(LoginFailure.Throttled, refused.Failure);
        Assert.NotNull(refused.RetryAfter);
    }
}

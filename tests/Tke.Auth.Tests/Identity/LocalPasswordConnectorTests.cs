using System.Diagnostics;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Identity;

namespace Tke.Auth.Tests.Identity;

public sealed class LocalPasswordConnectorTests
{
    private readonly InMemoryLocalIdentities store = new();
    private readonly LocalPasswordConnector connector;

    public LocalPasswordConnectorTests()
    {
        store.Add("default", "jane", "Secret12345", a =>
        {
            a.Spec.DisplayName = "Jane Doe";
            a.Spec.Email = "jane@example.org";
            a.Spec.Groups = ["developers", "ops"];
            a.Spec.Extra = new() { ["platformadmin"] = "true" };
        });
        store.Add("default", "locked", "Secret12345", a => a.Status = new LocalIdentityStatus { Locked = true });
        store.Add("other", "bob", "Secret12345");
        connector = new LocalPasswordConnector(store);
    }

    [Fact]
    public async Task RightPasswordReturnsTheIdentity()
    {
        var result = await connector.LoginAsync("default", "jane", "Secret12345");

        Assert.True(result.Succeeded, result.ToString());
        var identity = result.Identity!;
        Assert.Equal("usr-jane", identity.UserId);
        Assert.Equal("jane", identity.Username);
        Assert.Equal("Jane Doe", identity.DisplayName);
        Assert.Equal("jane@example.org", identity.Email);
        Assert.Equal(["developers", "ops"], identity.Groups);
        Assert.Equal("default", identity.TenantId);
        Assert.Equal("true", identity.Extra["platformadmin"]);
    }

    [Fact]
    public async Task WrongPasswordUnknownUserLockedAccountAndOtherTenantLookTheSame()
    {
        var wrong = await connector.LoginAsync("default", "jane", "Secret12346");
        var unknown = await connector.LoginAsync("default", "nobody", "Secret12345");
        var locked = await connector.LoginAsync("default", "locked", "Secret12345");
        var otherTenant = await connector.LoginAsync("default", "bob", "Secret12345");
        var malformed = await connector.LoginAsync("default", "*)(uid=*", "Secret12345");

        foreach (var result in new[] { wrong, unknown, locked, otherTenant, malformed })
        {
            Assert.False(result.Succeeded);
            Assert.Equal(LoginFailure.InvalidCredentials, result.Failure);
            Assert.Equal(wrong.Message, result.Message);
            Assert.Null(result.Identity);
        }
    }

    [Fact]
    public async Task AccountWithoutAUsableHashCannotLogIn()
    {
        // A value that was never hashed (e.g. the base64 wire form) must not work as a password.
        store.Add("default", "rawpw", "x", a => a.Spec.HashedPassword = PasswordPolicy.Encode("Secret12345"));

        Assert.False((await connector.LoginAsync("default", "rawpw", "Secret12345")).Succeeded);
        Assert.False((await connector.LoginAsync("default", "rawpw", PasswordPolicy.Encode("Secret12345"))).Succeeded);
    }

    [Fact]
    public async Task UnknownUserTakesAboutAsLongAsAWrongPassword()
    {
        // Warm up so JIT does not count against the first measurement.
        await connector.LoginAsync("default", "jane", "Wrong123456");
        await connector.LoginAsync("default", "ghost", "Wrong123456");

        var wrong = await Median(() => connector.LoginAsync("default", "jane", "Wrong123456"));
        var unknown = await Median(() => connector.LoginAsync("default", "ghost", "Wrong123456"));

        // Without the dummy verification an unknown user answers in microseconds, not milliseconds.
        Assert.True(unknown >= wrong * 0.3, $"unknown user {unknown.TotalMilliseconds} ms vs wrong password {wrong.TotalMilliseconds} ms");
    }

    private static async Task<TimeSpan> Median(Func<Task<LoginResult>> login)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await login();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return times[1];
    }
}

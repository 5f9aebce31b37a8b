using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Auth;

/// <summary>
/// A server of its own for the auth tests: the first admin's password is known, and the login
/// throttle's per-address counter is not shared with other collections' failed logins.
/// </summary>
public sealed class AuthServerFixture() : TkeServerFixture("--watch-bookmark-interval", "1s", "--admin-password", AuthServerFixture.AdminPassword)
{
    public const string AdminPassword = "Admin12345Pass";
}

[CollectionDefinition(Name)]
public sealed class AuthServerCollection : ICollectionFixture<AuthServerFixture>
{
    public const string Name = "auth tke server";
}

namespace Tke.E2E.Tests.Auth;

/// <summary>Local users' passwords follow the manual's rule and are stored only as PBKDF2 hashes.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class LocalIdentityPasswordTests(AuthServerFixture fixture)
{
    private readonly AuthApi _api = new(fixture.Server);

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase123")]
    [InlineData("NoDigitsAtAllX")]
    [InlineData("Waytoolong12345678")]
    public async Task A_weak_password_is_422_and_no_user_is_created(string password)
    {
        var username = AuthManifests.UniqueName("weak");

        var refused = (await _api.LocalIdentities().CreateAsync(AuthManifests.LocalIdentity(username, password))).Expect(422);

        Assert.Contains("spec.hashedPassword", refused.CauseFields);
        Assert.DoesNotContain(password, refused.Text, StringComparison.Ordinal);
        (await _api.LocalIdentities().GetAsync(username)).Expect(404);
    }

    [Fact]
    public async Task A_good_password_is_stored_as_a_pbkdf2_hash_never_in_the_clear()
    {
        var username = AuthManifests.UniqueName("strong");
        const string password = "Strong12345Pw";

        var created = await _api.CreateUserAsync(username, password);

        var stored = (string?)(await _api.LocalIdentities().GetAsync(username)).Expect(200).Json!["spec"]!["hashedPassword"];
        Assert.StartsWith("pbkdf2-sha256$", stored, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$", (string?)created["spec"]!["hashedPassword"], StringComparison.Ordinal);
        var wire = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(password));
        Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(wire, stored, StringComparison.Ordinal);
        using var user = await _api.LogInAsync(username, password);
    }
}

using Tke.Auth.Apis.LocalIdentities;

namespace Tke.Apis.Tests.Auth;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("TkeStack123")]
    [InlineData("Abcdefghi1")]
    [InlineData("Abcdefghijklmn16")]
    public void Accepts_passwords_of_the_console_rule(string password) => Assert.Null(PasswordPolicy.PlainProblem(password));

    [Theory]
    [InlineData("Abcdefgh1")] // 9 characters
    [InlineData("Abcdefghijklmno17")] // 17 characters
    [InlineData("abcdefghij1")] // no uppercase
    [InlineData("ABCDEFGHIJ1")] // no lowercase
    [InlineData("Abcdefghijk")] // no digit
    public void Rejects_passwords_breaking_the_rule(string password) => Assert.NotNull(PasswordPolicy.PlainProblem(password));

    [Fact]
    public void Wire_value_is_base64_of_the_password()
    {
        Assert.Null(PasswordPolicy.Problem(PasswordPolicy.Encode("TkeStack123")));
        Assert.NotNull(PasswordPolicy.Problem(PasswordPolicy.Encode("short1A")));
        Assert.Equal("must be the base64 encoding of the password", PasswordPolicy.Problem("TkeStack123!"));
    }

    [Fact]
    public void Stored_bcrypt_hash_is_accepted_as_is() =>
        Assert.Null(PasswordPolicy.Problem("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"));
}

using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Identity;

namespace Tke.Auth.Tests.Identity;

public sealed class LocalAccountRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("jane")]
    [InlineData("jane-doe-2")]
    [InlineData("123")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void GoodUsernamesPass(string username)
    {
        Assert.Null(LocalAccountRules.UsernameProblem(username));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("Jane")]
    [InlineData("jane_doe")]
    [InlineData("jane.doe")]
    [InlineData("jane doe")]
    [InlineData("-jane")]
    [InlineData("jane-")]
    [InlineData("jané")]
    [InlineData("*)(uid=*")]
    public void BadUsernamesFail(string? username)
    {
        Assert.NotNull(LocalAccountRules.UsernameProblem(username));
        Assert.False(LocalAccountRules.IsValidUsername(username));
    }

    [Theory]
    [InlineData("Abcdefghi1")]
    [InlineData("Abcdefghijklmno1")]
    [InlineData("Secret12345!")]
    public void GoodPasswordsPass(string password)
    {
        Assert.Null(LocalAccountRules.PasswordProblem(password));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Abcdefgh1")]
    [InlineData("Abcdefghijklmnop1")]
    [InlineData("abcdefghij1")]
    [InlineData("ABCDEFGHIJ1")]
    [InlineData("Abcdefghijk")]
    [InlineData("1234567890A")]
    public void BadPasswordsFailWithoutEchoingThem(string? password)
    {
        var problem = LocalAccountRules.PasswordProblem(password);

        Assert.NotNull(problem);
        if (!string.IsNullOrEmpty(password))
        {
            Assert.DoesNotContain(password, problem);
        }
    }

    [Fact]
    public void WirePasswordIsDecodedCheckedAndHashed()
    {
        var stored = LocalAccountRules.HashWirePassword(PasswordPolicy.Encode("Secret12345"), Pbkdf2PasswordHasher.Default);

        Assert.True(Pbkdf2PasswordHasher.Default.Verify("Secret12345", stored));
        Assert.Throws<ArgumentException>(() => LocalAccountRules.HashWirePassword("not base64!", Pbkdf2PasswordHasher.Default));
        var weak = Assert.Throws<ArgumentException>(() => LocalAccountRules.HashWirePassword(PasswordPolicy.Encode("weakpass"), Pbkdf2PasswordHasher.Default));
        Assert.DoesNotContain("weakpass", weak.Message);
    }
}

using Tke.Auth.Identity;

namespace Tke.Auth.Tests.Identity;

public sealed class Pbkdf2PasswordHasherTests
{
    private readonly Pbkdf2PasswordHasher hasher = Pbkdf2PasswordHasher.Default;

    [Fact]
    public void HashIsSelfDescribingAndVerifies()
    {
        var hash = hasher.Hash("Secret12345");

        var parts = hash.Split('$');
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.True(int.Parse(parts[1]) >= 210_000);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.DoesNotContain("Secret12345", hash);
        Assert.True(hasher.Verify("Secret12345", hash));
        Assert.True(Pbkdf2PasswordHasher.IsHash(hash));
        Assert.False(hasher.NeedsRehash(hash));
    }

    [Fact]
    public void WrongPasswordDoesNotVerify()
    {
        var hash = hasher.Hash("Secret12345");

        Assert.False(hasher.Verify("Secret12346", hash));
        Assert.False(hasher.Verify("secret12345", hash));
        Assert.False(hasher.Verify("", hash));
    }

    [Fact]
    public void SamePasswordGetsDifferentSalts()
    {
        Assert.NotEqual(hasher.Hash("Secret12345"), hasher.Hash("Secret12345"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Secret12345")]
    [InlineData("$2a$10$abcdefghijklmnopqrstuuFm3v5H2J3g9Q6s5cXyGk8pQmXtQy6C")]
    [InlineData("pbkdf2-sha256$210000$notbase64!$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$999999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha1$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void MalformedOrForeignHashesNeverVerify(string? stored)
    {
        Assert.False(hasher.Verify("Secret12345", stored));
        Assert.False(Pbkdf2PasswordHasher.IsHash(stored));
    }

    [Fact]
    public void WeakWorkFactorsAreRefusedAndFlaggedForRehash()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pbkdf2PasswordHasher(1000));

        // A hash from an older, weaker setting still verifies but asks to be replaced.
        var salt = new byte[16];
        var old = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("Secret12345"u8, salt, 1000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var stored = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(old)}";
        Assert.True(hasher.Verify("Secret12345", stored));
        Assert.True(hasher.NeedsRehash(stored));
    }

    [Fact]
    public void DummyVerificationAlwaysFails()
    {
        Assert.False(hasher.VerifyAgainstDummy("Secret12345"));
    }
}

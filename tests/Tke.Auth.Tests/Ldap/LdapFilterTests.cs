using Tke.Auth.Ldap;

namespace Tke.Auth.Tests.Ldap;

public sealed class LdapFilterTests
{
    [Theory]
    [InlineData("jane", "jane")]
    [InlineData("*", "\\2a")]
    [InlineData("*)(uid=*", "\\2a\\29\\28uid=\\2a")]
    [InlineData("a\\b", "a\\5cb")]
    [InlineData("a\0b", "a\\00b")]
    [InlineData("jané", "jan\\c3\\a9")]
    public void EscapesRfc4515SpecialCharacters(string value, string expected)
    {
        Assert.Equal(expected, LdapFilter.Escape(value));
    }

    [Fact]
    public void CombinesWithTheConfiguredFilter()
    {
        Assert.Equal("(&(objectClass=person)(uid=\\2a))", LdapFilter.And("(objectClass=person)", LdapFilter.Equality("uid", "*")));
        Assert.Equal("(uid=jane)", LdapFilter.And(" ", LdapFilter.Equality("uid", "jane")));
    }
}

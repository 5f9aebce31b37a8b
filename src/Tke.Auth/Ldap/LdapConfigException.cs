namespace Tke.Auth.Ldap;

/// <summary>An LDAP identity provider configuration that cannot be used; lists every problem by field path.</summary>
public sealed class LdapConfigException(IReadOnlyList<string> problems)
    : Exception("invalid LDAP connector configuration: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

namespace Tke.Auth.Oidc.Upstream;

/// <summary>An OIDC identity provider configuration that cannot be used; lists every problem by
/// field path and never quotes a value, since the text sits next to the client secret.</summary>
public sealed class UpstreamOidcConfigException(IReadOnlyList<string> problems)
    : Exception("invalid OIDC connector configuration: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

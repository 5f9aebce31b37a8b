namespace Tke.Auth.Oidc.Upstream;

/// <summary>A user as the upstream provider vouches for it.</summary>
/// <param name="UserId">From `sub` or the configured userIDKey.</param>
/// <param name="Email">Null unless the upstream says (or is trusted to say) the address is verified.</param>
public sealed record UpstreamIdentity(string UserId, string Username, string? Email, IReadOnlyList<string> Groups);

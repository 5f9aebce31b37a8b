namespace Tke.Auth.Oidc.Upstream;

/// <summary>
/// User IDs of people who logged in through an upstream provider: `oidc:&lt;provider&gt;:&lt;upstream id&gt;`.
/// The prefix keeps them apart from local users and from other providers' users with the same
/// upstream ID, and tells a refresh which provider vouched for them.
/// </summary>
public static class UpstreamUserId
{
    public const string Prefix = "oidc:";

    public static string Format(string provider, string upstreamUserId) => Prefix + provider + ":" + upstreamUserId;

    /// <summary>The provider's name when <paramref name="userId"/> is an upstream user's ID.</summary>
    public static bool TryGetProvider(string userId, out string provider)
    {
        provider = "";
        if (!userId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var end = userId.IndexOf(':', Prefix.Length);
        if (end <= Prefix.Length || end == userId.Length - 1)
        {
            return false;
        }

        provider = userId[Prefix.Length..end];
        return true;
    }
}

namespace Tke.Auth.Oidc.Upstream;

/// <summary>A sign-in waiting for the upstream's callback: the original /oidc/auth request and
/// the secrets needed to finish it. Kept on the server, found by the hash of the state value.</summary>
/// <param name="StateHash">SHA-256 of the state sent upstream; the state itself is not stored.</param>
/// <param name="BrowserBindingHash">SHA-256 of the cookie given to the browser that started the sign-in.</param>
/// <param name="AuthorizationParameters">The original request's parameters, checked again at the callback.</param>
public sealed record UpstreamLoginState(
    string StateHash,
    string Provider,
    string BrowserBindingHash,
    string Nonce,
    string CodeVerifier,
    string RedirectUri,
    IReadOnlyDictionary<string, string> AuthorizationParameters,
    DateTimeOffset ExpiresAt);

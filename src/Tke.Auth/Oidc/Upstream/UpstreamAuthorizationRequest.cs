namespace Tke.Auth.Oidc.Upstream;

/// <summary>A sign-in sent to the upstream: where to send the browser, and the secrets the
/// callback needs to check and finish it, which stay on the server.</summary>
public sealed record UpstreamAuthorizationRequest(Uri Url, string State, string Nonce, string CodeVerifier, string RedirectUri);

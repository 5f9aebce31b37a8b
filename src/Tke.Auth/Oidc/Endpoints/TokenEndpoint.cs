using Microsoft.AspNetCore.Http;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`POST /oidc/token`: the password grant (the command line), authorization_code with
/// PKCE (the console) and refresh_token. Every successful grant returns an ID token, an access
/// token and a rotated refresh token bound to the login session.</summary>
public sealed class TokenEndpoint(
    ClientAuthenticator clientAuthenticator,
    IPasswordVerifier passwords,
    IAuthorizationCodeStore codes,
    RefreshTokenService refreshTokens,
    TokenIssuer issuer,
    TimeProvider time)
{
    public const string Path = "/token";

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var cancellationToken = context.RequestAborted;
            var form = await OAuthResponses.ReadFormAsync(context.Request, cancellationToken);
            var client = await clientAuthenticator.AuthenticateAsync(context.Request, form, cancellationToken);
            var grant = Required(form, "grant_type");
            var (identity, scopes, nonce, refreshToken, sessionId) = grant switch
            {
                "password" => await PasswordAsync(context, form, client, cancellationToken),
                "authorization_code" => await AuthorizationCodeAsync(form, client, cancellationToken),
                "refresh_token" => await RefreshAsync(form, client, cancellationToken),
                _ => throw OAuthException.UnsupportedGrantType($"grant_type {(grant.Length <= 32 ? grant : "(too long)")} is not supported"),
            };

            var tokens = issuer.Issue(identity, client.Id, sessionId, nonce, scopes);
            await OAuthResponses.WriteJsonAsync(context.Response, 200, json =>
            {
                json.WriteStartObject();
                json.WriteString("access_token", tokens.AccessToken);
                json.WriteString("token_type", "Bearer");
                json.WriteNumber("expires_in", (long)tokens.ExpiresIn.TotalSeconds);
                json.WriteString("id_token", tokens.IdToken);
                json.WriteString("refresh_token", refreshToken);
                json.WriteString("scope", string.Join(' ', scopes));
                json.WriteEndObject();
            });
        }
        catch (OAuthException e)
        {
            if (e.StatusCode == 429 && e.Data["RetryAfter"] is TimeSpan retry)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await OAuthResponses.WriteErrorAsync(context.Response, e);
        }
    }

    private async Task<Grant> PasswordAsync(HttpContext context, IFormCollection form, ClientSpec client, CancellationToken cancellationToken)
    {
        var username = Required(form, "username");
        var password = Required(form, "password");
        var tenant = form["tenant_id"].ToString();
        var result = await passwords.VerifyAsync(
            new PasswordLogin(username, password, tenant.Length > 0 ? tenant : null, context.Connection.RemoteIpAddress?.ToString(), client.Id),
            cancellationToken);
        var identity = Authenticated(result);
        var scopes = Scopes(form);
        var (refresh, session) = await refreshTokens.StartAsync(identity, client.Id, scopes, cancellationToken);
        return new Grant(identity, scopes, null, refresh, session);
    }

    private async Task<Grant> AuthorizationCodeAsync(IFormCollection form, ClientSpec client, CancellationToken cancellationToken)
    {
        var code = Required(form, "code");
        var redirectUri = Required(form, "redirect_uri");
        var verifier = form["code_verifier"].ToString();

        // Taken before any check: a code presented once is spent, whatever the outcome.
        var record = await codes.TakeAsync(OpaqueToken.Hash(code), cancellationToken)
            ?? throw OAuthException.InvalidGrant("authorization code is invalid, expired or already used");
        if (record.ExpiresAt <= time.GetUtcNow())
        {
            throw OAuthException.InvalidGrant("authorization code is invalid, expired or already used");
        }

        if (record.ClientId != client.Id)
        {
            throw OAuthException.InvalidGrant("authorization code was issued to another client");
        }

        if (record.RedirectUri != redirectUri)
        {
            throw OAuthException.InvalidGrant("redirect_uri does not match the authorization request");
        }

        if (record.CodeChallenge is { } challenge)
        {
            if (verifier.Length == 0 || !Pkce.Verify(verifier, challenge))
            {
                throw OAuthException.InvalidGrant("code_verifier does not match the code_challenge");
            }
        }
        else if (verifier.Length > 0)
        {
            // RFC 9700 4.8.2: a verifier without a challenge hints at a downgrade attack.
            throw OAuthException.InvalidGrant("code_verifier given but the authorization request had no code_challenge");
        }

        var (refresh, session) = await refreshTokens.StartAsync(record.Identity, client.Id, record.Scopes, cancellationToken);
        return new Grant(record.Identity, record.Scopes, record.Nonce, refresh, session);
    }

    private async Task<Grant> RefreshAsync(IFormCollection form, ClientSpec client, CancellationToken cancellationToken)
    {
        var token = Required(form, "refresh_token");
        var (next, successor) = await refreshTokens.RotateAsync(token, client.Id, identity => passwords.RefreshAsync(identity, cancellationToken), cancellationToken);
        return new Grant(successor.Identity, successor.Scopes, null, next, successor.FamilyId);
    }

    private static OidcIdentity Authenticated(PasswordVerification result)
    {
        if (result.Throttled)
        {
            var error = new OAuthException("invalid_grant", "too many failed logins; try again later", 429);
            error.Data["RetryAfter"] = result.RetryAfter ?? TimeSpan.FromMinutes(1);
            throw error;
        }

        // One answer for unknown users and wrong passwords.
        return result.Identity ?? throw new OAuthException("invalid_grant", "invalid username or password", 401);
    }

    internal static IReadOnlyList<string> Scopes(IFormCollection form)
    {
        var scope = form["scope"].ToString();
        return scope.Length == 0 ? ["openid"] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string Required(IFormCollection form, string name)
    {
        var value = form[name].ToString();
        return value.Length > 0 ? value : throw OAuthException.InvalidRequest($"parameter {name} is required");
    }

    private sealed record Grant(OidcIdentity Identity, IReadOnlyList<string> Scopes, string? Nonce, string RefreshToken, string SessionId);
}

using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Oidc;

/// <summary>Accepts this provider's ID and access tokens as `Authorization: Bearer`. A bearer that
/// is not shaped like a JWT is left to the next authenticator; a JWT that fails validation is a 401
/// with the reason.</summary>
public sealed class OidcTokenAuthenticator(TokenValidator validator, SigningKeyRing keys, VerifiedTokenCache cache) : IRequestAuthenticator
{
    private const string AuthenticatedGroup = "system:authenticated";

    public ValueTask<RequestUser?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authenticate(request.Headers.Authorization.ToString()));

    public RequestUser? Authenticate(string authorizationHeader)
    {
        const string prefix = "Bearer ";
        if (!authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorizationHeader.AsSpan(prefix.Length).Trim().ToString();
        if (!TokenValidator.LooksLikeJwt(token))
        {
            return null;
        }

        if (!cache.TryGet(token, out var validated))
        {
            var keySet = keys.Current;
            try
            {
                validated = validator.Validate(token);
            }
            catch (TokenValidationException e)
            {
                throw StatusError.Unauthorized(e.Message);
            }

            cache.Add(token, validated, keySet);
        }

        return ToUser(validated);
    }

    private static RequestUser ToUser(ValidatedToken token)
    {
        var groups = new List<string>(token.Groups.Count + 1);
        groups.AddRange(token.Groups);
        if (!groups.Contains(AuthenticatedGroup))
        {
            groups.Add(AuthenticatedGroup);
        }

        return new RequestUser(token.Name, groups, token.TenantId);
    }
}

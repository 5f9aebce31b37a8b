namespace Tke.Auth.Oidc;

/// <summary>Claim names, including TKEStack's: its API server reads the tenant from
/// `federated_claims.connector_id` (tkestack/tke pkg/apiserver/authentication/authenticator/oidc,
/// `--oidc-tenantid-claim=federated_claims`) and the user ID from `federated_claims.user_id`.</summary>
public static class OidcClaimNames
{
    public const string FederatedClaims = "federated_claims";
    public const string ConnectorId = "connector_id";
    public const string UserId = "user_id";
    public const string SessionId = "sid";
    public const string AccessTokenHash = "at_hash";
}

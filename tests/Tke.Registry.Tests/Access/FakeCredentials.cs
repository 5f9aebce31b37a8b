using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Tests.Access;

/// <summary>Passwords and access credentials of a few users, answering as the auth component's
/// verifier does (refusals carry its messages).</summary>
internal sealed class FakeCredentials : ICredentialVerifier
{
    public const string AliceKey = "eyJhbGciOiJSUzI1NiJ9.alice.key";
    public const string CarolKey = "eyJhbGciOiJSUzI1NiJ9.carol.key";
    public const string ExpiredKey = "eyJhbGciOiJSUzI1NiJ9.expired.key";
    public const string DisabledKey = "eyJhbGciOiJSUzI1NiJ9.disabled.key";

    public static RequestUser Alice { get; } = new("alice", ["system:authenticated"], "default");

    public static RequestUser Bob { get; } = new("bob", ["system:authenticated"], "default");

    public static RequestUser Carol { get; } = new("carol", ["system:authenticated"], "other");

    /// <summary>A user of an LDAP identity provider: a password, but no local account.</summary>
    public static RequestUser Dave { get; } = new("dave", ["system:authenticated", "ldap-staff"], "default");

    /// <summary>Access credentials deleted, disabled or expired since they were handed out, with the
    /// auth component's refusal; refused from then on.</summary>
    public Dictionary<string, string> Withdrawn { get; } = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Tenant, string User), (string Password, RequestUser Who)> _passwords = new()
    {
        [("default", "alice")] = ("Alice12345pw", Alice),
        [("default", "bob")] = ("Bob12345pw", Bob),
        [("other", "carol")] = ("Carol12345pw", Carol),
        [("default", "dave")] = ("Dave12345pw", Dave),
    };

    public int PasswordChecks { get; private set; }

    public ValueTask<CredentialVerification> VerifyPasswordAsync(string? tenant, string username, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        PasswordChecks++;
        return ValueTask.FromResult(_passwords.TryGetValue((tenant ?? "default", username), out var known) && known.Password == password
            ? CredentialVerification.Verified(known.Who)
            : CredentialVerification.Refused("invalid username or password"));
    }

    public ValueTask<CredentialVerification> VerifyBearerAsync(string token, CancellationToken cancellationToken) => ValueTask.FromResult(token switch
    {
        _ when Withdrawn.TryGetValue(token, out var reason) => CredentialVerification.Refused(reason),
        AliceKey => CredentialVerification.Verified(Alice),
        CarolKey => CredentialVerification.Verified(Carol),
        ExpiredKey => CredentialVerification.Refused("the access credential has expired"),
        DisabledKey => CredentialVerification.Refused("the access credential is disabled"),
        _ => CredentialVerification.Refused("token signature is not valid"),
    });
}

/// <summary>Stands in for the platform's policies: bob may only read (the tenant viewer role),
/// everyone else everything, except on the resources in <see cref="Closed"/>, which no policy opens.</summary>
internal sealed class ReadOnlyBob : IRequestAuthorizer
{
    public List<ResourceAttributes> Asked { get; } = [];

    public HashSet<string> Closed { get; } = new(StringComparer.Ordinal);

    public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken)
    {
        Asked.Add(request);

        if (Closed.Contains(request.Resource))
        {
            return ValueTask.FromResult(AuthorizationVerdict.Deny($"no policy opens {request.Resource}"));
        }

        return ValueTask.FromResult(user.Name != "bob" || request.Verb == "get" ? AuthorizationVerdict.Allow("test policy") : AuthorizationVerdict.Deny("bob may only read"));
    }
}

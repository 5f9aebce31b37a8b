using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.ClusterCredentials;

/// <summary>platform.tkestack.io/v1 ClusterCredential: cluster-scoped, named cc-&lt;id&gt;, no status.</summary>
public sealed class ClusterCredentialKind : KindDefinition<ClusterCredential>
{
    public override string Group => PlatformApiGroup.GroupName;

    public override string Version => PlatformApiGroup.GroupVersion;

    public override string Kind => "ClusterCredential";

    public override string Plural => "clustercredentials";

    public override bool HasStatusSubresource => false;

    public override string? DefaultGenerateName => "cc-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Cluster", c => c.ClusterName, description: "Cluster the credential reaches."),
        Column("Auth", c => AuthenticationOf(c), description: "How the credential authenticates: Token, X509 or both."),
    ];

    // TKEStack indexes these two top-level fields without a "spec." prefix.
    protected override IReadOnlyDictionary<string, Func<ClusterCredential, string?>> TypedSelectableFields => new Dictionary<string, Func<ClusterCredential, string?>>
    {
        ["tenantID"] = c => c.TenantID ?? "",
        ["clusterName"] = c => c.ClusterName ?? "",
    };

    protected override void Validate(ClusterCredential obj, FieldErrorList errors)
    {
        var hasCert = obj.ClientCert is { Length: > 0 };
        var hasKey = obj.ClientKey is { Length: > 0 };
        if (hasCert != hasKey)
        {
            errors.Required(hasCert ? "clientKey" : "clientCert", "clientCert and clientKey must be provided together");
        }
    }

    protected override void ValidateUpdate(ClusterCredential obj, ClusterCredential old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("tenantID", obj.TenantID, old.TenantID);
        // A credential created before its cluster (TKEStack's import) is linked to it once, afterwards never moved.
        if (!string.IsNullOrEmpty(old.ClusterName))
        {
            errors.Immutable("clusterName", obj.ClusterName, old.ClusterName);
        }
    }

    private static string AuthenticationOf(ClusterCredential c) =>
        (string.IsNullOrEmpty(c.Token), c.ClientCert is { Length: > 0 }) switch
        {
            (false, true) => "Token,X509",
            (false, false) => "Token",
            (true, true) => "X509",
            _ => "<none>",
        };
}

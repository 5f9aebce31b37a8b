using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Registries;

/// <summary>platform.tkestack.io/v1 Registry: cluster-scoped, named rg-&lt;id&gt;, no status.</summary>
public sealed class RegistryKind : KindDefinition<Registry>
{
    public override string Group => PlatformApiGroup.GroupName;

    public override string Version => PlatformApiGroup.GroupVersion;

    public override string Kind => "Registry";

    public override string Plural => "registries";

    public override string Singular => "registry";

    public override bool HasStatusSubresource => false;

    public override string? DefaultGenerateName => "rg-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", r => r.Spec.DisplayName, description: "Human-readable name."),
        Column("URL", r => r.Spec.URL, description: "Address of the registry."),
        Column("Cluster", r => r.Spec.ClusterName, priority: 1, description: "Cluster the registry is used by."),
    ];

    protected override IReadOnlyDictionary<string, Func<Registry, string?>> TypedSelectableFields => new Dictionary<string, Func<Registry, string?>>
    {
        ["spec.tenantID"] = r => r.Spec.TenantID ?? "",
        ["spec.clusterName"] = r => r.Spec.ClusterName ?? "",
    };

    protected override void Validate(Registry obj, FieldErrorList errors)
    {
        var url = obj.Spec.URL;
        if (string.IsNullOrEmpty(url))
        {
            errors.Required("spec.url", "must specify the registry address");
        }
        else if (url.Any(char.IsWhiteSpace) || !Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Invalid("spec.url", url, "must be a host[:port][/path] or an http(s) URL");
        }
    }

    protected override void ValidateUpdate(Registry obj, Registry old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("spec.tenantID", obj.Spec.TenantID, old.Spec.TenantID);
    }
}

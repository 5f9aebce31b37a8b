using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Business.Apis.Platforms;

/// <summary>business.tkestack.io/v1 Platform: cluster-scoped, named platform-&lt;id&gt;, no status.</summary>
public sealed class PlatformKind : KindDefinition<Platform>
{
    public override string Group => BusinessApiGroup.GroupName;

    public override string Version => BusinessApiGroup.GroupVersion;

    public override string Kind => "Platform";

    public override string Plural => "platforms";

    public override bool HasStatusSubresource => false;

    public override string? DefaultGenerateName => "platform-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Tenant", p => p.Spec.TenantID, description: "Tenant the record is for."),
        Column("Administrators", p => string.Join(",", p.Spec.Administrators ?? []), description: "Platform administrators."),
    ];

    protected override IReadOnlyDictionary<string, Func<Platform, string?>> TypedSelectableFields => new Dictionary<string, Func<Platform, string?>>
    {
        ["spec.tenantID"] = p => p.Spec.TenantID ?? "",
    };

    protected override void Validate(Platform obj, FieldErrorList errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var administrators = obj.Spec.Administrators ?? [];
        for (var i = 0; i < administrators.Count; i++)
        {
            if (!seen.Add(administrators[i]))
            {
                errors.Duplicate($"spec.administrators[{i}]", administrators[i]);
            }
        }
    }

    protected override void ValidateUpdate(Platform obj, Platform old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("spec.tenantID", obj.Spec.TenantID, old.Spec.TenantID);
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Business.Apis.Shared;

/// <summary>
/// ImageNamespace and ChartGroup: namespaced by project, named after spec.name (TKEStack falls
/// back to generating "imn-..." for both when spec.name is empty), tenant fixed once created.
/// </summary>
public abstract class ProjectRepositoryKind<T> : KindDefinition<T>
    where T : ApiObject<ProjectRepositorySpec, ProjectRepositoryStatus>
{
    public override string Group => BusinessApiGroup.GroupName;

    public override string Version => BusinessApiGroup.GroupVersion;

    public override KindScope Scope => KindScope.Namespaced;

    public override string? DefaultGenerateName => "imn-";

    protected abstract string Finalizer { get; }

    /// <summary>Longest name the console allows for this kind of group.</summary>
    protected abstract int MaxNameLength { get; }

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", r => r.Spec.DisplayName, description: "Human-readable name."),
        Column("Status", r => r.Status?.Phase, description: "Phase of the group."),
    ];

    protected override IReadOnlyDictionary<string, Func<T, string?>> TypedSelectableFields => new Dictionary<string, Func<T, string?>>
    {
        ["spec.name"] = r => r.Spec.Name ?? "",
        ["spec.tenantID"] = r => r.Spec.TenantID ?? "",
    };

    protected override void Default(T obj)
    {
        if (!NewObject.IsBeingCreated(obj))
        {
            return;
        }

        obj.Spec.Finalizers = [Finalizer];
        if (string.IsNullOrEmpty(obj.Metadata.Name) && !string.IsNullOrEmpty(obj.Spec.Name))
        {
            obj.Metadata.Name = obj.Spec.Name;
            obj.Metadata.GenerateName = null;
        }
    }

    protected override void Validate(T obj, FieldErrorList errors)
    {
        var name = obj.Spec.Name;
        errors.RequiredIfEmpty("spec.name", name);
        if (!string.IsNullOrEmpty(name))
        {
            if (name.Length > MaxNameLength)
            {
                errors.TooLong("spec.name", MaxNameLength);
            }
            else if (!QualifiedName.IsDnsLabel(name))
            {
                errors.Invalid("spec.name", name, "must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character");
            }
        }

        if (!string.IsNullOrEmpty(obj.Metadata.Name) && !string.IsNullOrEmpty(name) && obj.Metadata.Name != name)
        {
            errors.Invalid("metadata.name", obj.Metadata.Name, $"must equal spec.name ({name}), or be left empty");
        }
    }

    protected override void ValidateUpdate(T obj, T old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("spec.name", obj.Spec.Name, old.Spec.Name);
        if (obj.Spec.TenantID != old.Spec.TenantID)
        {
            errors.Invalid("spec.tenantID", obj.Spec.TenantID, "disallowed change the tenant");
        }
    }
}

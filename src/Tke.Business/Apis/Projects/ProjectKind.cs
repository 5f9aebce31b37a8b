using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Business.Apis.Projects;

/// <summary>
/// business.tkestack.io/v1 Project: cluster-scoped, named prj-&lt;id&gt;. Rules needing other
/// objects (parent exists and has room, clusters exist, children fit) belong to admission.
/// </summary>
public sealed class ProjectKind : KindDefinition<Project>
{
    public const string Finalizer = "project";

    public override string Group => BusinessApiGroup.GroupName;

    public override string Version => BusinessApiGroup.GroupVersion;

    public override string Kind => "Project";

    public override string Plural => "projects";

    public override IReadOnlyList<string> ShortNames => ["prj"];

    public override string? DefaultGenerateName => "prj-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", p => p.Spec.DisplayName, description: "Project name shown in the console."),
        Column("Parent", p => p.Spec.ParentProjectName, description: "Parent project, for a sub-project."),
        Column("Status", p => p.Status?.Phase, description: "Lifecycle phase of the project."),
        Column("Clusters", p => string.Join(",", p.Spec.Clusters?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()), priority: 1, description: "Clusters the project may use."),
    ];

    protected override IReadOnlyDictionary<string, Func<Project, string?>> TypedSelectableFields => new Dictionary<string, Func<Project, string?>>
    {
        ["spec.tenantID"] = p => p.Spec.TenantID ?? "",
        ["spec.parentProjectName"] = p => p.Spec.ParentProjectName ?? "",
        ["status.phase"] = p => p.Status?.Phase ?? "",
    };

    protected override void Default(Project obj)
    {
        if (NewObject.IsBeingCreated(obj))
        {
            obj.Spec.Finalizers = [Finalizer];
        }
    }

    protected override void Validate(Project obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        errors.RequiredIfEmpty("spec.displayName", spec.DisplayName, "must specify display name");
        ValidateMembers(spec.Members, errors);
        if (!string.IsNullOrEmpty(spec.ParentProjectName) && spec.ParentProjectName == obj.Metadata.Name)
        {
            errors.Invalid("spec.parentProjectName", spec.ParentProjectName, "a project cannot be its own parent");
        }

        foreach (var (cluster, quota) in spec.Clusters ?? [])
        {
            if (!QualifiedName.IsDnsLabel(cluster))
            {
                errors.Invalid($"spec.clusters[{cluster}]", cluster, "must be the name of a cluster, e.g. cls-abcd1234 or global");
            }

            ResourceListRules.Validate(quota?.Hard, $"spec.clusters[{cluster}].hard", errors);
        }
    }

    protected override void ValidateUpdate(Project obj, Project old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if (obj.Spec.TenantID != old.Spec.TenantID)
        {
            errors.Invalid("spec.tenantID", obj.Spec.TenantID, "disallowed change the tenant");
        }

        foreach (var (cluster, quota) in obj.Spec.Clusters ?? [])
        {
            var used = obj.Status?.Clusters?.GetValueOrDefault(cluster)?.Used;
            ResourceListRules.ValidateNotBelowUsed(quota?.Hard, used, $"spec.clusters[{cluster}].hard", errors);
        }

        foreach (var (cluster, usage) in obj.Status?.Clusters ?? [])
        {
            ResourceListRules.Validate(usage?.Used, $"status.clusters[{cluster}].used", errors);
        }
    }

    private static void ValidateMembers(List<string>? members, FieldErrorList errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (members?.Count ?? 0); i++)
        {
            var member = members![i];
            if (string.IsNullOrEmpty(member))
            {
                errors.Required($"spec.members[{i}]", "member user name must not be empty");
            }
            else if (!seen.Add(member))
            {
                errors.Duplicate($"spec.members[{i}]", member);
            }
        }
    }
}

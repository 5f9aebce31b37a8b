using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Business.Apis.Shared;
using Tke.Platform.Apis.Shared;

namespace Tke.Business.Apis.Namespaces;

/// <summary>
/// business.tkestack.io/v1 Namespace: namespaced by project (metadata.namespace is the project
/// name) and named "&lt;clusterName&gt;-&lt;namespace&gt;", so one cluster namespace belongs to at most one
/// project namespace object.
/// </summary>
public sealed class NamespaceKind : KindDefinition<Namespace>
{
    public const string Finalizer = "namespace";

    /// <summary>System namespaces of a cluster that can never be handed to a project.</summary>
    public static readonly IReadOnlySet<string> ReservedNamespaces = new HashSet<string>(StringComparer.Ordinal) { "default", "kube-system", "kube-public" };

    public override string Group => BusinessApiGroup.GroupName;

    public override string Version => BusinessApiGroup.GroupVersion;

    public override string Kind => "Namespace";

    public override string Plural => "namespaces";

    public override IReadOnlyList<string> ShortNames => ["ns"];

    public override KindScope Scope => KindScope.Namespaced;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Cluster", n => n.Spec.ClusterName, description: "Cluster the namespace is in."),
        Column("Namespace", n => n.Spec.Namespace, description: "Name of the namespace in the cluster."),
        Column("Status", n => n.Status?.Phase, description: "Phase of the namespace."),
    ];

    protected override IReadOnlyDictionary<string, Func<Namespace, string?>> TypedSelectableFields => new Dictionary<string, Func<Namespace, string?>>
    {
        ["spec.tenantID"] = n => n.Spec.TenantID ?? "",
        ["spec.clusterName"] = n => n.Spec.ClusterName ?? "",
        ["spec.namespace"] = n => n.Spec.Namespace ?? "",
        ["status.phase"] = n => n.Status?.Phase ?? "",
    };

    /// <summary>The object name TKEStack derives from the cluster and namespace.</summary>
    public static string NameFor(string clusterName, string namespaceName) => $"{clusterName}-{namespaceName}";

    protected override void Default(Namespace obj)
    {
        if (!NewObject.IsBeingCreated(obj))
        {
            return;
        }

        obj.Spec.Finalizers = [Finalizer];
        if (string.IsNullOrEmpty(obj.Metadata.Name) && !string.IsNullOrEmpty(obj.Spec.ClusterName) && !string.IsNullOrEmpty(obj.Spec.Namespace))
        {
            obj.Metadata.Name = NameFor(obj.Spec.ClusterName, obj.Spec.Namespace);
            obj.Metadata.GenerateName = null;
        }
    }

    protected override void Validate(Namespace obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        errors.RequiredIfEmpty("spec.clusterName", spec.ClusterName, "must specify a cluster name");
        errors.RequiredIfEmpty("spec.namespace", spec.Namespace, "must specify namespace name");
        if (!string.IsNullOrEmpty(spec.Namespace))
        {
            if (!QualifiedName.IsDnsLabel(spec.Namespace))
            {
                errors.Invalid("spec.namespace", spec.Namespace, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 63 characters");
            }
            else if (ReservedNamespaces.Contains(spec.Namespace))
            {
                errors.Invalid("spec.namespace", spec.Namespace, $"cannot allocate the cluster's `{spec.Namespace}` namespace in the project");
            }
        }

        var name = obj.Metadata.Name;
        if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(spec.ClusterName) && !string.IsNullOrEmpty(spec.Namespace)
            && name != NameFor(spec.ClusterName, spec.Namespace))
        {
            errors.Invalid("metadata.name", name, $"must be {NameFor(spec.ClusterName, spec.Namespace)} (<spec.clusterName>-<spec.namespace>), or be left empty");
        }

        ResourceListRules.Validate(spec.Hard, "spec.hard", errors);
    }

    protected override void ValidateUpdate(Namespace obj, Namespace old, FieldErrorList errors)
    {
        Validate(obj, errors);
        errors.Immutable("spec.clusterName", obj.Spec.ClusterName, old.Spec.ClusterName);
        errors.Immutable("spec.namespace", obj.Spec.Namespace, old.Spec.Namespace);
        if (obj.Spec.TenantID != old.Spec.TenantID)
        {
            errors.Invalid("spec.tenantID", obj.Spec.TenantID, "disallowed change the tenant");
        }

        if (obj.Status?.Phase == BusinessPhases.Locked && old.Status?.Phase is not (BusinessPhases.Available or BusinessPhases.Locked))
        {
            errors.Invalid("status.phase", obj.Status.Phase, $"can only lock namespaces in phase {BusinessPhases.Available}");
        }

        ResourceListRules.Validate(obj.Status?.Used, "status.used", errors);
        ResourceListRules.ValidateNotBelowUsed(obj.Spec.Hard, old.Status?.Used, "spec.hard", errors);
    }
}

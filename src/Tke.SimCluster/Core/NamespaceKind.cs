using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 namespaces (cluster-scoped): Active on creation, with Kubernetes' name label and finalizer.</summary>
public sealed class NamespaceKind : KubernetesKind<Namespace>
{
    public const string NameLabel = "kubernetes.io/metadata.name";

    public override string Group => "";

    public override string Kind => "Namespace";

    public override string Plural => "namespaces";

    public override IReadOnlyList<string> ShortNames => ["ns"];

    public override KindScope Scope => KindScope.Cluster;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Status", n => n.Status?.Phase ?? "", description: "The phase of the namespace."),
    ];

    protected override IReadOnlyDictionary<string, Func<Namespace, string?>> TypedSelectableFields => new Dictionary<string, Func<Namespace, string?>>
    {
        ["status.phase"] = n => n.Status?.Phase ?? "",
    };

    protected override void Default(Namespace obj)
    {
        if (obj.Metadata.Name is { Length: > 0 } name)
        {
            // Kubernetes labels every namespace with its own name so selectors can pick namespaces by name.
            obj.Metadata.Labels ??= [];
            obj.Metadata.Labels[NameLabel] = name;
        }

        if (IsBeingCreated(obj))
        {
            obj.Spec.Finalizers ??= ["kubernetes"];
            obj.Status = new NamespaceStatus { Phase = "Active" };
        }
    }

    protected override void Validate(Namespace obj, FieldErrorList errors) => RequireDnsLabel("metadata.name", obj.Metadata.Name, errors);
}

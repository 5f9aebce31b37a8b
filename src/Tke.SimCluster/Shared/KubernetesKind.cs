using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Shared;

/// <summary>A built-in Kubernetes kind of the simulated cluster: version v1, namespaced unless
/// said otherwise, and in no category unless it is one of kubectl's "all".</summary>
public abstract class KubernetesKind<T> : KindDefinition<T>
    where T : ApiObject
{
    public override string Version => "v1";

    public override KindScope Scope => KindScope.Namespaced;

    public override IReadOnlyList<string> Categories => [];

    /// <summary>Kubernetes' "all" category: what `kubectl get all` lists.</summary>
    protected static readonly IReadOnlyList<string> AllCategory = ["all"];

    /// <summary>Create and update run the same defaulting; only a create has no resourceVersion yet.</summary>
    protected static bool IsBeingCreated(ApiObject obj) => string.IsNullOrEmpty(obj.Metadata.ResourceVersion);

    protected static void RequireDnsLabel(string field, string? value, Tke.ApiMachinery.Validation.FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Required(field);
            return;
        }

        foreach (var problem in Tke.ApiMachinery.Validation.Names.IsDns1123Label(value))
        {
            errors.Invalid(field, value, problem);
        }
    }
}

using System.Globalization;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Printing;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Rbac;

/// <summary>A kind of rbac.authorization.k8s.io/v1: no status, no short names or categories, and
/// names that need only be valid path segments (so "system:discovery" is a name).</summary>
public abstract class RbacKind<T> : KubernetesKind<T>
    where T : ApiObject
{
    public override string Group => RbacApiGroup.GroupName;

    public override bool HasStatusSubresource => false;

    public override IReadOnlyList<string> ValidateName(string name) => RbacFieldRules.PathSegmentName(name);

    /// <summary>kubectl's RBAC tables place AGE themselves (roles print CREATED AT instead, bindings AGE before the wide columns).</summary>
    public override bool PrintsAgeColumn => false;

    protected static string CreatedAt(ApiObject obj) =>
        obj.Metadata.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    // Kinds have no clock; like the AGE column the machinery prints, the age is taken when the table is.
    protected static string Age(ApiObject obj) =>
        obj.Metadata.CreationTimestamp is { } created ? HumanDuration.Format(DateTimeOffset.UtcNow - created) : "<unknown>";
}

using System.ComponentModel;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Addons;

[Description("TappController installs the TApp controller (apps.tkestack.io TApp workloads: pods with fixed ids, per-instance templates, in-place upgrades) into a cluster.")]
public sealed class TappController : ApiObject<AddonSpec, AddonStatus>
{
}

/// <summary>platform.tkestack.io/v1 TappController: cluster-scoped, named tc-&lt;id&gt;.</summary>
public sealed class TappControllerKind : AddonKind<TappController, AddonSpec, AddonStatus>
{
    public override string Kind => "TappController";

    public override string Plural => "tappcontrollers";

    public override string? DefaultGenerateName => "tc-";
}

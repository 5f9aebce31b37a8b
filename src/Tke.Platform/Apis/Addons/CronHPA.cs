using System.ComponentModel;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Addons;

[Description("CronHPA installs the cron-hpa-controller, which scales Deployments, StatefulSets and TApps on crontab schedules, into a cluster.")]
public sealed class CronHPA : ApiObject<AddonSpec, AddonStatus>
{
}

/// <summary>platform.tkestack.io/v1 CronHPA: cluster-scoped, named cronhpa-&lt;id&gt;.</summary>
public sealed class CronHPAKind : AddonKind<CronHPA, AddonSpec, AddonStatus>
{
    public override string Kind => "CronHPA";

    public override string Plural => "cronhpas";

    public override string? DefaultGenerateName => "cronhpa-";
}

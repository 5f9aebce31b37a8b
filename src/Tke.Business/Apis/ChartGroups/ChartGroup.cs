using System.ComponentModel;
using Tke.ApiMachinery.Objects;
using Tke.Business.Apis.Shared;

namespace Tke.Business.Apis.ChartGroups;

[Description("ChartGroup is a Helm chart repository owned by a project, living in the project's namespace. The platform creates the matching registry chart group.")]
public sealed class ChartGroup : ApiObject<ProjectRepositorySpec, ProjectRepositoryStatus>
{
}

/// <summary>business.tkestack.io/v1 ChartGroup.</summary>
public sealed class ChartGroupKind : ProjectRepositoryKind<ChartGroup>
{
    public override string Kind => "ChartGroup";

    public override string Plural => "chartgroups";

    protected override string Finalizer => "chartgroup";

    // The console limits chart repository names to 60 characters.
    protected override int MaxNameLength => 60;
}

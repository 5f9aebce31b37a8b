using System.Text.Json.Serialization;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Access;

/// <summary>
/// business.tkestack.io/v1 Projects as the business component stores them (spec.tenantID,
/// spec.members), for rigs that serve the registry without that component: the registry reads
/// only the stored JSON, so the same shape is all it needs.
/// </summary>
public sealed class StandInProject : ApiObject<StandInProjectSpec, StandInProjectStatus>
{
}

public sealed class StandInProjectSpec
{
    [JsonPropertyName("tenantID")]
    public string? TenantID { get; set; }

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("members")]
    public List<string>? Members { get; set; }
}

public sealed class StandInProjectStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}

public sealed class StandInProjectKind : KindDefinition<StandInProject>
{
    public override string Group => BusinessProjects.Group;

    public override string Version => BusinessProjects.Version;

    public override string Kind => "Project";

    public override string Plural => BusinessProjects.Plural;

    public override string? DefaultGenerateName => "prj-";
}

public sealed class StandInBusinessGroup : IApiGroup
{
    public string Name => BusinessProjects.Group;

    public string PreferredVersion => BusinessProjects.Version;

    public IReadOnlyList<KindDefinition> Kinds { get; } = [new StandInProjectKind()];
}

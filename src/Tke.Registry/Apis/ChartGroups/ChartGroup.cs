using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Registry.Apis.ChartGroups;

[Description("A Helm chart repository (template repository) of the platform, built in or imported from a third party.")]
public sealed class ChartGroup : ApiObject<ChartGroupSpec, ChartGroupStatus>
{
}

[Description("Name, access and origin of a chart repository.")]
public sealed class ChartGroupSpec
{
    [JsonPropertyName("name"), RequiredField, StringLength(60, MinimumLength = 1)]
    [RegularExpression(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    [Description("Repository name (at most 60 letters, digits, '-', '_' or '.', starting and ending with a letter or digit); unique within a tenant, cannot be changed.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant owning the repository.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("displayName"), Description("Name shown in the console.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("visibility"), RequiredField, AllowedValues(Visibilities.Public, Visibilities.User, Visibilities.Project, Visibilities.Private)]
    [Description("\"Public\": every platform user; \"User\": the users in spec.users; \"Project\": members of the projects in spec.projects; \"Private\" is deprecated.")]
    public string? Visibility { get; set; }

    [JsonPropertyName("type"), AllowedValues(RepoTypes.SelfBuilt, RepoTypes.Imported, RepoTypes.System, RepoTypes.LegacyProject, RepoTypes.LegacyPersonal)]
    [Description("\"SelfBuilt\" (the default): charts are pushed here; \"Imported\": synced from spec.importedInfo.addr; \"System\": shipped with the platform. \"project\" and \"personal\" are deprecated.")]
    public string? Type { get; set; }

    [JsonPropertyName("description"), StringLength(255), Description("Description (at most 255 characters).")]
    public string? Description { get; set; }

    [JsonPropertyName("projects"), ListType(ListKind.Set), Description("Projects (businesses) whose members may use the repository when visibility is Project.")]
    public List<string>? Projects { get; set; }

    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the repository is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("users"), ListType(ListKind.Set), Description("Users who may use the repository when visibility is User.")]
    public List<string>? Users { get; set; }

    [JsonPropertyName("importedInfo"), Description("The third-party repository an Imported repository syncs from.")]
    public ChartGroupImport? ImportedInfo { get; set; }

    [JsonPropertyName("creator"), Description("User who created the repository.")]
    public string? Creator { get; set; }
}

[Description("Address and credentials of a third-party chart repository.")]
public sealed class ChartGroupImport
{
    [JsonPropertyName("addr"), Description("URL of the third-party repository.")]
    public string Addr { get; set; } = "";

    [JsonPropertyName("username"), Description("User name, if the repository needs authentication.")]
    public string? Username { get; set; }

    [JsonPropertyName("password"), Sensitive, Description("Base64 encoding of the password, if the repository needs authentication.")]
    public string? Password { get; set; }
}

[Description("Observed state of a chart repository.")]
public sealed class ChartGroupStatus
{
    [JsonPropertyName("locked"), Description("True while the repository is locked.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("chartCount"), Description("Number of charts.")]
    public int ChartCount { get; set; }

    [JsonPropertyName("phase"), Description("Pending, Available, Failed or Terminating.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details of the last transition.")]
    public string? Message { get; set; }
}

public static class RepoTypes
{
    public const string SelfBuilt = "SelfBuilt";
    public const string Imported = "Imported";
    public const string System = "System";
    public const string LegacyProject = "project";
    public const string LegacyPersonal = "personal";
}

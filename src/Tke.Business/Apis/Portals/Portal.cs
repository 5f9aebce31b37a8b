using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Business.Apis.Portals;

/// <summary>
/// What GET /apis/business.tkestack.io/v1/portal returns for the caller: whether they are a
/// platform administrator and which projects they belong to. Computed per request, never
/// stored, so it has no KindDefinition in <see cref="BusinessApiGroup"/>.
/// </summary>
[Description("Portal tells the calling user whether they administer the platform and which projects they are a member of.")]
public sealed class Portal : ApiObject
{
    [JsonPropertyName("administrator"), Description("True when the caller is a platform administrator.")]
    public bool Administrator { get; set; }

    [JsonPropertyName("projects"), Description("Projects the caller belongs to: project name to display name.")]
    public Dictionary<string, string> Projects { get; set; } = [];

    [JsonPropertyName("extension"), Description("Extra information per project: project name to its phase and parent.")]
    public Dictionary<string, PortalProject> Extension { get; set; } = [];
}

[Description("Phase and parent of one project in the portal.")]
public sealed class PortalProject
{
    [JsonPropertyName("phase"), Description("Phase of the project.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("parent"), Description("Parent project name, empty for a top-level project.")]
    public string Parent { get; set; } = "";
}

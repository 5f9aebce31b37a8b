using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Business.Apis.Platforms;

/// <summary>The business view of who administers a tenant's platform. Spec only, as in TKEStack.</summary>
[Description("Platform records the administrators of a tenant's platform for the business module.")]
public sealed class Platform : ApiObject
{
    [JsonPropertyName("spec"), Description("The tenant and its administrators.")]
    public PlatformSpec Spec { get; set; } = new();
}

[Description("The tenant and its administrators.")]
public sealed class PlatformSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant the record is for.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("administrators"), ListType(ListKind.Set), Description("User names of the platform administrators.")]
    public List<string>? Administrators { get; set; }
}

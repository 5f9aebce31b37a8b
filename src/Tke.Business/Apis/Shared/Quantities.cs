using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.Platform.Apis.Shared;
using Tke.ApiMachinery.Objects;

namespace Tke.Business.Apis.Shared;

/// <summary>The quota a project may use in one cluster.</summary>
[Description("Resource limits in one cluster.")]
public sealed class HardQuantity
{
    [JsonPropertyName("hard"), Description("Resource name to the most that may be used, e.g. {\"requests.cpu\": \"4\", \"limits.memory\": \"8Gi\"}.")]
    public ResourceList? Hard { get; set; }
}

/// <summary>What a project uses in one cluster.</summary>
[Description("Resource usage in one cluster.")]
public sealed class UsedQuantity
{
    [JsonPropertyName("used"), Description("Resource name to the amount in use.")]
    public ResourceList? Used { get; set; }
}

/// <summary>Values of the business kinds' status.phase.</summary>
public static class BusinessPhases
{
    public const string Active = "Active";
    public const string Pending = "Pending";
    public const string Available = "Available";
    public const string Locked = "Locked";
    public const string Failed = "Failed";
    public const string Terminating = "Terminating";
}

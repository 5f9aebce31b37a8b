using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Notify.Apis.ReceiverGroups;

[Description("A named set of receivers that alarm policies and message requests can address at once.")]
public sealed class ReceiverGroup : ApiObject
{
    [JsonPropertyName("spec"), Description("Members of the group.")]
    public ReceiverGroupSpec Spec { get; set; } = new();
}

[Description("Members of a receiver group.")]
public sealed class ReceiverGroupSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the group.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("displayName"), RequiredField, MinLength(1), Description("Group name shown in the console.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("receivers"), ListType(ListKind.Set), Description("Names of the member Receiver objects.")]
    public List<string>? Receivers { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Notify.Apis.MessageRequests;

/// <summary>A request to send a template; metadata.namespace is the channel of the template.</summary>
[Description("A request to send a template to receivers and receiver groups; metadata.namespace is the channel the template belongs to.")]
public sealed class MessageRequest : ApiObject<MessageRequestSpec, MessageRequestStatus>
{
}

[Description("What to send and to whom.")]
public sealed class MessageRequestSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the request.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("templateName"), RequiredField, MinLength(1), Description("Name of the Template to send, in the request's namespace (channel).")]
    public string TemplateName { get; set; } = "";

    [JsonPropertyName("receivers"), ListType(ListKind.Set), Description("Names of the Receivers to send to.")]
    public List<string>? Receivers { get; set; }

    [JsonPropertyName("receiverGroups"), ListType(ListKind.Set), Description("Names of the ReceiverGroups to send to.")]
    public List<string>? ReceiverGroups { get; set; }

    [JsonPropertyName("variables"), Description("Values for the template's keys.")]
    public Dictionary<string, string>? Variables { get; set; }
}

[Description("Delivery progress of a message request.")]
public sealed class MessageRequestStatus
{
    [JsonPropertyName("phase"), Description("Pending, Sending, Sent, Failed or PartialFailure.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("errors"), Description("Delivery error per receiver.")]
    public Dictionary<string, string>? Errors { get; set; }
}

public static class MessageRequestPhases
{
    public const string Pending = "Pending";
    public const string Sending = "Sending";
    public const string Sent = "Sent";
    public const string Failed = "Failed";
    public const string PartialFailure = "PartialFailure";
}

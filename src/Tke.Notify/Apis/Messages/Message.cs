using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Notify.Apis.Receivers;

namespace Tke.Notify.Apis.Messages;

[Description("A message delivered to one receiver over one channel, e.g. an alarm notification.")]
public sealed class Message : ApiObject<MessageSpec, MessageStatus>
{
}

[Description("Recipient and content of a message.")]
public sealed class MessageSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the message.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("receiverName"), RequiredField, MinLength(1), Description("Name of the Receiver the message was sent to.")]
    public string ReceiverName { get; set; } = "";

    [JsonPropertyName("receiverChannel"), RequiredField, AllowedValues(ReceiverChannels.Mobile, ReceiverChannels.Email, ReceiverChannels.WechatOpenId)]
    [Description("Which of the receiver's addresses was used: mobile, email or wechat_openid.")]
    public string ReceiverChannel { get; set; } = "";

    [JsonPropertyName("identity"), RequiredField, MinLength(1), Description("The address the message went to.")]
    public string Identity { get; set; } = "";

    [JsonPropertyName("username"), Description("Platform user of the receiver.")]
    public string? Username { get; set; }

    [JsonPropertyName("header"), Description("Message header, e.g. the email subject.")]
    public string? Header { get; set; }

    [JsonPropertyName("body"), Description("Message body.")]
    public string? Body { get; set; }

    [JsonPropertyName("channelMessageID"), Description("ID the delivery channel assigned to the message.")]
    public string? ChannelMessageId { get; set; }

    [JsonPropertyName("alarmPolicyType"), Description("Type of the alarm policy that raised the message, if any.")]
    public string? AlarmPolicyType { get; set; }

    [JsonPropertyName("clusterID"), Description("Cluster the alarm came from, if any.")]
    public string? ClusterId { get; set; }
}

[Description("Observed state of a message.")]
public sealed class MessageStatus
{
    [JsonPropertyName("phase"), Description("Unread or Read.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("alertStatus"), Description("State of the alarm that raised the message, e.g. firing or resolved.")]
    public string? AlertStatus { get; set; }
}

public static class MessagePhases
{
    public const string Unread = "Unread";
    public const string Read = "Read";
}

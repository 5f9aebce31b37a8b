using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Notify.Apis.Channels;

[Description("A notification channel: one way of delivering messages (email, Tencent Cloud SMS, WeChat official account or webhook).")]
public sealed class Channel : ApiObject<ChannelSpec, ChannelStatus>
{
}

[Description("Exactly one delivery method with its settings.")]
public sealed class ChannelSpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the channel is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant owning the channel; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("displayName"), RequiredField, MinLength(1), Description("Channel name shown in the console.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("tencentCloudSMS"), Description("Send text messages through the Tencent Cloud SMS gateway.")]
    public ChannelTencentCloudSms? TencentCloudSms { get; set; }

    [JsonPropertyName("wechat"), Description("Send template messages through a WeChat official account.")]
    public ChannelWechat? Wechat { get; set; }

    [JsonPropertyName("smtp"), Description("Send email through an SMTP server.")]
    public ChannelSmtp? Smtp { get; set; }

    [JsonPropertyName("webhook"), Description("POST messages to an HTTP endpoint.")]
    public ChannelWebhook? Webhook { get; set; }
}

[Description("Tencent Cloud SMS gateway credentials.")]
public sealed class ChannelTencentCloudSms
{
    [JsonPropertyName("appKey"), RequiredField, MinLength(1), Sensitive, Description("App key of the SMS application.")]
    public string AppKey { get; set; } = "";

    [JsonPropertyName("sdkAppID"), Description("SDK app ID of the SMS application.")]
    public string SdkAppId { get; set; } = "";

    [JsonPropertyName("extend"), Description("Extension code appended to the sender number.")]
    public string? Extend { get; set; }
}

[Description("WeChat official account credentials.")]
public sealed class ChannelWechat
{
    [JsonPropertyName("appID"), RequiredField, MinLength(1), Description("App ID of the official account.")]
    public string AppId { get; set; } = "";

    [JsonPropertyName("appSecret"), RequiredField, MinLength(1), Sensitive, Description("App secret of the official account.")]
    public string AppSecret { get; set; } = "";
}

[Description("SMTP server and sender account.")]
public sealed class ChannelSmtp
{
    [JsonPropertyName("smtpHost"), RequiredField, MinLength(1), Description("Host name or IP of the SMTP server.")]
    public string SmtpHost { get; set; } = "";

    [JsonPropertyName("smtpPort"), RequiredField, Range(1, 65535), Description("Port of the SMTP server.")]
    public int SmtpPort { get; set; }

    [JsonPropertyName("tls"), Description("Use TLS to talk to the server.")]
    public bool Tls { get; set; }

    [JsonPropertyName("email"), RequiredField, MinLength(1), Description("Sender address, also the login name.")]
    public string Email { get; set; } = "";

    [JsonPropertyName("password"), RequiredField, MinLength(1), Sensitive, Description("Sender password.")]
    public string Password { get; set; } = "";
}

[Description("HTTP endpoint receiving messages.")]
public sealed class ChannelWebhook
{
    [JsonPropertyName("url"), RequiredField, MinLength(1), Description("http or https URL messages are POSTed to.")]
    public string Url { get; set; } = "";

    [JsonPropertyName("headers"), Description("Custom headers sent with every request.")]
    public Dictionary<string, string>? Headers { get; set; }
}

[Description("Observed state of a channel.")]
public sealed class ChannelStatus
{
    [JsonPropertyName("phase"), Description("Actived (usable) or Terminating.")]
    public string? Phase { get; set; }
}

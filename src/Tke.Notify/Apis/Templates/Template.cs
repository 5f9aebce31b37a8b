using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Notify.Apis.Templates;

/// <summary>A message template; metadata.namespace is the name of the Channel it belongs to.</summary>
[Description("A message template of a channel; metadata.namespace is the channel's name. Set the body matching the channel type: text for email and webhook, tencentCloudSMS or wechat otherwise.")]
public sealed class Template : ApiObject
{
    [JsonPropertyName("spec"), Description("Template bodies.")]
    public TemplateSpec Spec { get; set; } = new();
}

[Description("Bodies of a template, one per channel type.")]
public sealed class TemplateSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the template.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("displayName"), RequiredField, MinLength(1), Description("Template name shown in the console.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("keys"), ListType(ListKind.Set), Description("Variables the template uses, filled from a message request's variables.")]
    public List<string>? Keys { get; set; }

    [JsonPropertyName("tencentCloudSMS"), Description("Approved Tencent Cloud SMS template.")]
    public TemplateTencentCloudSms? TencentCloudSms { get; set; }

    [JsonPropertyName("wechat"), Description("Registered WeChat template message.")]
    public TemplateWechat? Wechat { get; set; }

    [JsonPropertyName("text"), Description("Header and body for email, webhook and other plain-text channels.")]
    public TemplateText? Text { get; set; }
}

[Description("An approved Tencent Cloud SMS template.")]
public sealed class TemplateTencentCloudSms
{
    [JsonPropertyName("templateID"), RequiredField, MinLength(1), Description("Template ID approved by the SMS gateway.")]
    public string TemplateId { get; set; } = "";

    [JsonPropertyName("sign"), Description("Message signature.")]
    public string Sign { get; set; } = "";

    [JsonPropertyName("body"), Description("Template text, for display.")]
    public string? Body { get; set; }
}

[Description("A registered WeChat template message.")]
public sealed class TemplateWechat
{
    [JsonPropertyName("templateID"), RequiredField, MinLength(1), Description("Template message ID of the official account.")]
    public string TemplateId { get; set; } = "";

    [JsonPropertyName("url"), Description("Page opened when the user taps the notification.")]
    public string? Url { get; set; }

    [JsonPropertyName("miniProgramAppID"), Description("Mini program opened when the user taps the notification.")]
    public string? MiniProgramAppId { get; set; }

    [JsonPropertyName("miniProgramPagePath"), Description("Page of the mini program to open.")]
    public string? MiniProgramPagePath { get; set; }

    [JsonPropertyName("body"), Description("Template text, for display.")]
    public string? Body { get; set; }
}

[Description("Plain-text template.")]
public sealed class TemplateText
{
    [JsonPropertyName("body"), RequiredField, MinLength(1), Description("Message body.")]
    public string Body { get; set; } = "";

    [JsonPropertyName("header"), Description("Message header, e.g. the email subject.")]
    public string? Header { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Notify.Apis.Receivers;

[Description("A message recipient, usually a platform user, with an address per delivery channel.")]
public sealed class Receiver : ApiObject
{
    [JsonPropertyName("spec"), Description("The recipient's addresses.")]
    public ReceiverSpec Spec { get; set; } = new();
}

[Description("Addresses of a recipient.")]
public sealed class ReceiverSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the receiver.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("displayName"), RequiredField, MinLength(1), Description("Name shown in the console.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("username"), Description("Platform user the receiver stands for.")]
    public string? Username { get; set; }

    [JsonPropertyName("identities"), Description("Address per channel kind: \"mobile\" (phone number), \"email\" (email address), \"wechat_openid\" (WeChat OpenID).")]
    public Dictionary<string, string>? Identities { get; set; }
}

public static class ReceiverChannels
{
    public const string Mobile = "mobile";
    public const string Email = "email";
    public const string WechatOpenId = "wechat_openid";

    public static readonly IReadOnlyList<string> All = [Mobile, Email, WechatOpenId];
}

using Tke.ApiMachinery.Validation;
using Tke.Notify.Apis.Channels;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Notify;

public class ChannelKindTests
{
    private readonly ChannelKind _kind = new();

    private static Channel EmailChannel() => new()
    {
        Metadata = { Name = "chn-mail" },
        Spec = new ChannelSpec
        {
            TenantId = "default",
            DisplayName = "ops mail",
            Smtp = new ChannelSmtp { SmtpHost = "smtp.example.com", SmtpPort = 465, Tls = true, Email = "alarm@example.com", Password = "p@ss" },
        },
        Status = new ChannelStatus { Phase = "Actived" },
    };

    [Fact]
    public void Schema_has_tkestack_field_names_and_marks_secrets()
    {
        HasFields(_kind, "spec.finalizers", "spec.tenantID", "spec.displayName",
            "spec.smtp.smtpHost", "spec.smtp.smtpPort", "spec.smtp.tls", "spec.smtp.email", "spec.smtp.password",
            "spec.tencentCloudSMS.appKey", "spec.tencentCloudSMS.sdkAppID", "spec.tencentCloudSMS.extend",
            "spec.wechat.appID", "spec.wechat.appSecret", "spec.webhook.url", "spec.webhook.headers", "status.phase");
        Assert.True(Node(_kind, "spec.smtp.password").Sensitive);
        Assert.True(Node(_kind, "spec.tencentCloudSMS.appKey").Sensitive);
        Assert.True(Node(_kind, "spec.wechat.appSecret").Sensitive);
        Assert.False(Node(_kind, "spec.smtp.email").Sensitive);
    }

    [Fact]
    public void Schema_requires_each_methods_settings()
    {
        IsRequired(_kind, "spec", "displayName");
        foreach (var field in new[] { "smtpHost", "smtpPort", "email", "password" })
        {
            IsRequired(_kind, "spec.smtp", field);
        }

        IsRequired(_kind, "spec.tencentCloudSMS", "appKey");
        IsRequired(_kind, "spec.wechat", "appID");
        IsRequired(_kind, "spec.wechat", "appSecret");
        IsRequired(_kind, "spec.webhook", "url");
        Assert.Equal(1, Node(_kind, "spec.smtp.smtpPort").Minimum);
        Assert.Equal(65535, Node(_kind, "spec.smtp.smtpPort").Maximum);
    }

    [Fact]
    public void Valid_channels_of_each_method_pass()
    {
        Valid(Create(_kind, EmailChannel()));
        foreach (var spec in new[]
        {
            new ChannelSpec { DisplayName = "sms", TencentCloudSms = new ChannelTencentCloudSms { AppKey = "k", SdkAppId = "1400" } },
            new ChannelSpec { DisplayName = "wx", Wechat = new ChannelWechat { AppId = "wx1", AppSecret = "s" } },
            new ChannelSpec { DisplayName = "hook", Webhook = new ChannelWebhook { Url = "https://hooks.example.com/x", Headers = new() { ["X-Token"] = "t" } } },
        })
        {
            Valid(Create(_kind, new Channel { Metadata = { Name = "c" }, Spec = spec }));
        }
    }

    [Fact]
    public void Exactly_one_method_is_allowed()
    {
        var none = EmailChannel();
        none.Spec.Smtp = null;
        Single(Create(_kind, none), "spec", FieldErrorKind.Required);

        var two = EmailChannel();
        two.Spec.Webhook = new ChannelWebhook { Url = "https://hooks.example.com" };
        Single(Create(_kind, two), "spec", FieldErrorKind.Forbidden);
    }

    [Fact]
    public void Addresses_are_checked()
    {
        var badSender = EmailChannel();
        badSender.Spec.Smtp!.Email = "alarm";
        Single(Create(_kind, badSender), "spec.smtp.email", FieldErrorKind.Invalid);

        var badHook = new Channel { Spec = new ChannelSpec { DisplayName = "hook", Webhook = new ChannelWebhook { Url = "hooks.example.com" } } };
        Single(Create(_kind, badHook), "spec.webhook.url", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Tenant_change_is_forbidden()
    {
        var moved = EmailChannel();
        moved.Spec.TenantId = "t2";
        Single(Update(_kind, moved, EmailChannel()), "spec.tenantID", FieldErrorKind.Forbidden);
    }

    [Fact]
    public void Json_table_and_selectors()
    {
        var json = RoundTrip(EmailChannel());
        Assert.Equal("smtp.example.com", At(json, "spec.smtp.smtpHost")!.GetValue<string>());
        Assert.Equal(465, At(json, "spec.smtp.smtpPort")!.GetValue<int>());
        Assert.True(At(json, "spec.smtp.tls")!.GetValue<bool>());
        Assert.False(json["spec"]!.AsObject().ContainsKey("wechat"));

        var cells = Cells(_kind, EmailChannel());
        Assert.Equal("ops mail", cells["Display Name"]);
        Assert.Equal("smtp", cells["Type"]);
        Assert.Equal("Actived", cells["Phase"]);
        Assert.Equal("Actived", Selected(_kind, EmailChannel(), "status.phase"));
        Assert.Equal("default", Selected(_kind, EmailChannel(), "spec.tenantID"));
        Assert.Equal("chn-", _kind.DefaultGenerateName);
    }
}
